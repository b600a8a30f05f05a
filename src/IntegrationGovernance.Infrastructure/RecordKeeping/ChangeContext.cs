namespace IntegrationGovernance.Infrastructure.RecordKeeping;

/// <summary>
/// Who is changing the register, and through which operation. Every write transaction declares it to
/// PostgreSQL (transaction-local settings), where the record-keeping trigger copies it into the revision
/// and the audit row; a write without it is refused by the database.
/// </summary>
/// <param name="ActorSubject">The token subject, or <c>system:&lt;job&gt;</c> for the register's own jobs.</param>
/// <param name="ActorOrganisation">The organisation the actor acts for, when it says.</param>
/// <param name="CorrelationId">The request's correlation id.</param>
/// <param name="Action">The operation, e.g. <c>CloseOrganisation</c>.</param>
/// <param name="Kind">The kind of change when it is more than created/updated, e.g. <c>closed</c>.</param>
public sealed record ChangeContext(string ActorSubject, string? ActorOrganisation, string? CorrelationId, string? Action, string? Kind = null)
{
    private static readonly AsyncLocal<ChangeContext?> Ambient = new();

    /// <summary>The context a background job or start-up task set for its own writes, if any.</summary>
    public static ChangeContext? Current => Ambient.Value;

    /// <summary>Declares the context for writes made by the register itself until the returned scope ends.</summary>
    public static IDisposable BeginSystem(string job)
    {
        var previous = Ambient.Value;
        Ambient.Value = new ChangeContext($"system:{job}", null, null, job);
        return new Scope(() => Ambient.Value = previous);
    }

    private sealed class Scope(Action end) : IDisposable
    {
        public void Dispose() => end();
    }
}

/// <summary>Supplies the change context of the work in hand (the HTTP request, or a system job).</summary>
public interface IChangeContextSource
{
    ChangeContext? Current { get; }
}
