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
    private const int Batch = 50;

    private const string ClaimSql = """
        SELECT s.*, s.xmin FROM webhook_subscriptions s
        WHERE s.status = 'Active' AND NOT (s.id = ANY({0}))
          AND EXISTS (SELECT 1 FROM revisions r
                      WHERE r.position > s.last_position AND (cardinality(s.resources) = 0 OR r.resource = ANY(s.resources)))
        ORDER BY s.id
        LIMIT 1
        FOR UPDATE SKIP LOCKED
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
                var resources = subscription.Resources;
                var changes = await db.Revisions.AsNoTracking()
                    .Where(r => r.Position > subscription.LastPosition && (resources.Count == 0 || resources.Contains(r.Resource)))
                    .OrderBy(r => r.Position).Take(Batch)
                    .Select(r => new Change(r.Position!.Value, r.Resource, r.RecordId, r.Number, r.Kind, r.RecordedAt))
                    .ToListAsync(token);
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
