using System.ComponentModel.DataAnnotations;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Domain.Organisations;

namespace IntegrationGovernance.Api.Organisations;

/// <summary>An organisation as the register holds it.</summary>
public sealed record OrganisationResponse
{
    /// <summary>The register's id for the organisation.</summary>
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70</example>
    public required Guid Id { get; init; }

    /// <example>Bath and North East Somerset Primary Care Trust</example>
    [MaxLength(OrganisationDetails.MaxNameLength)]
    public required string Name { get; init; }

    /// <summary>Its type now; <c>earlierTypes</c> says what it was before.</summary>
    /// <example>PrimaryCareTrust</example>
    public required OrganisationType Type { get; init; }

    /// <summary>The types it had before its present one, each to its last day, earliest first (empty when it never changed).</summary>
    [MaxLength(Organisation.MaxEarlierTypes)]
    public required IReadOnlyList<EarlierTypeContract> EarlierTypes { get; init; }

    /// <summary>NHS Organisation Data Service code.</summary>
    /// <example>5FL</example>
    [MaxLength(5)]
    [RegularExpression(OrganisationCodes.OdsPattern)]
    public string? OdsCode { get; init; }

    /// <summary>ONS Government Statistical Service code of the area served.</summary>
    /// <example>E06000022</example>
    [MaxLength(9)]
    [RegularExpression(OrganisationCodes.GssPattern)]
    public string? GssCode { get; init; }

    /// <summary>First day the organisation operated, if known.</summary>
    /// <example>2002-04-01</example>
    public DateOnly? OperationalFrom { get; init; }

    /// <summary>Last day the organisation operated; null while it still operates.</summary>
    /// <example>2013-03-31</example>
    public DateOnly? OperationalTo { get; init; }

    /// <summary>For a governance body: the organisation it decides for (its approvals count for that party).</summary>
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70</example>
    public Guid? PartOfId { get; init; }

    /// <summary>When the register first recorded it (UTC).</summary>
    /// <example>2026-11-23T12:00:00+00:00</example>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the register last changed it (UTC).</summary>
    /// <example>2026-11-23T12:00:00+00:00</example>
    public required DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>What a client states about an organisation, to create it or to replace what it holds.</summary>
public sealed record OrganisationRequest
{
    /// <example>Bath and North East Somerset Primary Care Trust</example>
    [MaxLength(OrganisationDetails.MaxNameLength)]
    public required string Name { get; init; }

    /// <example>PrimaryCareTrust</example>
    public required OrganisationType Type { get; init; }

    /// <summary>NHS ODS code: 3 or 5 letters and digits (PCT 5xx, care trust Txx, NHS trust Rxx); unique.</summary>
    /// <example>5FL</example>
    [MaxLength(RequestBounds.MaxCodeLength)]
    public string? OdsCode { get; init; }

    /// <summary>GSS code: E, W, S or N followed by 8 digits; unique.</summary>
    /// <example>E06000022</example>
    [MaxLength(RequestBounds.MaxCodeLength)]
    public string? GssCode { get; init; }

    /// <example>2002-04-01</example>
    public DateOnly? OperationalFrom { get; init; }

    /// <summary>Must not be before <c>operationalFrom</c>.</summary>
    /// <example>2013-03-31</example>
    public DateOnly? OperationalTo { get; init; }

    /// <summary>
    /// For a governance body (type PartnershipBoard or HealthAndWellbeingBoard), the organisation it decides for: a council's Cabinet is part of the
    /// council, a PCT Board of the PCT. Its approvals of an agreement count as that party's.
    /// </summary>
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70</example>
    public Guid? PartOfId { get; init; }
}

/// <summary>Closes an organisation: it stopped operating at the end of <c>lastDay</c>.</summary>
public sealed record CloseOrganisationRequest
{
    /// <example>2013-03-31</example>
    public required DateOnly LastDay { get; init; }
}

/// <summary>A type an organisation had before, to its last day.</summary>
public sealed record EarlierTypeContract
{
    /// <example>DistrictCouncil</example>
    public required OrganisationType Type { get; init; }

    /// <summary>The last day it was of this type.</summary>
    /// <example>1996-03-31</example>
    public required DateOnly Until { get; init; }
}

/// <summary>The organisation became a body of another type from a date (a reorganisation), keeping its identity and records.</summary>
public sealed record TypeChangeRequest
{
    /// <example>UnitaryAuthority</example>
    public required OrganisationType Type { get; init; }

    /// <summary>The first day of the new type; the present type runs to the day before.</summary>
    /// <example>1996-04-01</example>
    public required DateOnly From { get; init; }
}
