namespace IntegrationGovernance.Infrastructure.RecordKeeping;

/// <summary>
/// One stored state of a register record, written by the database trigger in the transaction that made the
/// change. <see cref="Position"/> is its place in the change feed, given once the transaction has committed.
/// </summary>
public sealed class Revision
{
    public long Id { get; private set; }

    /// <summary>The resource (its table), e.g. <c>organisations</c>.</summary>
    public string Resource { get; private set; } = string.Empty;

    public Guid RecordId { get; private set; }

    /// <summary>1 for the creation, then one more for every change.</summary>
    public int Number { get; private set; }

    /// <summary>created, updated, or a named kind such as closed.</summary>
    public string Kind { get; private set; } = string.Empty;

    public string? Action { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public string ActorSubject { get; private set; } = string.Empty;

    public string? ActorOrganisation { get; private set; }

    public string? CorrelationId { get; private set; }

    /// <summary>Columns whose values this change set (all of them on creation).</summary>
    public string[] ChangedFields { get; private set; } = [];

    /// <summary>The whole record as it stood after the change, as PostgreSQL's <c>to_jsonb</c> of the row.</summary>
    public string Data { get; private set; } = "{}";

    public long? Position { get; private set; }

    /// <summary>
    /// When the change became visible: stamped with the position, just after its transaction committed.
    /// <c>asOf</c> reads use it, so the register as it stood at a moment never changes afterwards.
    /// </summary>
    public DateTimeOffset? CommittedAt { get; private set; }
}

/// <summary>One row of the append-only audit trail: who did what to which record, and the before and after.</summary>
public sealed class AuditEntry
{
    public long Id { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    public string ActorSubject { get; private set; } = string.Empty;

    public string? ActorOrganisation { get; private set; }

    public string Action { get; private set; } = string.Empty;

    public string Resource { get; private set; } = string.Empty;

    public Guid RecordId { get; private set; }

    public string? CorrelationId { get; private set; }

    public string? Before { get; private set; }

    public string After { get; private set; } = "{}";
}
