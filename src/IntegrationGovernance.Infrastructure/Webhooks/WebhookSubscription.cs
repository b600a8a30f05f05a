using IntegrationGovernance.Domain.Common;

namespace IntegrationGovernance.Infrastructure.Webhooks;

public enum SubscriptionStatus
{
    Active,
    Paused,
}

/// <summary>A system that wants to be told of changes: where to, which resources, the secret deliveries are signed with, and how far it has got.</summary>
public sealed class WebhookSubscription : IVersionedRecord
{
    private WebhookSubscription()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The organisation that subscribed (null for an admin's subscription).</summary>
    public Guid? OrganisationId { get; private set; }

    public string TargetUrl { get; private set; } = string.Empty;

    /// <summary>The Standard Webhooks secret (<c>whsec_</c> and base64), protected (<see cref="WebhookSecrets"/>); shown to the subscriber once.</summary>
    public string ProtectedSecret { get; private set; } = string.Empty;

    /// <summary>The secret before the last rotation, protected; it still signs until <see cref="PreviousSecretUntil"/>.</summary>
    public string? PreviousProtectedSecret { get; private set; }

    public DateTimeOffset? PreviousSecretUntil { get; private set; }

    /// <summary>Resources wanted (e.g. organisations, agreements); empty for all.</summary>
    public List<string> Resources { get; private set; } = [];

    /// <summary>Only changes to records the subscribing organisation is a party to (always so for secondments, which are personal data).</summary>
    public bool OnlyPartyRecords { get; private set; }

    public SubscriptionStatus Status { get; private set; }

    public string? PausedReason { get; private set; }

    public int ConsecutiveFailures { get; private set; }

    /// <summary>The change-feed position delivered last; deliveries go on from the next, in order.</summary>
    public long LastPosition { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public uint Version { get; private set; }

    public static WebhookSubscription Create(
        Guid? organisationId, string targetUrl, string protectedSecret, IEnumerable<string> resources, bool onlyPartyRecords, long fromPosition, DateTimeOffset now) => new()
    {
        OnlyPartyRecords = onlyPartyRecords,
        Id = Guid.CreateVersion7(now),
        OrganisationId = organisationId,
        TargetUrl = targetUrl,
        ProtectedSecret = protectedSecret,
        Resources = resources.Distinct().ToList(),
        Status = SubscriptionStatus.Active,
        LastPosition = fromPosition,
        CreatedAt = now,
        UpdatedAt = now,
    };

    /// <summary>
    /// A new secret signs from now; the one before still signs beside it for <paramref name="grace"/>, so the receiver can
    /// change its secret without refusing a delivery (Standard Webhooks: several signatures in one header).
    /// </summary>
    public void RotateSecret(string protectedSecret, TimeSpan grace, DateTimeOffset now)
    {
        PreviousProtectedSecret = ProtectedSecret;
        PreviousSecretUntil = now + grace;
        ProtectedSecret = protectedSecret;
        UpdatedAt = now;
    }

    /// <summary>The secrets that sign a delivery sent at <paramref name="now"/>, protected: the current one first.</summary>
    public IReadOnlyList<string> SigningSecrets(DateTimeOffset now) =>
        PreviousProtectedSecret is { } previous && PreviousSecretUntil > now ? [ProtectedSecret, previous] : [ProtectedSecret];

    public void Delivered(long position, DateTimeOffset now)
    {
        LastPosition = position;
        ConsecutiveFailures = 0;
        UpdatedAt = now;
    }

    /// <summary>Moves past changes this subscription does not receive, up to <paramref name="position"/>.</summary>
    public void PassedOver(long position, DateTimeOffset now)
    {
        if (position <= LastPosition)
            return;
        LastPosition = position;
        UpdatedAt = now;
    }

    public void Failed(int pauseAfter, bool circuitOpen, DateTimeOffset now)
    {
        ConsecutiveFailures++;
        UpdatedAt = now;
        if (circuitOpen || ConsecutiveFailures >= pauseAfter)
        {
            Status = SubscriptionStatus.Paused;
            PausedReason = circuitOpen
                ? $"Paused: the circuit opened after repeated failures ({ConsecutiveFailures} in a row). Fix the receiver, then resume."
                : $"Paused after {ConsecutiveFailures} failed deliveries in a row. Fix the receiver, then resume.";
        }
    }

    public void Resume(DateTimeOffset now)
    {
        Status = SubscriptionStatus.Active;
        PausedReason = null;
        ConsecutiveFailures = 0;
        UpdatedAt = now;
    }
}

public enum DeliveryStatus
{
    Delivered,
    Failed,
}

/// <summary>One attempt to deliver: when, and what came back.</summary>
public sealed record DeliveryAttempt(DateTimeOffset At, int? StatusCode, string? Error);

/// <summary>The log of one change sent to one subscription, with every attempt (retries included).</summary>
public sealed class WebhookDelivery
{
    private WebhookDelivery()
    {
    }

    public long Id { get; private set; }

    public Guid SubscriptionId { get; private set; }

    public long Position { get; private set; }

    public string Resource { get; private set; } = string.Empty;

    public Guid RecordId { get; private set; }

    public int Revision { get; private set; }

    public DeliveryStatus Status { get; private set; }

    public List<DeliveryAttempt> Attempts { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    public static WebhookDelivery Record(Guid subscriptionId, RecordKeeping.Change change, IEnumerable<DeliveryAttempt> attempts, bool delivered, DateTimeOffset now) => new()
    {
        SubscriptionId = subscriptionId,
        Position = change.Position,
        Resource = change.Resource,
        RecordId = change.RecordId,
        Revision = change.Revision,
        Status = delivered ? DeliveryStatus.Delivered : DeliveryStatus.Failed,
        Attempts = attempts.ToList(),
        CreatedAt = now,
    };
}
