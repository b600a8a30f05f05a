using IntegrationGovernance.Domain.PooledFunds;

namespace IntegrationGovernance.Api.PooledFunds;

/// <summary>A fund's figures for a financial year (and period range), every total summed by PostgreSQL in numeric.</summary>
public sealed record FundSummaryResponse
{
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6fa0</example>
    public required Guid FundId { get; init; }

    /// <example>0-5 public health pooled budget</example>
    public required string FundName { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f90</example>
    public required Guid AgreementId { get; init; }

    /// <example>2015-16</example>
    public required string FinancialYear { get; init; }

    /// <example>1</example>
    public required int FromPeriod { get; init; }

    /// <example>12</example>
    public required int ToPeriod { get; init; }

    public required IReadOnlyList<PartnerFiguresResponse> Partners { get; init; }

    /// <summary>The sum of each partner's effective contribution (its actual, else revised, else planned).</summary>
    /// <example>2453000.00</example>
    public required decimal Contributions { get; init; }

    /// <summary>Spend less income booked in the periods asked for.</summary>
    /// <example>2401234.56</example>
    public required decimal Spend { get; init; }

    /// <summary>Contributions − spend: positive is an underspend, negative an overspend.</summary>
    /// <example>51765.44</example>
    public required decimal Variance { get; init; }

    /// <example>InProportionToContributions</example>
    public required RiskShareMethod RiskShareMethod { get; init; }

    public required IReadOnlyList<PeriodFiguresResponse> Periods { get; init; }
}

public sealed record PartnerFiguresResponse
{
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70</example>
    public required Guid OrganisationId { get; init; }

    /// <example>2453000.00</example>
    public required decimal Planned { get; init; }

    /// <example>0.00</example>
    public required decimal Revised { get; init; }

    /// <example>0.00</example>
    public required decimal Actual { get; init; }

    /// <summary>Actual if any is recorded, else revised, else planned.</summary>
    /// <example>2453000.00</example>
    public required decimal Effective { get; init; }

    /// <summary>This partner's part of the variance under the year's risk share, to the penny.</summary>
    /// <example>51765.44</example>
    public required decimal ShareOfVariance { get; init; }
}

public sealed record PeriodFiguresResponse
{
    /// <example>7</example>
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

    public required IReadOnlyList<ContributionResponse> Contributions { get; init; }
}
