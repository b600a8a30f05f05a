namespace IntegrationGovernance.Domain.Successions;

/// <summary>
/// On <see cref="EffectiveOn"/>, the rights and duties of the predecessors passed to the successors.
/// Successions are facts of law: once recorded they are not edited.
/// </summary>
public sealed class Succession
{
    private readonly List<SuccessionParty> _parties = [];

    private Succession()
    {
    }

    public Guid Id { get; private set; }

    public DateOnly EffectiveOn { get; private set; }

    public SuccessionKind Kind { get; private set; }

    public string? Note { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public IReadOnlyList<SuccessionParty> Parties => _parties;

    /// <summary>
    /// The predecessors, kept on the succession's own row too, so its revision and audit row say who succeeded
    /// whom; <see cref="Parties"/> is what chains are walked by.
    /// </summary>
    public List<Guid> PredecessorIds { get; private set; } = [];

    public List<Guid> SuccessorIds { get; private set; } = [];

    /// <summary>Creates a succession from details already checked by <see cref="SuccessionRules"/>.</summary>
    public static Succession Create(SuccessionDetails details, DateTimeOffset now)
    {
        var succession = new Succession
        {
            Id = Guid.CreateVersion7(now),
            EffectiveOn = details.EffectiveOn,
            Kind = details.Kind,
            Note = string.IsNullOrWhiteSpace(details.Note) ? null : details.Note.Trim(),
            CreatedAt = now,
        };
        succession._parties.AddRange(details.PredecessorIds.Select(id => new SuccessionParty(succession.Id, id, SuccessionSide.Predecessor)));
        succession._parties.AddRange(details.SuccessorIds.Select(id => new SuccessionParty(succession.Id, id, SuccessionSide.Successor)));
        succession.PredecessorIds = [.. details.PredecessorIds];
        succession.SuccessorIds = [.. details.SuccessorIds];
        return succession;
    }
}

/// <summary>One organisation's place in a succession.</summary>
public sealed record SuccessionParty(Guid SuccessionId, Guid OrganisationId, SuccessionSide Side);

/// <summary>What a client says when recording a succession.</summary>
public sealed record SuccessionDetails(
    IReadOnlyList<Guid> PredecessorIds,
    IReadOnlyList<Guid> SuccessorIds,
    DateOnly EffectiveOn,
    SuccessionKind Kind,
    string? Note);
