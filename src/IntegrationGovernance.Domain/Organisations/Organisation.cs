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

    public OrganisationType Type { get; private set; }

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
    /// and who acts for it, so only the administrator changes them.
    /// </summary>
    public void Update(OrganisationDetails details, Actor actor, DateTimeOffset now)
    {
        if (!actor.IsAdministrator && IdentityChangedBy(details) is { } field)
            throw new RegisterRuleException("identity-change-needs-admin",
                "Only the register's administrator changes an organisation's type, codes or the organisation it is part of.", field);
        Apply(details, now);
    }

    private string? IdentityChangedBy(OrganisationDetails details) =>
        details.Type != Type ? "$.type"
        : details.OdsCode != OdsCode ? "$.odsCode"
        : details.GssCode != GssCode ? "$.gssCode"
        : details.PartOfId != PartOfId ? "$.partOfId"
        : null;

    /// <summary>Records that the organisation stopped operating at the end of <paramref name="lastDay"/>.</summary>
    public IReadOnlyList<RuleViolation> Close(DateOnly lastDay, DateTimeOffset now)
    {
        if (OperationalTo is not null)
            throw new RegisterRuleException("organisation-already-closed",
                $"The organisation was already closed on {OperationalTo:yyyy-MM-dd}; change its end date with an update instead.",
                "$.lastDay", RuleKind.Conflict);
        if (OperationalFrom is { } from && lastDay < from)
            return [new("$.lastDay", $"The organisation only became operational on {from:yyyy-MM-dd}.")];
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
