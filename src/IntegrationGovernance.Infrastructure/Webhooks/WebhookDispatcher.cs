using IntegrationGovernance.Infrastructure.Persistence;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntegrationGovernance.Infrastructure.Webhooks;

/// <summary>
/// Delivers the change feed to subscribers, at least once and in order per subscription. Work is claimed in
/// the database (<c>FOR UPDATE SKIP LOCKED</c> on the subscription row, held while its changes are sent), so any
/// number of API instances can run this and no delivery is sent twice at once.
/// </summary>
public sealed class WebhookDispatcher(RegisterDbContext db, WebhookSender sender, IOptions<WebhookOptions> options, TimeProvider clock)
{
    // what a subscription may receive: the resources it asked for; and, for an organisation's subscription that
    // asked for its own records only, or for secondments (personal data) always, records it is a party to
    private const string Due = """
        r.position > s.last_position
        AND (cardinality(s.resources) = 0 OR r.resource = ANY(s.resources))
        AND (s.organisation_id IS NULL OR NOT (s.only_party_records OR r.resource = 'secondments')
             OR s.organisation_id = ANY(record_parties(r.resource, r.record_id)))
        """;

    private const string ClaimSql = $$"""
        SELECT s.*, s.xmin FROM webhook_subscriptions s
        WHERE s.status = 'Active' AND NOT (s.id = ANY({0}))
          AND EXISTS (SELECT 1 FROM revisions r WHERE {{Due}})
        ORDER BY s.id
        LIMIT 1
        FOR UPDATE SKIP LOCKED
        """;

    private const string ChangesSql = $$"""
        SELECT r.* FROM revisions r JOIN webhook_subscriptions s ON s.id = {0}
        WHERE {{Due}}
        ORDER BY r.position
        LIMIT 50
        """;

    /// <summary>Sends what is due to every subscription no other worker holds; returns how many changes were delivered.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await db.PositionCommittedChangesAsync(cancellationToken);
        var visited = new List<Guid>();
        var delivered = 0;
        while (true)
        {
            var claimed = await db.InTransactionAsync(async token =>
            {
                var subscription = (await db.WebhookSubscriptions.FromSqlRaw(ClaimSql, visited.ToArray()).ToListAsync(token)).FirstOrDefault();
                if (subscription is null)
                    return false;
                visited.Add(subscription.Id);
                var changes = (await db.Revisions.FromSqlRaw(ChangesSql, subscription.Id).AsNoTracking().ToListAsync(token))
                    .Select(r => new Change(r.Position!.Value, r.Resource, r.RecordId, r.Number, r.Kind, r.RecordedAt))
                    .ToList();
                foreach (var change in changes)
                {
                    var outcome = await sender.SendAsync(subscription, change, token);
                    var now = clock.GetUtcNow();
                    db.WebhookDeliveries.Add(WebhookDelivery.Record(subscription.Id, change, outcome.Attempts, outcome.Delivered, now));
                    if (!outcome.Delivered)
                    {
                        subscription.Failed(options.Value.PauseAfterFailures, outcome.CircuitOpen, now);
                        break;
                    }
                    subscription.Delivered(change.Position, now);
                    delivered++;
                }
                await db.SaveChangesAsync(token);
                return true;
            }, cancellationToken);
            if (!claimed)
                return delivered;
        }
    }
}
