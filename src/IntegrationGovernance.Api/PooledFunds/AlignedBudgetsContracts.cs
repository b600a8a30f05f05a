using System.ComponentModel.DataAnnotations;
using IntegrationGovernance.Domain.PooledFunds;

namespace IntegrationGovernance.Api.PooledFunds;

/// <summary>
/// A partner's aligned budget and spend for the year, as it reports them: its own money, aligned to the agreement without
/// being pooled. Each report replaces the partner's previous one for the year.
/// </summary>
public sealed record AlignedBudgetRequest
{
    /// <summary>Pounds, 0 to 999,999,999,999.99, at most two decimal places.</summary>
    /// <example>3200000.00</example>
    [Range(typeof(decimal), "0", Money.MaxText, ParseLimitsInInvariantCulture = true, ErrorMessage = Domain.PooledFunds.Money.OutOfRange)]
    public required decimal Budget { get; init; }

    /// <summary>Spend to date or at year end, as reported. Pounds, 0 to 999,999,999,999.99.</summary>
    /// <example>2950000.00</example>
    [Range(typeof(decimal), "0", Money.MaxText, ParseLimitsInInvariantCulture = true, ErrorMessage = Domain.PooledFunds.Money.OutOfRange)]
    public required decimal Spend { get; init; }

    /// <summary>Optionally the same figures by category or service; they must add up to the budget and the spend.</summary>
    [MaxLength(AlignedBudgetReport.MaxCategories)]
    public IReadOnlyList<AlignedBudgetCategoryContract> Categories { get; init; } = [];

    /// <example>Month 9 return</example>
    [MaxLength(AlignedBudgetReport.MaxNoteLength)]
    public string? Note { get; init; }
}

public sealed record AlignedBudgetCategoryContract
{
    /// <example>Community equipment</example>
    [MaxLength(AlignedBudgetReport.MaxCategoryLength)]
    public required string Category { get; init; }

    /// <example>1200000.00</example>
    [Range(typeof(decimal), "0", Money.MaxText, ParseLimitsInInvariantCulture = true, ErrorMessage = Domain.PooledFunds.Money.OutOfRange)]
    public required decimal Budget { get; init; }

    /// <example>1100000.00</example>
    [Range(typeof(decimal), "0", Money.MaxText, ParseLimitsInInvariantCulture = true, ErrorMessage = Domain.PooledFunds.Money.OutOfRange)]
    public required decimal Spend { get; init; }
}

/// <summary>One report of a partner's aligned budget for a year.</summary>
public sealed record AlignedBudgetReportResponse
{
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6ff0</example>
    public required Guid Id { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f90</example>
    public required Guid AgreementId { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70</example>
    public required Guid OrganisationId { get; init; }

    /// <example>2015-16</example>
    [MaxLength(Domain.PooledFunds.FinancialYear.Length)]
    [RegularExpression(Domain.PooledFunds.FinancialYear.Pattern, ErrorMessage = Domain.PooledFunds.FinancialYear.Problem)]
    public required string FinancialYear { get; init; }

    /// <summary>1 for the partner's first report for the year, one more for each that replaced it. Its ETag is this number.</summary>
    /// <example>2</example>
    [Range(1, AlignedBudgetReport.MaxRevisions)]
    public required int Revision { get; init; }

    /// <example>3200000.00</example>
    public required decimal Budget { get; init; }

    /// <example>2950000.00</example>
    public required decimal Spend { get; init; }

    /// <summary>Budget − spend: positive is an underspend, negative an overspend, the partner's own (aligned budgets share no risk).</summary>
    /// <example>250000.00</example>
    public required decimal Variance { get; init; }

    [MaxLength(AlignedBudgetReport.MaxCategories)]

    public required IReadOnlyList<AlignedBudgetCategoryContract> Categories { get; init; }

    /// <example>Month 9 return</example>
    [MaxLength(AlignedBudgetReport.MaxNoteLength)]
    public string? Note { get; init; }

    /// <example>2026-11-23T12:00:00+00:00</example>
    public required DateTimeOffset ReportedAt { get; init; }

    /// <summary>The report that replaced this one (then this one no longer counts); null for the latest.</summary>
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6ff1</example>
    public Guid? ReplacedBy { get; init; }
}

/// <summary>An agreement's aligned budgets for a year: each partner's latest report, and their totals (summed by PostgreSQL).</summary>
public sealed record AlignedBudgetsResponse
{
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f90</example>
    public required Guid AgreementId { get; init; }

    /// <example>HARROW-S75-2013</example>
    [MaxLength(Domain.Agreements.AgreementRules.MaxReferenceLength)]
    public required string AgreementReference { get; init; }

    /// <example>2015-16</example>
    [MaxLength(Domain.PooledFunds.FinancialYear.Length)]
    [RegularExpression(Domain.PooledFunds.FinancialYear.Pattern, ErrorMessage = Domain.PooledFunds.FinancialYear.Problem)]
    public required string FinancialYear { get; init; }

    /// <summary>Each partner's latest report, by organisation id (with <c>withReplaced=true</c>, every report, oldest first per partner).</summary>
    [MaxLength(Http.RequestBounds.MaxPartiesEver)]
    public required IReadOnlyList<AlignedBudgetReportResponse> Partners { get; init; }

    /// <summary>The sum of the partners' latest budgets.</summary>
    /// <example>5400000.00</example>
    public required decimal Budget { get; init; }

    /// <example>5100000.00</example>
    public required decimal Spend { get; init; }

    /// <example>300000.00</example>
    public required decimal Variance { get; init; }
}
