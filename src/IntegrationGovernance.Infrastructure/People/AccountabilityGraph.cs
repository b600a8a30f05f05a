using System.Data;
using System.Globalization;
using IntegrationGovernance.Domain.People;
using IntegrationGovernance.Infrastructure.Persistence;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace IntegrationGovernance.Infrastructure.People;

/// <summary>One step up a chain of accountability: the line, from a post or a board, and the post (or body) it leads to.</summary>
public sealed record ChainStep(
    int Depth, Guid LineId, Guid? FromPostId, Guid? FromBodyId, Guid? ToPostId, string? ToPostTitle, Guid ToOrganisationId, string ToOrganisationName);

/// <summary>The accountability graph in SQL: whole chains in one recursive query, and the rules that need all of it.</summary>
public sealed class AccountabilityGraph(RegisterDbContext db, RecordHistory history)
{
    /// <summary>The deepest chain followed: far beyond any real structure, and a bound on the work one request can ask for.</summary>
    public const int MaxDepth = 64;

    // the posts (and, for the kinds a board may have, the boards) reached, each (node, depth) once (UNION), so many lines
    // between the same nodes never multiply the paths; then each node's lines once, at the depth it is first reached. The
    // three sources are the tables themselves, or (asOf) the records as the register held them at a moment: {0} is NOT
    // MATERIALIZED or MATERIALIZED, {1}-{3} the rows; {4} matches a line to the node it starts from, {5} is the node it
    // leads to and {6} which lines lead on (only to posts, unless boards report on).
    private const string ChainSql = """
        WITH RECURSIVE lines AS {0} ({1}), post_rows AS {0} ({2}), bodies AS {0} ({3}),
        reached(node, depth) AS (
            SELECT @post::uuid, 0
          UNION
            SELECT {5}, r.depth + 1
            FROM reached r
            JOIN lines l ON {4} AND l.kind = @kind AND {6}
                AND l.starts_on <= @on AND (l.ends_on IS NULL OR l.ends_on >= @on)
            WHERE r.depth < @max_depth - 1
        ), first AS (
            SELECT node, min(depth) AS depth FROM reached GROUP BY node
        )
        SELECT f.depth + 1, l.id, l.post_id, l.from_body_id, l.to_post_id, p.title, o.id, o.name
        FROM first f
        JOIN lines l ON {7} AND l.kind = @kind AND l.starts_on <= @on AND (l.ends_on IS NULL OR l.ends_on >= @on)
        LEFT JOIN post_rows p ON p.id = l.to_post_id
        JOIN bodies o ON o.id = coalesce(p.organisation_id, l.to_body_id)
        ORDER BY f.depth, l.id
        """;

    // walks up from the proposed manager over lines of the same kind that overlap the new line's period, each node once;
    // {0} matches a line to the node it starts from, {1} is the node it leads to and {2} which lines lead on
    private const string CycleSql = """
        WITH RECURSIVE up(node) AS (
            SELECT @to::uuid
          UNION
            SELECT {1}
            FROM up
            JOIN accountability_lines l ON {0} AND l.kind = @kind AND {2}
                AND l.starts_on <= coalesce(@ends, 'infinity'::date) AND coalesce(l.ends_on, 'infinity'::date) >= @starts
        )
        SELECT EXISTS (SELECT 1 FROM up WHERE node = @post)
        """;

    // the two shapes of walk: over posts only (the kinds no board has), or over posts and boards
    private static (string From, string Next, string LeadsOn) Walk(AccountabilityKind kind, string node) => AccountabilityLine.SuitsABody(kind)
        ? ($"(l.post_id = {node} OR l.from_body_id = {node})", "coalesce(l.to_post_id, l.to_body_id)", "TRUE")
        : ($"l.post_id = {node}", "l.to_post_id", "l.to_post_id IS NOT NULL");

    /// <summary>
    /// Serialises changes to one kind of line across API instances until the transaction ends: circles and second line
    /// managers are questions of one kind, so writes of different kinds do not wait for each other.
    /// </summary>
    public Task LockAsync(AccountabilityKind kind, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({"accountability:" + kind}))", cancellationToken);

    /// <summary>
    /// Serialises, until the transaction ends, the changes that must agree on posts' periods: ending a post, and recording or
    /// extending a line or secondment in it. Posts are locked in id order, so two writers never wait for each other in a circle.
    /// </summary>
    public async Task LockPostsAsync(IEnumerable<Guid> postIds, CancellationToken cancellationToken)
    {
        foreach (var id in postIds.Distinct().Order())
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({"post:" + id}))", cancellationToken);
    }

    /// <summary>
    /// The chain up from a post over lines of one kind in force on <paramref name="on"/>: now, or as the register held it at
    /// <paramref name="asOf"/>. Each post's title is the one it had on that day. For the kinds a board may have (governance
    /// reporting, statutory delegation) the chain goes on through boards: a post reports to a board, which reports to two more.
    /// </summary>
    public async Task<IReadOnlyList<ChainStep>> ChainAsync(Guid postId, AccountabilityKind kind, DateOnly on, DateTimeOffset? asOf, CancellationToken cancellationToken)
    {
        var (from, next, leadsOn) = Walk(kind, "r.node");
        var (stepFrom, _, _) = Walk(kind, "f.node");
        var sql = asOf is null
            ? string.Format(CultureInfo.InvariantCulture, ChainSql, "NOT MATERIALIZED",
                "SELECT * FROM accountability_lines", "SELECT * FROM posts", "SELECT * FROM organisations", from, next, leadsOn, stepFrom)
            : string.Format(CultureInfo.InvariantCulture, ChainSql, "MATERIALIZED", $"SELECT * FROM {history.StoodAt<AccountabilityLine>("@as_of")} AS x",
                $"SELECT * FROM {history.StoodAt<Post>("@as_of")} AS x", $"SELECT * FROM {history.StoodAt<Domain.Organisations.Organisation>("@as_of")} AS x",
                from, next, leadsOn, stepFrom);
        var steps = new List<ChainStep>();
        await using (var command = await CommandAsync(sql, cancellationToken))
        {
            command.Parameters.AddWithValue("post", postId);
            command.Parameters.AddWithValue("kind", kind.ToString());
            command.Parameters.AddWithValue("on", on);
            command.Parameters.AddWithValue("max_depth", MaxDepth);
            if (asOf is { } moment)
                command.Parameters.AddWithValue("as_of", moment.ToUniversalTime());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                steps.Add(new ChainStep(reader.GetInt32(0), reader.GetGuid(1), reader.IsDBNull(2) ? null : reader.GetGuid(2), reader.IsDBNull(3) ? null : reader.GetGuid(3),
                    reader.IsDBNull(4) ? null : reader.GetGuid(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetGuid(6), reader.GetString(7)));
            }
        }
        // the title each post had on the day, by the one rule of Post.TitleOn: at most MaxDepth posts, read in one query
        var ids = steps.Where(s => s.ToPostId is not null).Select(s => s.ToPostId!.Value).Distinct().ToList();
        if (ids.Count == 0)
            return steps;
        var source = asOf is { } at ? await history.AsOfAsync<Post>(at, cancellationToken) : db.Posts.AsNoTracking();
        var titles = await source.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.TitleOn(on).Title, cancellationToken);
        return [.. steps.Select(s => s.ToPostId is { } to && titles.TryGetValue(to, out var title) ? s with { ToPostTitle = title } : s)];
    }

    /// <summary>
    /// True when a line from <paramref name="postId"/> to <paramref name="toPostId"/> would close a circle on some day of its
    /// period. Either may be a board's id, for the kinds a board may have (<see cref="AccountabilityLine.SuitsABody"/>).
    /// </summary>
    public async Task<bool> WouldCloseCycleAsync(Guid postId, Guid toPostId, AccountabilityKind kind, DateOnly startsOn, DateOnly? endsOn, CancellationToken cancellationToken)
    {
        var (from, next, leadsOn) = Walk(kind, "up.node");
        await using var command = await CommandAsync(string.Format(CultureInfo.InvariantCulture, CycleSql, from, next, leadsOn), cancellationToken);
        command.Parameters.AddWithValue("post", postId);
        command.Parameters.AddWithValue("to", toPostId);
        command.Parameters.AddWithValue("kind", kind.ToString());
        command.Parameters.AddWithValue("starts", startsOn);
        command.Parameters.Add(new NpgsqlParameter("ends", NpgsqlTypes.NpgsqlDbType.Date) { Value = (object?)endsOn ?? DBNull.Value });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task<NpgsqlCommand> CommandAsync(string sql, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != ConnectionState.Open)
            await db.Database.OpenConnectionAsync(cancellationToken);
        return new NpgsqlCommand(sql, connection) { Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction() };
    }
}
