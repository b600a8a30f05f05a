using IntegrationGovernance.Domain.Common;

namespace IntegrationGovernance.UnitTests.Http;

public sealed class RecordClockTests
{
    [Fact]
    public void Record_times_are_truncated_to_the_microsecond_postgres_keeps()
    {
        var clock = new RecordClock(new FixedTime(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero).AddTicks(1234567)));

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero).AddTicks(1234560), clock.GetUtcNow());
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
