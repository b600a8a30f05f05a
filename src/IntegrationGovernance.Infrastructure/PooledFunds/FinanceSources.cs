using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.PooledFunds;
using IntegrationGovernance.Infrastructure.Persistence;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Infrastructure.PooledFunds;

/// <summary>What a finance read draws from: the register now, or exactly as it stood at a moment.</summary>
public sealed record FinanceSources(IQueryable<PooledFund> Funds, IQueryable<Agreement> Agreements, IQueryable<Contribution> Contributions, IQueryable<LedgerLine> Lines)
{
    /// <summary>
    /// The ledger's totals per fund, year, period and category (kept by the database with every line), when reading
    /// the register now; null when reading as of a moment, since they hold every line committed since then too.
    /// </summary>
    public IQueryable<LedgerPeriodTotalRow>? Totals { get; init; }
}

public static class FinanceReads
{
    /// <summary>
    /// The register now (<paramref name="asOf"/> null), or as it stood at <paramref name="asOf"/>: funds, agreements and
    /// contributions from their revisions, and the ledger lines of the bookings that had become visible by then (lines
    /// booked before bookings were kept count from when they were recorded). A change is stamped as it commits, so what a
    /// read sees now is what a read <c>asOf</c> this moment will see later.
    /// </summary>
    public static async Task<FinanceSources> FinanceAtAsync(this RegisterDbContext db, RecordHistory history, DateTimeOffset? asOf, CancellationToken cancellationToken)
    {
        if (asOf is not { } moment)
        {
            return new(db.PooledFunds.AsNoTracking(), db.Agreements.AsNoTracking(), db.Contributions.AsNoTracking(), db.LedgerLines.AsNoTracking())
            {
                Totals = db.LedgerPeriodTotals.AsNoTracking(),
            };
        }
        var at = moment.ToUniversalTime();
        var bookings = history.ResourceOf<LedgerBooking>();
        var lines = db.LedgerLines.AsNoTracking().Where(l => l.BookingId == null
            ? l.CreatedAt <= at
            : db.Revisions.Any(r => r.Resource == bookings && r.RecordId == l.BookingId && r.CommittedAt <= at));
        return new(
            await history.AsOfAsync<PooledFund>(at, cancellationToken),
            await history.AsOfAsync<Agreement>(at, cancellationToken),
            await history.AsOfAsync<Contribution>(at, cancellationToken),
            lines);
    }
}
