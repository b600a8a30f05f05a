using Microsoft.AspNetCore.Mvc;

namespace IntegrationGovernance.Api.PooledFunds;

/// <summary>Which of a fund's ledger lines to list (<c>GET /pooled-funds/{id}/ledger</c>).</summary>
public sealed record LedgerFilters
{
    /// <summary>Only lines of this financial year, e.g. 2015-16.</summary>
    [FromQuery(Name = "financialYear")]
    public string? FinancialYear { get; init; }

    /// <summary>First month period, 1 (April) to 12 (March).</summary>
    [FromQuery(Name = "fromPeriod")]
    public int? FromPeriod { get; init; }

    /// <summary>Last month period.</summary>
    [FromQuery(Name = "toPeriod")]
    public int? ToPeriod { get; init; }

    /// <summary>The ledger exactly as the register held it at this moment (UTC date-time): lines booked later left out.</summary>
    [FromQuery(Name = "asOf")]
    public DateTimeOffset? AsOf { get; init; }
}

/// <summary>Which funds' figures to list, for which year and periods (<c>GET /finance/summaries</c>).</summary>
public sealed record FundSummaryFilters
{
    /// <summary>e.g. 2015-16.</summary>
    [FromQuery(Name = "financialYear")]
    public required string FinancialYear { get; init; }

    /// <summary>Only funds of this agreement.</summary>
    [FromQuery(Name = "agreementId")]
    public Guid? AgreementId { get; init; }

    /// <summary>Only funds whose agreement this organisation is a party to.</summary>
    [FromQuery(Name = "organisationId")]
    public Guid? OrganisationId { get; init; }

    /// <summary>First month period, 1 (April) to 12 (March); default 1.</summary>
    [FromQuery(Name = "fromPeriod")]
    public int? FromPeriod { get; init; }

    /// <summary>Last month period; default 12.</summary>
    [FromQuery(Name = "toPeriod")]
    public int? ToPeriod { get; init; }

    /// <summary>The figures exactly as the register gave them at this moment (UTC date-time): later bookings, contributions and risk shares left out.</summary>
    [FromQuery(Name = "asOf")]
    public DateTimeOffset? AsOf { get; init; }
}
