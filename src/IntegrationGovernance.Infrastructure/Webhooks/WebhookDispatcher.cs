using IntegrationGovernance.Infrastructure.Persistence;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntegrationGovernance.Infrastructure.Webhooks;

/// <summary>
/// Delivers the change feed to subscribers, at least once and in order per subscription. A worker claims a
/// subscription with a lease (<see cref="WebhookDeliveryLease"/>, taken in a short transaction), sends with no
/// transaction open and no row locked, then records each outcome and renews the lease in another short
/// transaction. So any number of API instances can run this, no delivery is sent twice at once, and a slow
/// receiver holds neither a connection nor a lock that anyone else waits on.
/// </summary>
public sealed class WebhookDispatcher(RegisterDbContext db, WebhookSender sender, IOptions<WebhookOptions> options, TimeProvider clock)
{
    /// <summary>Deliveries per claim, before the worker moves on to the next subscription.</summary>
    private const int Batch = 50;

    /// <summary>Changes looked at per claim: those the subscription does not receive are passed over, so a narrow
    /// subscription moves through the feed as fast as a wide one and never rescans what it has read.</summary>
    private const int Window = 1000;

    private const string ClaimSql = """
        WITH candidate AS (
            SELECT s.id FROM webhook_subscriptions s
            WHERE s.status = 'Active' AND NOT (s.id = ANY({0}))
              AND EXISTS (SELECT 1 FROM revisions r WHERE r.position > s.last_position)
              AND NOT EXISTS (SELECT 1 FROM webhook_delivery_leases l WHERE l.subscription_id = s.id AND l.expires_at > now())
            ORDER BY s.id
            LIMIT 1
            FOR UPDATE SKIP LOCKED)
        INSERT INTO webhook_delivery_leases (subscription_id, holder, expires_at)
        SELECT id, {1}, now() + {2} FROM candidate
        ON CONFLICT (subscription_id) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
            WHERE webhook_delivery_leases.expires_at <= now()
        RETURNING subscription_id AS "Value"
        """;

    private const string RenewSql = "UPDATE webhook_delivery_leases SET expires_at = now() + {2} WHERE subscription_id = {0} AND holder = {1}";

    private const string ReleaseSql = "DELETE FROM webhook_delivery_leases WHERE subscription_id = {0} AND holder = {1}";

    // what a subscription receives: the resources it asked for; and, for an organisation's subscription that
    // asked for its own records only, or for secondments (personal data) always, records it is a party to
    private const string DueSql = """
        SELECT r.* FROM revisions r JOIN webhook_subscriptions s ON s.id = {0}
        WHERE r.position > s.last_position AND r.position <= {1}
          AND (cardinality(s.resources) = 0 OR r.resource = ANY(s.resources))
          AND (s.organisation_id IS NULL OR NOT (s.only_party_records OR r.resource = 'secondments')
               OR s.organisation_id = ANY(record_parties(r.resource, r.record_id)))
        ORDER BY r.position
        LIMIT {2}
        """;

    /// <summary>Sends what is due to every subscription no other worker holds; returns how many changes were delivered.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var holder = Guid.NewGuid();
        var visited = new List<Guid>();
        var delivered = 0;
        while (await ClaimAsync(visited, holder, cancellationToken) is { } subscription)
        {
            visited.Add(subscription);
            try
            {
                delivered += await DeliverAsync(subscription, holder, cancellationToken);
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync(ReleaseSql, [subscription, holder], CancellationToken.None);
            }
        }
        return delivered;
    }

    private async Task<Guid?> ClaimAsync(List<Guid> visited, Guid holder, CancellationToken cancellationToken) =>
        await db.InTransactionAsync(async token =>
            (await db.Database.SqlQueryRaw<Guid>(ClaimSql, visited.ToArray(), holder, options.Value.DeliveryLease).ToListAsync(token))
                .Select(id => (Guid?)id).FirstOrDefault(), cancellationToken);

    private async Task<int> DeliverAsync(Guid id, Guid holder, CancellationToken cancellationToken)
    {
        var subscription = await db.WebhookSubscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (subscription is null)
            return 0;
        var windowEnd = await db.Revisions.Where(r => r.Position > subscription.LastPosition).OrderBy(r => r.Position)
            .Take(Window).MaxAsync(r => r.Position, cancellationToken);
        if (windowEnd is not { } end)
            return 0;
        var due = (await db.Revisions.FromSqlRaw(DueSql, id, end, Batch + 1).AsNoTracking().ToListAsync(cancellationToken))
            .Select(r => new Change(r.Position!.Value, r.Resource, r.RecordId, r.Number, r.Kind, r.RecordedAt))
            .ToList();
        var delivered = 0;
        foreach (var change in due.Take(Batch))
        {
            var outcome = await sender.SendAsync(subscription, change, cancellationToken);
            if (!await RecordAsync(id, holder, change, outcome, cancellationToken) || !outcome.Delivered)
                return delivered;
            delivered++;
        }
        // every change the window holds for this subscription was sent: the rest of the window is not for it
        if (due.Count <= Batch)
            await RecordAsync(id, holder, passedOverTo: end, cancellationToken);
        return delivered;
    }

    /// <summary>Logs one delivery and moves the subscription on; false if the lease was lost or the subscription is gone.</summary>
    private Task<bool> RecordAsync(Guid id, Guid holder, Change change, SendOutcome outcome, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async token =>
        {
            var held = await db.Database.ExecuteSqlRawAsync(RenewSql, [id, holder, options.Value.DeliveryLease], token) == 1;
            var subscription = await db.WebhookSubscriptions.FirstOrDefaultAsync(s => s.Id == id, token);
            if (subscription is null)
                return false;
            var now = clock.GetUtcNow();
            db.WebhookDeliveries.Add(WebhookDelivery.Record(id, change, outcome.Attempts, outcome.Delivered, now));
            if (held && outcome.Delivered)
                subscription.Delivered(change.Position, now);
            else if (held)
                subscription.Failed(options.Value.PauseAfterFailures, outcome.CircuitOpen, now);
            await db.SaveChangesAsync(token);
            return held;
        }, cancellationToken);

    private Task RecordAsync(Guid id, Guid holder, long passedOverTo, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async token =>
        {
            if (await db.Database.ExecuteSqlRawAsync(RenewSql, [id, holder, options.Value.DeliveryLease], token) != 1)
                return false;
            var subscription = await db.WebhookSubscriptions.FirstOrDefaultAsync(s => s.Id == id, token);
            subscription?.PassedOver(passedOverTo, clock.GetUtcNow());
            await db.SaveChangesAsync(token);
            return true;
        }, cancellationToken);
}
