using System.ComponentModel.DataAnnotations;
using IntegrationGovernance.Domain.PooledFunds;

namespace IntegrationGovernance.Api.PooledFunds;

/// <summary>A fund's figures for a financial year (and period range), every total summed by PostgreSQL in numeric.</summary>
public sealed record FundSummaryResponse
{
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6fa0</example>
    public required Guid FundId { get; init; }

    /// <example>0-5 public health pooled budget</example>
    [MaxLength(PooledFund.MaxTextLength)]
    public required string FundName { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f90</example>
    public required Guid AgreementId { get; init; }

    /// <example>2015-16</example>
    [MaxLength(Domain.PooledFunds.FinancialYear.Length)]
    [RegularExpression(Domain.PooledFunds.FinancialYear.Pattern, ErrorMessage = Domain.PooledFunds.FinancialYear.Problem)]
    public required string FinancialYear { get; init; }

    /// <example>1</example>
    [Range(PeriodRange.First, PeriodRange.Last)]
    public required int FromPeriod { get; init; }

    /// <example>12</example>
    [Range(PeriodRange.First, PeriodRange.Last)]
    public required int ToPeriod { get; init; }

    [MaxLength(Http.RequestBounds.MaxPartiesEver)]

    public required IReadOnlyList<PartnerFiguresResponse> Partners { get; init; }

    /// <summary>The sum of each partner's effective cash contribution (its latest actual, else latest revised, else latest planned).</summary>
    /// <example>2453000.00</example>
    public required decimal Contributions { get; init; }

    /// <summary>The sum of each partner's effective in-kind contribution (staff, premises, equipment): reported apart, outside the variance.</summary>
    /// <example>120000.00</example>
    public required decimal InKindContributions { get; init; }

    /// <summary>Spend less income booked in the periods asked for.</summary>
    /// <example>2401234.56</example>
    public required decimal Spend { get; init; }

    /// <summary>Cash contributions − spend: positive is an underspend, negative an overspend. In-kind contributions do not enter it.</summary>
    /// <example>51765.44</example>
    public required decimal Variance { get; init; }

    /// <example>InProportionToContributions</example>
    public required RiskShareMethod RiskShareMethod { get; init; }

    [MaxLength(PeriodRange.Last)]

    public required IReadOnlyList<PeriodFiguresResponse> Periods { get; init; }
}

/// <summary>
/// One partner's contributions for the year. Each figure is the latest recorded of its kind: a later revised figure
/// replaces the earlier one, and a corrected actual the earlier actual; none is added to another. Zero when none is recorded.
/// </summary>
public sealed record PartnerFiguresResponse
{
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70</example>
    public required Guid OrganisationId { get; init; }

    /// <summary>The latest planned cash contribution.</summary>
    /// <example>2453000.00</example>
    public required decimal Planned { get; init; }

    /// <summary>The latest revised cash contribution.</summary>
    /// <example>0.00</example>
    public required decimal Revised { get; init; }

    /// <summary>The latest actual cash contribution.</summary>
    /// <example>0.00</example>
    public required decimal Actual { get; init; }

    /// <summary>Cash: the latest actual if any is recorded, else the latest revised, else the latest planned.</summary>
    /// <example>2453000.00</example>
    public required decimal Effective { get; init; }

    /// <summary>In-kind contributions, the same way, reported apart from cash.</summary>
    public required ContributionFiguresResponse InKind { get; init; }

    /// <summary>This partner's part of the cash variance under the year's risk share, to the penny.</summary>
    /// <example>51765.44</example>
    public required decimal ShareOfVariance { get; init; }
}

/// <summary>The latest recorded figure of each kind (zero when none), and the effective one: actual, else revised, else planned.</summary>
public sealed record ContributionFiguresResponse
{
    /// <example>100000.00</example>
    public required decimal Planned { get; init; }

    /// <example>120000.00</example>
    public required decimal Revised { get; init; }

    /// <example>0.00</example>
    public required decimal Actual { get; init; }

    /// <example>120000.00</example>
    public required decimal Effective { get; init; }
}

public sealed record PeriodFiguresResponse
{
    /// <example>7</example>
    [Range(PeriodRange.First, PeriodRange.Last)]
    public required int Period { get; init; }

    /// <example>204416.67</example>
    public required decimal Spend { get; init; }
}

/// <summary>A fund an organisation hosts or contributes to, with its own contributions for the year.</summary>
public sealed record OrganisationFundResponse
{
    public required PooledFundResponse Fund { get; init; }

    /// <example>true</example>
    public required bool Hosts { get; init; }

    [MaxLength(Contribution.MaxPerPartnerYear)]

    public required IReadOnlyList<ContributionResponse> Contributions { get; init; }
}
