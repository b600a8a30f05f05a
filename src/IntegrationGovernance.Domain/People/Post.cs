using IntegrationGovernance.Domain.Common;

namespace IntegrationGovernance.Domain.People;

/// <summary>A role in an organisation, e.g. Clinical Services Manager. Its holder is personal data.</summary>
public sealed class Post : IVersionedRecord
{
    private Post()
    {
    }

    public Guid Id { get; private set; }

    public Guid OrganisationId { get; private set; }

    public string Title { get; private set; } = string.Empty;

    /// <summary>Team or locality, e.g. "Dacorum locality".</summary>
    public string? Team { get; private set; }

    /// <summary>A staff number or name: personal data, shown only to callers who may read people's data.</summary>
    public string? HolderReference { get; private set; }

    public DateOnly StartsOn { get; private set; }

    public DateOnly? EndsOn { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public uint Version { get; private set; }

    public DateRange Period => new(StartsOn, EndsOn);

    public static IReadOnlyList<RuleViolation> Check(string title, string? team, string? holder, DateOnly startsOn, DateOnly? endsOn)
    {
        var problems = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(title) || title.Length > 200)
            problems.Add(new("$.title", "A title is required, at most 200 characters."));
        if (team is { Length: > 200 })
            problems.Add(new("$.team", "A team is at most 200 characters."));
        if (holder is { Length: > 200 })
            problems.Add(new("$.holderReference", "A holder reference is at most 200 characters."));
        if (endsOn is { } end && end < startsOn)
            problems.Add(new("$.endsOn", "The end date is before the start date."));
        return problems;
    }

    public static Post Create(Guid organisationId, string title, string? team, string? holder, DateOnly startsOn, DateOnly? endsOn, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        OrganisationId = organisationId,
        Title = title.Trim(),
        Team = string.IsNullOrWhiteSpace(team) ? null : team.Trim(),
        HolderReference = string.IsNullOrWhiteSpace(holder) ? null : holder.Trim(),
        StartsOn = startsOn,
        EndsOn = endsOn,
        CreatedAt = now,
        UpdatedAt = now,
    };
}
