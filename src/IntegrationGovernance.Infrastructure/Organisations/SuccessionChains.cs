using System.Data;
using IntegrationGovernance.Domain.Common;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.Domain.Successions;
using IntegrationGovernance.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace IntegrationGovernance.Infrastructure.Organisations;

/// <summary>One link of a succession chain, <see cref="Depth"/> steps away from where the walk started.</summary>
public sealed record ChainLink(
    Guid SuccessionId,
    DateOnly EffectiveOn,
    SuccessionKind Kind,
    int Depth,
    Guid FromOrganisationId,
    Guid OrganisationId,
    string Name,
    OrganisationType Type,
    string? OdsCode,
    string? GssCode);

/// <summary>Walks and guards the succession graph in SQL: whole chains in one query, and the rules that need all of it.</summary>
public sealed class SuccessionChains(RegisterDbContext db)
{
    /// <summary>The most links a chain answers with: a longer one is refused (422 too-large), not cut short.</summary>
    public const int MaxLinks = 5_000;

    // Walks from the start organisations along one side of each succession to the other, to any depth.
    // The path array stops the walk should the stored graph ever hold a cycle.
    private const string WalkSql = """
        WITH RECURSIVE chain AS (
            SELECT here.succession_id, here.organisation_id AS from_id, there.organisation_id AS org_id, 1 AS depth,
                   ARRAY[here.organisation_id, there.organisation_id] AS path
            FROM succession_parties here
            JOIN succession_parties there ON there.succession_id = here.succession_id AND there.side = @to_side
            WHERE here.side = @from_side AND here.organisation_id = ANY(@start)
          UNION ALL
            SELECT here.succession_id, here.organisation_id, there.organisation_id, chain.depth + 1,
                   chain.path || there.organisation_id
            FROM chain
            JOIN succession_parties here ON here.organisation_id = chain.org_id AND here.side = @from_side
            JOIN succession_parties there ON there.succession_id = here.succession_id AND there.side = @to_side
            WHERE NOT there.organisation_id = ANY(chain.path)
        )
        SELECT DISTINCT ON (chain.succession_id, chain.org_id)
               chain.succession_id, s.effective_on, s.kind, chain.depth, chain.from_id, o.id, o.name, o.type, o.ods_code, o.gss_code
        FROM chain
        JOIN successions s ON s.id = chain.succession_id
        JOIN organisations o ON o.id = chain.org_id
        ORDER BY chain.succession_id, chain.org_id, chain.depth
        """;

    /// <summary>Everything that followed the organisation: successors, their successors, and so on.</summary>
    public Task<IReadOnlyList<ChainLink>> SuccessorsAsync(Guid organisationId, CancellationToken cancellationToken) =>
        WalkAsync([organisationId], SuccessionSide.Predecessor, SuccessionSide.Successor, cancellationToken);

    /// <summary>Everything the organisation came from: predecessors, theirs, and so on.</summary>
    public Task<IReadOnlyList<ChainLink>> PredecessorsAsync(Guid organisationId, CancellationToken cancellationToken) =>
        WalkAsync([organisationId], SuccessionSide.Successor, SuccessionSide.Predecessor, cancellationToken);

    /// <summary>
    /// Serialises changes that succession rules depend on (new successions, organisations' operational dates)
    /// across every API instance, until the current transaction ends. Call it first inside that transaction.
    /// </summary>
    public Task LockAsync(CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(hashtext('successions'))", cancellationToken);

    /// <summary>Refuses a new succession that would close a cycle or fall out of date order with those already recorded.</summary>
    public async Task GuardAsync(SuccessionDetails details, CancellationToken cancellationToken)
    {
        var reachable = await WalkAsync(details.SuccessorIds.ToArray(), SuccessionSide.Predecessor, SuccessionSide.Successor, cancellationToken);
        if (reachable.FirstOrDefault(link => details.PredecessorIds.Contains(link.OrganisationId)) is { } loop)
            throw new RegisterRuleException("succession-cycle",
                $"{loop.Name} already succeeds one of the named successors, so this succession would make a cycle.",
                "$.predecessorIds");

        var predecessorIds = details.PredecessorIds.ToArray();
        var successorIds = details.SuccessorIds.ToArray();
        var clash = await db.SuccessionParties
            .Where(p => (p.Side == SuccessionSide.Successor && predecessorIds.Contains(p.OrganisationId))
                        || (p.Side == SuccessionSide.Predecessor && successorIds.Contains(p.OrganisationId)))
            .Join(db.Successions, p => p.SuccessionId, s => s.Id, (p, s) => new { p.Side, s.EffectiveOn })
            .Where(x => x.Side == SuccessionSide.Successor ? x.EffectiveOn >= details.EffectiveOn : x.EffectiveOn <= details.EffectiveOn)
            .OrderBy(x => x.EffectiveOn)
            .FirstOrDefaultAsync(cancellationToken);
        if (clash is not null)
            throw new RegisterRuleException("succession-out-of-order",
                clash.Side == SuccessionSide.Successor
                    ? $"A predecessor only came into being by a succession on {clash.EffectiveOn:yyyy-MM-dd}, not before {details.EffectiveOn:yyyy-MM-dd}."
                    : $"A successor was itself succeeded on {clash.EffectiveOn:yyyy-MM-dd}, not after {details.EffectiveOn:yyyy-MM-dd}.",
                "$.effectiveOn");
    }

    /// <summary>Refuses operational dates for an organisation that no longer agree with the successions it takes part in.</summary>
    public async Task GuardDatesAsync(Organisation organisation, CancellationToken cancellationToken)
    {
        var memberships = await db.SuccessionParties
            .Where(p => p.OrganisationId == organisation.Id)
            .Join(db.Successions, p => p.SuccessionId, s => s.Id, (p, s) => new { p.Side, s.EffectiveOn })
            .ToListAsync(cancellationToken);
        foreach (var membership in memberships)
        {
            if (SuccessionRules.DateProblem(organisation, membership.Side, membership.EffectiveOn) is { } problem)
                throw new RegisterRuleException("succession-dates",
                    $"{problem} Its operational dates must agree with the successions recorded for it.",
                    membership.Side == SuccessionSide.Predecessor ? "$.operationalTo" : "$.operationalFrom");
        }
    }

    private async Task<IReadOnlyList<ChainLink>> WalkAsync(
        Guid[] start, SuccessionSide fromSide, SuccessionSide toSide, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened)
            await connection.OpenAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(WalkSql, connection)
            {
                Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction(),
            };
            command.Parameters.AddWithValue("start", start);
            command.Parameters.AddWithValue("from_side", fromSide.ToString());
            command.Parameters.AddWithValue("to_side", toSide.ToString());
            var links = new List<ChainLink>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                links.Add(new ChainLink(
                    reader.GetGuid(0),
                    reader.GetFieldValue<DateOnly>(1),
                    Enum.Parse<SuccessionKind>(reader.GetString(2)),
                    reader.GetInt32(3),
                    reader.GetGuid(4),
                    reader.GetGuid(5),
                    reader.GetString(6),
                    Enum.Parse<OrganisationType>(reader.GetString(7)),
                    reader.IsDBNull(8) ? null : reader.GetString(8),
                    reader.IsDBNull(9) ? null : reader.GetString(9)));
            }
            return links.OrderBy(l => l.Depth).ThenBy(l => l.EffectiveOn).ThenBy(l => l.Name, StringComparer.Ordinal).ToList();
        }
        finally
        {
            if (opened)
                await connection.CloseAsync();
        }
    }
}
