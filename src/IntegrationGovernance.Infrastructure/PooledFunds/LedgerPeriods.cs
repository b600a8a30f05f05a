using IntegrationGovernance.Domain.PooledFunds;
using IntegrationGovernance.Infrastructure.Persistence;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Infrastructure.PooledFunds;

/// <summary>
/// The closed periods of funds' ledgers, and how a close and a booking are kept from racing. A booking never lets a
/// line into a closed period, even when the close commits while the booking is under way: the database checks every
/// statement that adds ledger lines (the <c>ledger_lines_totalled</c> trigger) after taking a share lock on the fund's
/// row, and a close or reopening takes that row <c>FOR NO KEY UPDATE</c> (<see cref="LockForPeriodChangeAsync"/>) before
/// it reads or writes the period. The two locks conflict, so one waits for the other to commit, and the second, reading
/// afresh (each statement has its own snapshot at READ COMMITTED), sees the first: a booking that started before a close
/// commits first and its lines are in before the period closed; one that comes after sees the close and is refused.
/// The checks made in code first only give each refused row its own message.
/// </summary>
public static class LedgerPeriods
{
    /// <summary>Takes the fund's row lock a period change holds until it commits; returns false when there is no such fund.</summary>
    public static async Task<bool> LockForPeriodChangeAsync(this RegisterDbContext db, Guid fundId, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("A period change locks its fund inside the transaction that records it.");
        var locked = await db.Database
            .SqlQuery<Guid>($"SELECT id AS \"Value\" FROM pooled_funds WHERE id = {fundId} FOR NO KEY UPDATE")
            .ToListAsync(cancellationToken);
        return locked.Count == 1;
    }

    /// <summary>The fund's periods closed now.</summary>
    public static async Task<ClosedPeriods> ClosedPeriodsAsync(this RegisterDbContext db, Guid fundId, CancellationToken cancellationToken) =>
        ClosedPeriods.Of(await db.LedgerPeriods.AsNoTracking()
            .Where(p => p.FundId == fundId && p.State == LedgerPeriodState.Closed)
            .ToListAsync(cancellationToken));

    /// <summary>The records of closed (and reopened) periods now, or as the register held them at <paramref name="asOf"/>.</summary>
    public static async Task<IQueryable<LedgerPeriod>> LedgerPeriodsAtAsync(this RegisterDbContext db, RecordHistory history, DateTimeOffset? asOf,
        CancellationToken cancellationToken)
    {
        if (asOf is { } moment)
            return await history.AsOfAsync<LedgerPeriod>(moment, cancellationToken);
        return db.LedgerPeriods.AsNoTracking();
    }
}
