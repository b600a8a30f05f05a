using System.ComponentModel.DataAnnotations;
using IntegrationGovernance.Domain.PooledFunds;

namespace IntegrationGovernance.Api.PooledFunds;

/// <summary>A fund's whole budget for a financial year: it replaces any budget set before for that year.</summary>
public sealed record FundBudgetRequest
{
    /// <summary>One line per category, or per category and partner; at least one.</summary>
    [MinLength(1)]
    [MaxLength(FundBudget.MaxLines)]
    public required IReadOnlyList<BudgetLineContract> Lines { get; init; }
}

/// <summary>A category's budget, or the part of it one partner funds.</summary>
public sealed record BudgetLineContract
{
    /// <summary>The scheme or cost line, named as the fund's ledger lines name it (their <c>category</c>).</summary>
    /// <example>Health visiting</example>
    [MaxLength(LedgerLine.MaxCategoryLength)]
    public required string Category { get; init; }

    /// <summary>The partner funding this part of the category: a party to the fund's agreement. Absent for a line no partner is named on.</summary>
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70</example>
    public Guid? OrganisationId { get; init; }

    /// <summary>Pounds, 0 to 999,999,999,999.99, at most two decimal places.</summary>
    /// <example>1226500.00</example>
    [Range(typeof(decimal), "0", Money.MaxText, ParseLimitsInInvariantCulture = true, ErrorMessage = Money.OutOfRange)]
    public required decimal Amount { get; init; }
}

public sealed record FundBudgetResponse
{
    /// <summary>The budget record: its revisions are the budgets set for the year, oldest first.</summary>
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6fc0</example>
    public required Guid Id { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6fa0</example>
    public required Guid FundId { get; init; }

    /// <example>2015-16</example>
    [MaxLength(Domain.PooledFunds.FinancialYear.Length)]
    [RegularExpression(Domain.PooledFunds.FinancialYear.Pattern, ErrorMessage = Domain.PooledFunds.FinancialYear.Problem)]
    public required string FinancialYear { get; init; }

    [MaxLength(FundBudget.MaxLines)]

    public required IReadOnlyList<BudgetLineContract> Lines { get; init; }

    /// <summary>The sum of every line.</summary>
    /// <example>2453000.00</example>
    public required decimal Total { get; init; }

    /// <example>2026-11-23T12:00:00+00:00</example>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When this budget was set.</summary>
    /// <example>2026-11-23T12:00:00+00:00</example>
    public required DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>The host's forecast outturn for the year as at a period: the expected full-year spend of each category.</summary>
public sealed record ForecastOutturnRequest
{
    /// <summary>One line per category; a category not named is forecast at nothing. At least one.</summary>
    [MinLength(1)]
    [MaxLength(ForecastOutturn.MaxLines)]
    public required IReadOnlyList<ForecastLineContract> Lines { get; init; }
}

public sealed record ForecastLineContract
{
    /// <summary>The scheme or cost line, named as the fund's ledger lines name it.</summary>
    /// <example>Health visiting</example>
    [MaxLength(LedgerLine.MaxCategoryLength)]
    public required string Category { get; init; }

    /// <summary>The year's expected spend less income in pounds, at most 999,999,999,999.99 either way, two decimal places.</summary>
    /// <example>1250000.00</example>
    [Range(typeof(decimal), Money.MinText, Money.MaxText, ParseLimitsInInvariantCulture = true, ErrorMessage = Money.OutOfRange)]
    public required decimal Amount { get; init; }
}

public sealed record ForecastOutturnResponse
{
    /// <summary>The forecast record of this period: its revisions are each submission, oldest first.</summary>
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6fe0</example>
    public required Guid Id { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6fa0</example>
    public required Guid FundId { get; init; }

    /// <example>2015-16</example>
    [MaxLength(Domain.PooledFunds.FinancialYear.Length)]
    [RegularExpression(Domain.PooledFunds.FinancialYear.Pattern, ErrorMessage = Domain.PooledFunds.FinancialYear.Problem)]
    public required string FinancialYear { get; init; }

    /// <summary>The period the forecast is made at: 1 (April) to 12 (March).</summary>
    /// <example>6</example>
    [Range(PeriodRange.First, PeriodRange.Last)]
    public required int Period { get; init; }

    [MaxLength(ForecastOutturn.MaxLines)]

    public required IReadOnlyList<ForecastLineContract> Lines { get; init; }

    /// <summary>The forecast outturn of the whole fund: the sum of every line.</summary>
    /// <example>2480000.00</example>
    public required decimal Total { get; init; }

    /// <example>2026-11-23T12:00:00+00:00</example>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When this forecast was submitted.</summary>
    /// <example>2026-11-23T12:00:00+00:00</example>
    public required DateTimeOffset UpdatedAt { get; init; }
}
