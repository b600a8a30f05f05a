namespace IntegrationGovernance.Domain.PooledFunds;

/// <summary>
/// One booking to a fund's ledger: a single line, or one import of many. A booking is a register record, so it is
/// audited and in the change feed like any other, saying how many lines it added and their total; and the moment its
/// lines became visible is kept with its revision, so a ledger read <c>asOf</c> a moment shows exactly the lines of
/// the bookings visible then.
/// </summary>
public sealed class LedgerBooking
{
    private LedgerBooking()
    {
    }

    public Guid Id { get; private set; }

    public Guid FundId { get; private set; }

    /// <summary>The lines the booking added to the ledger (an import's lines already held are not counted).</summary>
    public int LineCount { get; private set; }

    /// <summary>The sum of the lines it added: spend less income.</summary>
    public decimal AmountTotal { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static LedgerBooking Start(Guid fundId, DateTimeOffset now) => new() { Id = Guid.CreateVersion7(now), FundId = fundId, CreatedAt = now };

    /// <summary>Counts a line booked with it (<see cref="LedgerLine.Book"/> does).</summary>
    internal void Count(LedgerLine line)
    {
        LineCount++;
        AmountTotal += line.Amount;
    }
}
