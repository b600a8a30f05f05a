namespace IntegrationGovernance.Infrastructure.Webhooks;

/// <summary>
/// A worker's claim on one subscription's deliveries, until it expires. Claimed and renewed in short
/// transactions, so nothing is locked while a delivery is on the wire; a worker that dies loses it when it expires.
/// Kept apart from the subscription so claiming does not change the subscription's ETag.
/// </summary>
public sealed class WebhookDeliveryLease
{
    private WebhookDeliveryLease()
    {
    }

    public Guid SubscriptionId { get; private set; }

    /// <summary>The worker round holding the lease.</summary>
    public Guid Holder { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }
}
