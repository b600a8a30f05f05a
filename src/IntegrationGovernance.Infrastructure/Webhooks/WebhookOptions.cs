namespace IntegrationGovernance.Infrastructure.Webhooks;

/// <summary><c>Webhooks</c> configuration: where deliveries may go, and how hard to try.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Targets must be https (Development allows http).</summary>
    public bool RequireHttps { get; set; } = true;

    /// <summary>Allow targets that resolve to loopback, link-local or private addresses (refused by default: SSRF).</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Subscriptions one organisation may hold at once (each is a delivery worker's round of work).</summary>
    public int MaxSubscriptionsPerOrganisation { get; set; } = 10;

    /// <summary>Run the delivery worker in this instance (every instance may; the database hands out the work).</summary>
    public bool WorkerEnabled { get; set; } = true;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one attempt may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after the first attempt, with exponential backoff and jitter from <see cref="RetryBaseDelay"/>; at most <see cref="MaxRetries"/>.</summary>
    public int Retries { get; set; } = 3;

    /// <summary>The most retries a deployment may set: a delivery's log lists at most this many attempts and one more.</summary>
    public const int MaxRetries = 10;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a rotated-out secret still signs beside the new one.</summary>
    public TimeSpan SecretRotationGrace { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Failed deliveries in a row (after retries) that pause a subscription.</summary>
    public int PauseAfterFailures { get; set; } = 5;

    /// <summary>Failed deliveries in a row that open a subscription's circuit.</summary>
    public int CircuitBreakAfter { get; set; } = 3;

    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a worker holds a subscription for one delivery: every attempt's timeout, the backoff between them,
    /// and a minute's margin. The lease is renewed as each delivery is recorded.
    /// </summary>
    public TimeSpan DeliveryLease => Timeout * (Retries + 1) + RetryBaseDelay * Math.Pow(2, Retries + 1) + TimeSpan.FromMinutes(1);
}
