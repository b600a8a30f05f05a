using IntegrationGovernance.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Infrastructure.RecordKeeping;

/// <summary>
/// Reads the register as it stood at a moment (transaction time), and a record's revisions, for any
/// register entity: the revisions the trigger keeps hold each whole row, which PostgreSQL turns back into
/// rows of the entity's own table type, so the same LINQ filters and projections apply to the past.
/// </summary>
public sealed class RecordHistory(RegisterDbContext db)
{
    /// <summary>The resource name of an entity: its table, as revisions and the change feed name it.</summary>
    public string ResourceOf<T>() where T : class =>
        db.Model.FindEntityType(typeof(T))?.GetTableName() ?? throw new InvalidOperationException($"{typeof(T).Name} is not a register table.");

    /// <summary>
    /// Every record of <typeparamref name="T"/> as the register held it at <paramref name="moment"/>: the latest
    /// revision of each that had become visible by then (see <see cref="Revision.CommittedAt"/>).
    /// </summary>
    public Task<IQueryable<T>> AsOfAsync<T>(DateTimeOffset moment, CancellationToken cancellationToken) where T : class
    {
        // the table and column names come from the EF model, never from input; the moment is a parameter
        var sql = $"SELECT * FROM {StoodAt<T>("{0}")} AS r";
        return Task.FromResult(db.Set<T>().FromSqlRaw(sql, moment.ToUniversalTime()).AsNoTracking());
    }

    /// <summary>
    /// SQL for the records of <typeparamref name="T"/> as the register held them at the moment in the SQL parameter
    /// <paramref name="moment"/> (a <c>timestamptz</c>): the latest revision of each record that had become visible by then.
    /// For queries over several tables that LINQ cannot write (the accountability graph's recursive walks); <see cref="AsOfAsync{T}"/>
    /// reads the same. PostgreSQL flattens the subquery into the query around it, so a filter on a column read straight from the
    /// revision (see <see cref="StoredRows{T}"/>) is tested before any record is rebuilt and may be served by an index on revisions,
    /// and a page in the order of such a column is walked, not sorted.
    /// </summary>
    /// <param name="moment">The parameter's placeholder, e.g. <c>@as_of</c> or <c>{0}</c>.</param>
    public string StoodAt<T>(string moment) where T : class =>
        $"({StoredRows<T>()} WHERE {IsLatestAt("rev", ResourceOf<T>(), moment)})";

    /// <summary>
    /// SQL that holds when the revision <paramref name="revision"/> (an alias of <c>revisions</c>) is the latest of its record of
    /// <paramref name="table"/> that had become visible by <paramref name="moment"/>: a look along the record's revisions by index,
    /// so a query that finds its records first asks it of those records only.
    /// </summary>
    public static string IsLatestAt(string revision, string table, string moment) => $"""
        {revision}.resource = '{table}' AND {revision}.committed_at <= {moment}
        AND NOT EXISTS (SELECT 1 FROM revisions AS later
                        WHERE later.resource = '{table}' AND later.record_id = {revision}.record_id
                          AND later.revision > {revision}.revision AND later.committed_at <= {moment})
        """;

    /// <summary>Whether the register held the record at <paramref name="moment"/>: one indexed look at its revisions, no record rebuilt.</summary>
    public async Task<bool> HeldAtAsync<T>(Guid id, DateTimeOffset moment, CancellationToken cancellationToken) where T : class
    {
        var resource = ResourceOf<T>();
        var at = moment.ToUniversalTime();
        return await db.Revisions.AnyAsync(r => r.Resource == resource && r.RecordId == id && r.CommittedAt <= at, cancellationToken);
    }

    /// <summary>
    /// A page of a record's revisions, oldest first, after revision <paramref name="afterNumber"/>, each with the
    /// record as it then stood (turned back into an entity by PostgreSQL, so it maps like a current one).
    /// </summary>
    public async Task<IReadOnlyList<(Revision Revision, T Record)>> RevisionsAsync<T>(Guid id, int afterNumber, int take, CancellationToken cancellationToken)
        where T : class
    {
        var resource = ResourceOf<T>();
        var revisions = await db.Revisions.AsNoTracking()
            .Where(r => r.Resource == resource && r.RecordId == id && r.Number > afterNumber)
            .OrderBy(r => r.Number)
            .Take(take)
            .ToListAsync(cancellationToken);
        var ids = revisions.Select(r => r.Id).ToArray();
        // the table name comes from the EF model, never from input; values are parameters
        var sql = $"{StoredRows<T>()} WHERE rev.id = ANY({{0}}) ORDER BY rev.revision";
        // not composed further, so PostgreSQL's order is kept and the records line up with the revisions
        var records = await db.Set<T>().FromSqlRaw(sql, ids)
            .AsNoTracking() // several states of one record: each must stay its own object
            .ToListAsync(cancellationToken);
        if (records.Count != revisions.Count)
            throw new InvalidOperationException($"{resource} {id}: {revisions.Count} revisions but {records.Count} stored records.");
        return revisions.Zip(records).ToList();
    }

    /// <summary>
    /// Every stored state of the records <paramref name="ids"/> that had become visible by <paramref name="until"/>, each with
    /// the moment it did, oldest first per record: from which the records as they stood at any moment up to then are read
    /// without one query per moment (a post's holdings at each revision of the post). At most <paramref name="take"/> states.
    /// </summary>
    public async Task<IReadOnlyList<(DateTimeOffset CommittedAt, T Record)>> StatesAsync<T>(IReadOnlyCollection<Guid> ids, DateTimeOffset until, int take,
        CancellationToken cancellationToken) where T : class
    {
        if (ids.Count == 0)
            return [];
        var resource = ResourceOf<T>();
        var at = until.ToUniversalTime();
        var revisions = await db.Revisions.AsNoTracking()
            .Where(r => r.Resource == resource && ids.Contains(r.RecordId) && r.CommittedAt <= at)
            .OrderBy(r => r.RecordId).ThenBy(r => r.Number)
            .Take(take)
            .Select(r => new { r.Id, r.CommittedAt })
            .ToListAsync(cancellationToken);
        var sql = $"{StoredRows<T>()} WHERE rev.id = ANY({{0}}) ORDER BY rev.record_id, rev.revision";
        var records = await db.Set<T>().FromSqlRaw(sql, revisions.Select(r => r.Id).ToArray()).AsNoTracking().ToListAsync(cancellationToken);
        return [.. revisions.Zip(records, (r, record) => (r.CommittedAt!.Value, record))];
    }

    /// <summary>
    /// <c>SELECT … FROM revisions AS rev</c> giving each revision of <typeparamref name="T"/> as a row of its table. The record's id
    /// is the revision's; text and plain values (ids, dates, numbers, flags, times) are read from the revision's data as stored,
    /// which gives what <c>jsonb_populate_record</c> would; only lists and documents are rebuilt by it (and not at all for a table
    /// with none). A past state has no row version of its own. Built once per entity type from the EF model, never from input.
    /// </summary>
    private string StoredRows<T>() where T : class => Shapes.GetOrAdd(typeof(T), _ =>
    {
        var table = db.Model.FindEntityType(typeof(T))!.GetTableMappings().First().Table;
        var key = table.PrimaryKey!.Columns is [var only] ? only.Name : null;
        var columns = table.Columns.Select(column => column.Name switch
        {
            "xmin" => "'0'::xid AS xmin",
            var name when name == key => $"rev.record_id AS \"{name}\"",
            var name when column.StoreType is "text" || column.StoreType.StartsWith("character varying", StringComparison.Ordinal) => $"rev.data ->> '{name}' AS \"{name}\"",
            var name when IsPlainValue(column.StoreType) => $"(rev.data ->> '{name}')::{column.StoreType} AS \"{name}\"",
            var name => $"stood.\"{name}\"",
        }).ToList();
        var rebuilt = columns.Any(c => c.StartsWith("stood.", StringComparison.Ordinal))
            ? $" CROSS JOIN LATERAL jsonb_populate_record(NULL::{table.Name}, rev.data) AS stood"
            : string.Empty;
        return $"SELECT {string.Join(", ", columns)} FROM revisions AS rev{rebuilt}";
    });

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, string> Shapes = new();

    private static bool IsPlainValue(string storeType) =>
        storeType is "uuid" or "date" or "integer" or "bigint" or "boolean" or "timestamp with time zone"
        || (storeType.StartsWith("numeric", StringComparison.Ordinal) && !storeType.EndsWith("[]", StringComparison.Ordinal));
}
