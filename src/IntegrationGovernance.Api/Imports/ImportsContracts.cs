using System.ComponentModel.DataAnnotations;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Organisations;

namespace IntegrationGovernance.Api.Imports;

/// <summary>
/// One organisation to import. CSV columns: <c>name,type,ods_code,gss_code,operational_from,operational_to</c>.
/// </summary>
public sealed record OrganisationImportRow
{
    /// <example>Harrow Primary Care Trust</example>
    [MaxLength(OrganisationDetails.MaxNameLength)]
    public string? Name { get; init; }

    /// <example>PrimaryCareTrust</example>
    public OrganisationType? Type { get; init; }

    /// <example>5K6</example>
    [MaxLength(RequestBounds.MaxCodeLength)]
    public string? OdsCode { get; init; }

    /// <example>E09000015</example>
    [MaxLength(RequestBounds.MaxCodeLength)]
    public string? GssCode { get; init; }

    /// <example>2002-04-01</example>
    public DateOnly? OperationalFrom { get; init; }

    /// <example>2013-03-31</example>
    public DateOnly? OperationalTo { get; init; }
}

/// <summary>
/// One agreement to import, as a contracts register holds it. CSV columns:
/// <c>reference,title,purpose,basis,flexibilities,services,client_groups,parties,signed_on,commences_on,ends_on,notice_months,review_on,parent_reference</c>;
/// lists are separated by <c>;</c> and parties are <c>code:Role</c> (ODS or GSS code, or register id), e.g. <c>E09000015:Host;5K6:Partner</c>.
/// </summary>
public sealed record AgreementImportRow
{
    /// <example>HARROW-S31-2005</example>
    [MaxLength(AgreementRules.MaxReferenceLength)]
    public string? Reference { get; init; }

    /// <example>Over-arching section 31 agreement for joint commissioning</example>
    [MaxLength(AgreementRules.MaxTitleLength)]
    public string? Title { get; init; }

    /// <example>Joint commissioning of community care services for adults.</example>
    [MaxLength(AgreementRules.MaxPurposeLength)]
    public string? Purpose { get; init; }

    /// <example>Section31HealthAct1999</example>
    public StatutoryBasis? Basis { get; init; }

    /// <example>["PooledFund"]</example>
    [MaxLength(RequestBounds.MaxFlexibilities)]
    public IReadOnlyList<Flexibility> Flexibilities { get; init; } = [];

    /// <example>["adult community care"]</example>
    [MaxLength(RequestBounds.MaxListItems)]
    [EachMaxLength(AgreementRules.MaxTermLength)]
    public IReadOnlyList<string> Services { get; init; } = [];

    /// <example>["adults"]</example>
    [MaxLength(RequestBounds.MaxListItems)]
    [EachMaxLength(AgreementRules.MaxTermLength)]
    public IReadOnlyList<string> ClientGroups { get; init; } = [];

    [MaxLength(RequestBounds.MaxParties)]

    public IReadOnlyList<ImportPartyContract> Parties { get; init; } = [];

    /// <example>2005-09-01</example>
    public DateOnly? SignedOn { get; init; }

    /// <example>2005-10-01</example>
    public DateOnly? CommencesOn { get; init; }

    /// <example>2013-03-31</example>
    public DateOnly? EndsOn { get; init; }

    /// <example>6</example>
    [Range(0, 60)]
    public int? NoticeMonths { get; init; }

    /// <example>2008-03-31</example>
    public DateOnly? ReviewOn { get; init; }

    /// <summary>The over-arching agreement, already in the register or earlier in the file.</summary>
    /// <example>HARROW-S31-2005</example>
    [MaxLength(AgreementRules.MaxReferenceLength)]
    public string? ParentReference { get; init; }
}

public sealed record ImportPartyContract
{
    /// <summary>An ODS or GSS code, or the register id.</summary>
    /// <example>E09000015</example>
    [MaxLength(36)]
    public required string Organisation { get; init; }

    /// <example>Host</example>
    public required PartyRole Role { get; init; }
}

/// <summary>What an import did, or (with dryRun) would do.</summary>
public sealed record ImportReport
{
    /// <example>false</example>
    public required bool DryRun { get; init; }

    /// <example>5000</example>
    [Range(0, ImportFile.MaxRows)]
    public required int Rows { get; init; }

    /// <example>4990</example>
    [Range(0, ImportFile.MaxRows)]
    public required int Added { get; init; }

    /// <summary>Rows whose code or reference the register already holds: a re-import changes nothing.</summary>
    /// <example>10</example>
    [Range(0, ImportFile.MaxRows)]
    public required int AlreadyRecorded { get; init; }
}
