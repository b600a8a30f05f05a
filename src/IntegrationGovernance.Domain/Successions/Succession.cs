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

    /// <summary>
    /// Which successor took a predecessor's place in which agreement, as the transfer scheme named it. Where none is
    /// named, a succession with one successor transfers everything to it; with several, nothing passes until one is.
    /// </summary>
    public List<SuccessionTransfer> Transfers { get => _transfers; private set => _transfers = value ?? []; }

    private List<SuccessionTransfer> _transfers = [];

    /// <summary>The successor that takes <paramref name="predecessorId"/>'s place in the agreement, if the succession says.</summary>
    public Guid? SuccessorFor(Guid agreementId, Guid predecessorId) =>
        Transfers.FirstOrDefault(t => t.AgreementId == agreementId && t.PredecessorId == predecessorId)?.SuccessorId
        ?? (SuccessorIds.Count == 1 ? SuccessorIds[0] : null);

    /// <summary>Names the successor taking a predecessor's place in one agreement; a transfer, once named, stands.</summary>
    public void NameTransfer(SuccessionTransfer transfer)
    {
        if (!PredecessorIds.Contains(transfer.PredecessorId))
            throw new Common.RegisterRuleException("transfer-not-from-predecessor", "The organisation transferring is not a predecessor in this succession.", "$.predecessorId");
        if (!SuccessorIds.Contains(transfer.SuccessorId))
            throw new Common.RegisterRuleException("transfer-not-to-successor", "The organisation receiving is not a successor in this succession.", "$.successorId");
        if (Transfers.FirstOrDefault(t => t.AgreementId == transfer.AgreementId && t.PredecessorId == transfer.PredecessorId) is { } named)
        {
            if (named.SuccessorId == transfer.SuccessorId)
                return;
            throw new Common.RegisterRuleException("transfer-already-named", "This agreement's transfer from that predecessor is already named.", kind: Common.RuleKind.Conflict);
        }
        if (Transfers.Count >= SuccessionRules.MaxTransfers)
            throw new Common.RegisterRuleException("too-many-entries", $"A succession names at most {SuccessionRules.MaxTransfers} transfers, and this one holds as many.");
        Transfers.Add(transfer);
    }

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

/// <summary>Under a succession, <see cref="SuccessorId"/> takes <see cref="PredecessorId"/>'s place in one agreement.</summary>
public sealed record SuccessionTransfer(Guid AgreementId, Guid PredecessorId, Guid SuccessorId);

/// <summary>One organisation's place in a succession.</summary>
public sealed record SuccessionParty(Guid SuccessionId, Guid OrganisationId, SuccessionSide Side);

/// <summary>What a client says when recording a succession.</summary>
public sealed record SuccessionDetails(
    IReadOnlyList<Guid> PredecessorIds,
    IReadOnlyList<Guid> SuccessorIds,
    DateOnly EffectiveOn,
    SuccessionKind Kind,
    string? Note);
