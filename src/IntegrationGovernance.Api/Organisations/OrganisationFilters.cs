using IntegrationGovernance.Domain.Organisations;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationGovernance.Api.Organisations;

/// <summary>The questions the organisations list answers (<c>GET /organisations</c>); they combine.</summary>
public sealed record OrganisationFilters
{
    /// <summary>Only organisations of this type.</summary>
    [FromQuery(Name = "type")]
    public OrganisationType? Type { get; init; }

    /// <summary>Only the organisation with this ODS or GSS code (case-insensitive).</summary>
    [FromQuery(Name = "code")]
    public string? Code { get; init; }

    /// <summary>Only organisations whose name contains this text (case-insensitive).</summary>
    [FromQuery(Name = "nameContains")]
    public string? NameContains { get; init; }

    /// <summary>Only organisations operational on this date.</summary>
    [FromQuery(Name = "activeOn")]
    public DateOnly? ActiveOn { get; init; }

    /// <summary>Read the register as it stood at this moment (UTC date-time).</summary>
    [FromQuery(Name = "asOf")]
    public DateTimeOffset? AsOf { get; init; }
}
