using System.ComponentModel.DataAnnotations;
using IntegrationGovernance.Domain.PooledFunds;

namespace IntegrationGovernance.Api.PooledFunds;

/// <summary>
/// A fund's monthly report to its board, for a financial year at a month period. Variance is budget − forecast outturn:
/// positive is a forecast underspend, negative an overspend. Every figure is exact to the penny; spend is summed by PostgreSQL.
/// </summary>
public sealed record MonthlyReportResponse
{
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6fa0</example>
    public required Guid FundId { get; init; }

    /// <example>Better Care Fund pooled budget</example>
    [MaxLength(PooledFund.MaxTextLength)]
    public required string FundName { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f90</example>
    public required Guid AgreementId { get; init; }

    /// <example>2015-16</example>
    [MaxLength(Domain.PooledFunds.FinancialYear.Length)]
    [RegularExpression(Domain.PooledFunds.FinancialYear.Pattern, ErrorMessage = Domain.PooledFunds.FinancialYear.Problem)]
    public required string FinancialYear { get; init; }

    /// <summary>The report's month period: 1 (April) to 12 (March).</summary>
    /// <example>6</example>
    [Range(PeriodRange.First, PeriodRange.Last)]
    public required int Period { get; init; }

    /// <summary>How the year's variance is shared between partners.</summary>
    /// <example>Percentages</example>
    public required RiskShareMethod RiskShareMethod { get; init; }

    /// <summary>When the year's budget was last set; null when no budget is set for the year (every category's budget is then 0.00).</summary>
    /// <example>2026-11-23T12:00:00+00:00</example>
    public DateTimeOffset? BudgetSetAt { get; init; }

    /// <summary>Whether the host submitted a forecast outturn for this period. When not, every forecast outturn, variance and share of it is null.</summary>
    /// <example>true</example>
    public required bool ForecastSubmitted { get; init; }

    /// <summary>When the forecast for this period was submitted (its latest submission); null when none was.</summary>
    /// <example>2026-11-23T12:00:00+00:00</example>
    public DateTimeOffset? ForecastSubmittedAt { get; init; }

    /// <summary>The latest period, up to and including this one, with a forecast submitted: this period when it has one, an earlier one when only that has, null when none has.</summary>
    /// <example>6</example>
    [Range(PeriodRange.First, PeriodRange.Last)]
    public int? LatestForecastPeriod { get; init; }

    /// <summary>Every category budgeted, forecast, or with spend from P1 to the period, in ordinal order of name.</summary>
    [MaxLength(MonthlyReport.MaxCategories)]
    public required IReadOnlyList<ReportCategoryResponse> Categories { get; init; }

    public required ReportTotalsResponse Total { get; init; }

    /// <summary>Every partner with a budget line, a cash contribution for the year or a share of the variance.</summary>
    [MaxLength(Http.RequestBounds.MaxPartiesEver)]
    public required IReadOnlyList<ReportPartnerResponse> Partners { get; init; }
}

public sealed record ReportCategoryResponse
{
    /// <example>Health visiting</example>
    [MaxLength(LedgerLine.MaxCategoryLength)]
    public required string Category { get; init; }

    /// <summary>Whether the year's budget has a line for the category. A category with spend but no budget line has a budget of 0.00.</summary>
    /// <example>true</example>
    public required bool Budgeted { get; init; }

    /// <summary>The category's budget: the sum of its lines, whichever partner funds them.</summary>
    /// <example>1226500.00</example>
    public required decimal Budget { get; init; }

    /// <summary>The parts of the budget named to partners (a line naming no partner is not listed here).</summary>
    [MaxLength(Http.RequestBounds.MaxPartiesEver)]
    public required IReadOnlyList<PartnerBudgetResponse> PartnerBudgets { get; init; }

    /// <summary>Spend less income booked in the period.</summary>
    /// <example>102208.33</example>
    public required decimal ActualForPeriod { get; init; }

    /// <summary>Spend less income booked from P1 to the period.</summary>
    /// <example>613250.00</example>
    public required decimal ActualToDate { get; init; }

    /// <summary>Whether the period's forecast names the category (one that does not forecasts it at 0.00).</summary>
    /// <example>true</example>
    public required bool InForecast { get; init; }

    /// <summary>The expected full-year spend as forecast for this period; null when no forecast was submitted for it.</summary>
    /// <example>1250000.00</example>
    public decimal? ForecastOutturn { get; init; }

    /// <summary>Budget − forecast outturn: positive is a forecast underspend; null when no forecast was submitted for the period.</summary>
    /// <example>-23500.00</example>
    public decimal? Variance { get; init; }
}

public sealed record PartnerBudgetResponse
{
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70</example>
    public required Guid OrganisationId { get; init; }

    /// <example>613250.00</example>
    public required decimal Amount { get; init; }
}

public sealed record ReportTotalsResponse
{
    /// <example>2453000.00</example>
    public required decimal Budget { get; init; }

    /// <example>204416.67</example>
    public required decimal ActualForPeriod { get; init; }

    /// <example>1226500.00</example>
    public required decimal ActualToDate { get; init; }

    /// <summary>The forecast outturn of the whole fund; null when no forecast was submitted for the period.</summary>
    /// <example>2480000.00</example>
    public decimal? ForecastOutturn { get; init; }

    /// <summary>Total budget − total forecast outturn (the sum of the categories' variances): what the risk share splits.</summary>
    /// <example>-27000.00</example>
    public decimal? Variance { get; init; }
}

public sealed record ReportPartnerResponse
{
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70</example>
    public required Guid OrganisationId { get; init; }

    /// <summary>The budget lines named to this partner, summed.</summary>
    /// <example>1226500.00</example>
    public required decimal Budget { get; init; }

    /// <summary>Its effective cash contribution for the year (latest actual, else revised, else planned): what a split in proportion to contributions weighs.</summary>
    /// <example>1226500.00</example>
    public required decimal Contribution { get; init; }

    /// <summary>Its share of the total forecast variance under the year's risk share, to the penny: the shares add up to the variance (unless it is split in proportion to contributions and no partner has a cash contribution, when every share is 0.00). Null when no forecast was submitted for the period.</summary>
    /// <example>-16200.00</example>
    public decimal? ShareOfVariance { get; init; }
}
