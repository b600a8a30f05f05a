namespace IntegrationGovernance.Domain.PooledFunds;

/// <summary>
/// One booking to a fund's ledger: a single line, or one import of many. A booking is a register record, so the
/// moment its lines became visible is kept with its revision, and a ledger read <c>asOf</c> a moment shows exactly
/// the lines of the bookings visible then.
/// </summary>
public sealed class LedgerBooking
{
    private LedgerBooking()
    {
    }

    public Guid Id { get; private set; }

    public Guid FundId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static LedgerBooking Start(Guid fundId, DateTimeOffset now) => new() { Id = Guid.CreateVersion7(now), FundId = fundId, CreatedAt = now };
}
