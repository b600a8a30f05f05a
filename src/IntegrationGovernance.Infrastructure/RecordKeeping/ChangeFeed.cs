using IntegrationGovernance.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Infrastructure.RecordKeeping;

/// <summary>One committed change, at its place in the feed.</summary>
public sealed record Change(long Position, string Resource, Guid RecordId, int Revision, string Kind, DateTimeOffset RecordedAt);

/// <summary>
/// The change feed: every committed revision, in the order it became visible, each at a position that is
/// never skipped nor reordered.
/// </summary>
/// <remarks>
/// A sequence number taken inside the writing transaction is not enough: a transaction that took 10 can
/// commit after one that took 11, and a reader that saw 11 would never see 10. So a transaction takes its
/// positions as it commits: a deferred trigger (FeedPositionsAtCommitSql) takes the feed's lock last, numbers its
/// revisions on from the highest position given, stamps when they became visible (<c>committed_at</c>), and holds the
/// lock through the commit. Positions are thus handed out in commit order, and a committed change always has one.
/// </remarks>
public sealed class ChangeFeed(RegisterDbContext db)
{
    /// <param name="after">The last position the reader has.</param>
    /// <param name="limit">At most this many changes.</param>
    /// <param name="secondmentsOf">
    /// Secondments are personal data: null shows all of them (an admin); otherwise only those this organisation
    /// employs or hosts, and <see cref="Guid.Empty"/> none. Their positions are then simply not in the reader's feed.
    /// </param>
    public async Task<IReadOnlyList<Change>> ReadAsync(long after, int limit, Guid? secondmentsOf, CancellationToken cancellationToken)
    {
        return await Visible(secondmentsOf)
            .Where(r => r.Position > after)
            .OrderBy(r => r.Position)
            .Take(limit)
            .Select(r => new Change(r.Position!.Value, r.Resource, r.RecordId, r.Number, r.Kind, r.RecordedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The position of the latest committed change the reader can see (0 when none): reading the feed after it gives only
    /// what commits later. Secondments the reader may not see are passed over, as in <see cref="ReadAsync"/>.
    /// </summary>
    public async Task<long> HeadAsync(Guid? secondmentsOf, CancellationToken cancellationToken)
    {
        // walked down the position index from the end, so a feed of any length answers at once
        return await Visible(secondmentsOf)
            .Where(r => r.Position != null)
            .OrderByDescending(r => r.Position)
            .Select(r => r.Position!.Value)
            .FirstOrDefaultAsync(cancellationToken);
    }

    private IQueryable<Revision> Visible(Guid? secondmentsOf) => db.Revisions.AsNoTracking()
        .Where(r => r.Resource != "secondments" || secondmentsOf == null
            || db.Secondments.Any(s => s.Id == r.RecordId && (s.EmployerId == secondmentsOf || s.HostId == secondmentsOf)));
}
