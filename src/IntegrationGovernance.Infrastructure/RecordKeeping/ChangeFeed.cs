using IntegrationGovernance.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IntegrationGovernance.Infrastructure.RecordKeeping;

/// <summary>One committed change, at its place in the feed.</summary>
public sealed record Change(long Position, string Resource, Guid RecordId, int Revision, string Kind, DateTimeOffset RecordedAt);

/// <summary>
/// The change feed: every committed revision, in the order it became visible, each at a position that is
/// never skipped nor reordered.
/// </summary>
/// <remarks>
/// A sequence number taken inside the writing transaction is not enough: a transaction that took 10 can
/// commit after one that took 11, and a reader that saw 11 would never see 10. So writers take no number at
/// all. Positions are handed out afterwards, under a lock, to revisions whose transactions have committed
/// (the only ones a query can see), continuing from the highest position given. Every reader does this
/// first, so the feed is always up to date, and a later commit always lands after everything already read.
/// </remarks>
public sealed class ChangeFeed(RegisterDbContext db, NpgsqlDataSource dataSource)
{
    private const string PositionSql = """
        SELECT pg_advisory_xact_lock(hashtext('change-feed'));
        WITH numbered AS (
            SELECT id, (SELECT coalesce(max(position), 0) FROM revisions) + row_number() OVER (ORDER BY id) AS position
            FROM revisions
            WHERE position IS NULL
        )
        UPDATE revisions AS r SET position = n.position FROM numbered AS n WHERE r.id = n.id;
        """;

    public async Task<IReadOnlyList<Change>> ReadAsync(long after, int limit, CancellationToken cancellationToken)
    {
        await PositionCommittedAsync(cancellationToken);
        return await db.Revisions.AsNoTracking()
            .Where(r => r.Position > after)
            .OrderBy(r => r.Position)
            .Take(limit)
            .Select(r => new Change(r.Position!.Value, r.Resource, r.RecordId, r.Number, r.Kind, r.RecordedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Gives every committed revision that has none its position in the feed.</summary>
    public async Task PositionCommittedAsync(CancellationToken cancellationToken)
    {
        if (!await db.Revisions.AnyAsync(r => r.Position == null, cancellationToken))
            return;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(PositionSql, connection, transaction))
            await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
