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

    public IEnumerable<Guid> PredecessorIds => Ids(SuccessionSide.Predecessor);

    public IEnumerable<Guid> SuccessorIds => Ids(SuccessionSide.Successor);

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
        return succession;
    }

    private IEnumerable<Guid> Ids(SuccessionSide side) =>
        _parties.Where(p => p.Side == side).Select(p => p.OrganisationId);
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
