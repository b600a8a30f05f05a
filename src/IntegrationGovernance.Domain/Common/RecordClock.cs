namespace IntegrationGovernance.Domain.Common;

/// <summary>
/// The register's clock for record times: UTC, truncated to the microsecond that PostgreSQL's
/// <c>timestamptz</c> keeps, so a time returned on a write equals the time read back later.
/// </summary>
public sealed class RecordClock(TimeProvider inner) : TimeProvider
{
    public override DateTimeOffset GetUtcNow()
    {
        var now = inner.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
