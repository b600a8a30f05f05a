using System.ComponentModel.DataAnnotations;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.RecordKeeping;
using IntegrationGovernance.Infrastructure.Webhooks;

namespace IntegrationGovernance.Api.Webhooks;

public sealed record WebhookSubscriptionRequest
{
    /// <summary>Where deliveries are POSTed: https, and not an address on a private network.</summary>
    /// <example>https://case-system.example.gov.uk/hooks/register</example>
    [MaxLength(RequestBounds.MaxUrlLength)]
    public required string TargetUrl { get; init; }

    /// <summary>The resources wanted, as the change feed names them (organisations, agreements, pooled_funds, contributions, posts...); empty for all.</summary>
    /// <example>["agreements"]</example>
    [MaxLength(RequestBounds.MaxListItems)]
    [OneOf<ChangeResources>]
    public IReadOnlyList<string> Resources { get; init; } = [];

    /// <summary>Only records the subscribing organisation is a party to (secondments are always so limited).</summary>
    /// <example>true</example>
    public bool OnlyPartyRecords { get; init; }

    /// <summary>Start after this change-feed position (default: from now on).</summary>
    /// <example>1042</example>
    [Range(typeof(long), "0", "9223372036854775807")]
    public long? AfterPosition { get; init; }
}

public sealed record WebhookSubscriptionResponse
{
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6ff0</example>
    public required Guid Id { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70</example>
    public Guid? OrganisationId { get; init; }

    /// <example>https://case-system.example.gov.uk/hooks/register</example>
    [MaxLength(RequestBounds.MaxUrlLength)]
    [Url]
    public required string TargetUrl { get; init; }

    /// <example>["agreements"]</example>
    [MaxLength(RequestBounds.MaxListItems)]
    [OneOf<ChangeResources>]
    public required IReadOnlyList<string> Resources { get; init; }

    /// <example>true</example>
    public required bool OnlyPartyRecords { get; init; }

    /// <example>Active</example>
    public required SubscriptionStatus Status { get; init; }

    /// <example>Paused after 5 failed deliveries in a row. Fix the receiver, then resume.</example>
    [MaxLength(500)]
    public string? PausedReason { get; init; }

    /// <example>0</example>
    [Range(0, int.MaxValue)]
    public required int ConsecutiveFailures { get; init; }

    /// <summary>The last change-feed position delivered.</summary>
    /// <example>1042</example>
    [Range(typeof(long), "0", "9223372036854775807")]
    public required long LastPosition { get; init; }

    /// <example>2026-11-23T12:00:00+00:00</example>
    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A new subscription, with its signing secret: shown this once, keep it.</summary>
public sealed record CreatedWebhookSubscriptionResponse
{
    public required WebhookSubscriptionResponse Subscription { get; init; }

    /// <summary>Verify each delivery's <c>webhook-signature</c> with it (Standard Webhooks). Null only on an idempotent
    /// replay (header <c>Idempotent-Replay-Withheld: secret</c>): the secret is never stored in plain.</summary>
    /// <example>whsec_BwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyAhIiMkJSY=</example>
    [MaxLength(WebhookSecrets.Length)]
    [RegularExpression(WebhookSecrets.Pattern)]
    public required string? Secret { get; init; }
}

public sealed record WebhookDeliveryResponse
{
    /// <example>77</example>
    [Range(typeof(long), "1", "9223372036854775807")]
    public required long Id { get; init; }

    /// <example>1042</example>
    [Range(typeof(long), "1", "9223372036854775807")]
    public required long Position { get; init; }

    /// <example>agreements</example>
    [OneOf<ChangeResources>]
    public required string Resource { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f90</example>
    public required Guid RecordId { get; init; }

    /// <example>3</example>
    [Range(1, int.MaxValue)]
    public required int Revision { get; init; }

    /// <example>Delivered</example>
    public required DeliveryStatus Status { get; init; }

    /// <summary>Every attempt, retries included.</summary>
    [MaxLength(WebhookOptions.MaxRetries + 1)]
    public required IReadOnlyList<DeliveryAttemptResponse> Attempts { get; init; }

    /// <example>2026-11-23T12:00:00+00:00</example>
    public required DateTimeOffset CreatedAt { get; init; }
}

public sealed record DeliveryAttemptResponse
{
    /// <example>2026-11-23T12:00:00+00:00</example>
    public required DateTimeOffset At { get; init; }

    /// <example>503</example>
    [Range(100, 999)]
    public int? StatusCode { get; init; }

    /// <example>timed out</example>
    [MaxLength(DeliveryFailures.MaxLength)]
    public string? Error { get; init; }
}
