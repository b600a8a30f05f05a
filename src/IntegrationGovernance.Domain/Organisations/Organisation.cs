using IntegrationGovernance.Domain.Common;

namespace IntegrationGovernance.Domain.Organisations;

/// <summary>
/// A body that can be party to an agreement. Never deleted once it exists: when it stops operating it is
/// closed with an end date, and its rights and duties may pass to successors (<see cref="Successions.Succession"/>).
/// </summary>
public sealed class Organisation : IVersionedRecord
{
    private Organisation()
    {
        Name = string.Empty;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    /// <summary>Its type now; <see cref="TypeOn"/> gives the type on a date.</summary>
    public OrganisationType Type { get; private set; }

    /// <summary>
    /// The types it had before its present one, each to its last day, earliest first: Stockton-on-Tees was a district
    /// council of Cleveland until 31 March 1996 and a unitary authority from 1 April 1996.
    /// </summary>
    public List<EarlierType> EarlierTypes { get; private set; } = [];

    /// <summary>The most changes of type an organisation records (every read of it returns them all).</summary>
    public const int MaxEarlierTypes = 50;

    /// <summary>NHS Organisation Data Service code; never reused, so unique across the register.</summary>
    public string? OdsCode { get; private set; }

    /// <summary>ONS Government Statistical Service code of the area the body serves.</summary>
    public string? GssCode { get; private set; }

    public DateOnly? OperationalFrom { get; private set; }

    public DateOnly? OperationalTo { get; private set; }

    /// <summary>For a governance body (a council's Cabinet, a PCT's Board): the organisation it decides for.</summary>
    public Guid? PartOfId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Row version kept by the database; the ETag clients send back in If-Match.</summary>
    public uint Version { get; private set; }

    public DateRange Operational => new(OperationalFrom, OperationalTo);

    public OrganisationDetails Details => new(Name, Type, OdsCode, GssCode, OperationalFrom, OperationalTo, PartOfId);

    /// <summary>Creates an organisation from valid details; call <see cref="OrganisationDetails.Validate"/> first.</summary>
    public static Organisation Create(OrganisationDetails details, DateTimeOffset now)
    {
        var organisation = new Organisation { Id = Guid.CreateVersion7(now), CreatedAt = now };
        organisation.Apply(details, now);
        return organisation;
    }

    /// <summary>
    /// Replaces what the client owns with valid details; call <see cref="OrganisationDetails.Validate"/> first. Its type,
    /// its codes (by which tokens name the organisation they act for) and the organisation it is part of say who it is
    /// and who acts for it, so only the administrator changes them. Its operational dates keep every recorded type change
    /// inside its life (<see cref="DatesProblems"/>); otherwise nothing changes and the problems are returned.
    /// </summary>
    public IReadOnlyList<RuleViolation> Update(OrganisationDetails details, Actor actor, DateTimeOffset now)
    {
        if (!actor.IsAdministrator && IdentityChangedBy(details) is { } field)
            throw new RegisterRuleException("identity-change-needs-admin",
                "Only the register's administrator changes an organisation's type, codes or the organisation it is part of.", field);
        if (DatesProblems(details.OperationalFrom, details.OperationalTo, "$.operationalFrom", "$.operationalTo") is [_, ..] problems)
            return problems;
        Apply(details, now);
        return [];
    }

    /// <summary>
    /// Operational dates that keep every recorded type change inside the organisation's life: its first type held from
    /// its first day, its present type from the day it took effect.
    /// </summary>
    private List<RuleViolation> DatesProblems(DateOnly? operationalFrom, DateOnly? operationalTo, string fromField, string toField)
    {
        var problems = new List<RuleViolation>();
        if (EarlierTypes is [var first, ..] && operationalFrom > first.Until)
            problems.Add(new(fromField, $"It was a {first.Type} until {first.Until:yyyy-MM-dd} (a recorded type change), so it was operating by then."));
        if (TypeSince is { } since && operationalTo < since)
            problems.Add(new(toField, $"It became a {Type} on {since:yyyy-MM-dd} (a recorded type change), so it was still operating then."));
        return problems;
    }

    private string? IdentityChangedBy(OrganisationDetails details) =>
        details.Type != Type ? "$.type"
        : details.OdsCode != OdsCode ? "$.odsCode"
        : details.GssCode != GssCode ? "$.gssCode"
        : details.PartOfId != PartOfId ? "$.partOfId"
        : null;

    /// <summary>The organisation's type on a day: the earlier type in force then, else its present type.</summary>
    public OrganisationType TypeOn(DateOnly day) => EarlierTypes.FirstOrDefault(t => day <= t.Until)?.Type ?? Type;

    /// <summary>The date its present type took effect: the day after the last earlier type, if it had one.</summary>
    public DateOnly? TypeSince => EarlierTypes.Count > 0 ? EarlierTypes[^1].Until.AddDays(1) : null;

    /// <summary>
    /// Records that the organisation became a body of another type from a date (a reorganisation, such as a district
    /// council becoming a unitary authority): its present type stays its type until the day before. Only the
    /// administrator calls this (the endpoint requires the admin scope), as for any change to who a body is.
    /// </summary>
    public IReadOnlyList<RuleViolation> ChangeType(OrganisationType type, DateOnly from, DateTimeOffset now)
    {
        var problems = new List<RuleViolation>();
        if (!Enum.IsDefined(type))
            problems.Add(new("$.type", "Unknown organisation type."));
        else if (type == Type)
            problems.Add(new("$.type", $"The organisation is already a {Type}."));
        else if (type.IsGovernanceBody() != Type.IsGovernanceBody())
            problems.Add(new("$.type", "A governance body stays a governance body, and a body of its own stays one: record a new organisation instead."));
        else if (OdsCode is not null && OrganisationCodes.OdsCodeProblem(OdsCode, type) is { } odsProblem)
            problems.Add(new("$.type", $"Its ODS code {OdsCode} does not fit the new type: {odsProblem}"));
        var earliest = (TypeSince ?? OperationalFrom)?.AddDays(1);
        if (from < earliest)
            problems.Add(new("$.from", $"Its present type took effect on {(TypeSince ?? OperationalFrom):yyyy-MM-dd}; a new type takes effect after that."));
        if (OperationalTo is { } last && from > last)
            problems.Add(new("$.from", $"The organisation stopped operating on {last:yyyy-MM-dd}."));
        if (problems.Count > 0)
            return problems;
        if (EarlierTypes.Count >= MaxEarlierTypes)
            throw new RegisterRuleException("too-many-entries",
                $"An organisation records at most {MaxEarlierTypes} changes of type, and this one holds as many: record a new organisation instead.", "$.type");
        EarlierTypes.Add(new EarlierType(Type, from.AddDays(-1)));
        Type = type;
        UpdatedAt = now;
        return [];
    }

    /// <summary>Records that the organisation stopped operating at the end of <paramref name="lastDay"/>.</summary>
    public IReadOnlyList<RuleViolation> Close(DateOnly lastDay, DateTimeOffset now)
    {
        if (OperationalTo is not null)
            throw new RegisterRuleException("organisation-already-closed",
                $"The organisation was already closed on {OperationalTo:yyyy-MM-dd}; change its end date with an update instead.",
                "$.lastDay", RuleKind.Conflict);
        if (OperationalFrom is { } from && lastDay < from)
            return [new("$.lastDay", $"The organisation only became operational on {from:yyyy-MM-dd}.")];
        if (DatesProblems(OperationalFrom, lastDay, "$.lastDay", "$.lastDay") is [_, ..] problems)
            return problems;
        OperationalTo = lastDay;
        UpdatedAt = now;
        return [];
    }

    private void Apply(OrganisationDetails details, DateTimeOffset now)
    {
        Name = details.Name;
        Type = details.Type;
        OdsCode = details.OdsCode;
        GssCode = details.GssCode;
        OperationalFrom = details.OperationalFrom;
        OperationalTo = details.OperationalTo;
        PartOfId = details.PartOfId;
        UpdatedAt = now;
    }
}
