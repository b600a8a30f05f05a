using IntegrationGovernance.Domain.Common;

namespace IntegrationGovernance.Domain.Organisations;

/// <summary>What a client may say about an organisation; everything else is the register's own.</summary>
public sealed record OrganisationDetails(
    string Name,
    OrganisationType Type,
    string? OdsCode,
    string? GssCode,
    DateOnly? OperationalFrom,
    DateOnly? OperationalTo,
    Guid? PartOfId = null)
{
    public const int MaxNameLength = 200;

    public DateRange Operational => new(OperationalFrom, OperationalTo);

    /// <summary>The same details with names trimmed and codes in their stored form.</summary>
    public OrganisationDetails Normalised() => this with
    {
        Name = Name.Trim(),
        OdsCode = OrganisationCodes.Normalise(OdsCode),
        GssCode = OrganisationCodes.Normalise(GssCode),
    };

    public IReadOnlyList<RuleViolation> Validate()
    {
        var problems = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(Name))
            problems.Add(new("$.name", "A name is required."));
        else if (Name.Length > MaxNameLength)
            problems.Add(new("$.name", $"A name is at most {MaxNameLength} characters."));
        if (!Enum.IsDefined(Type))
            problems.Add(new("$.type", "Unknown organisation type."));
        else if (OdsCode is not null && OrganisationCodes.OdsCodeProblem(OdsCode, Type) is { } odsProblem)
            problems.Add(new("$.odsCode", odsProblem));
        if (GssCode is not null && OrganisationCodes.GssCodeProblem(GssCode) is { } gssProblem)
            problems.Add(new("$.gssCode", gssProblem));
        if (PartOfId is not null && !Type.IsGovernanceBody())
            problems.Add(new("$.partOfId", "Only a governance body (type PartnershipBoard or HealthAndWellbeingBoard: a Cabinet, a PCT Board) is part of another organisation."));
        if (!Operational.IsOrdered)
            problems.Add(new("$.operationalTo", "The operational end date is before the start date."));
        return problems;
    }
}
