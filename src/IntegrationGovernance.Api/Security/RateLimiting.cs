using System.Globalization;
using System.Threading.RateLimiting;

namespace IntegrationGovernance.Api.Security;

public sealed class RateLimitOptions
{
    public const string Section = "RateLimiting";

    /// <summary>The longest window the contract allows (and so the most <c>Retry-After</c> and reset seconds it declares).</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(1);

    /// <summary>The most requests per window the contract allows.</summary>
    public const int MaxPermitLimit = 1_000_000_000;

    /// <summary>Requests each client may make per window.</summary>
    public int PermitLimit { get; set; } = 1200;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    public void Validate()
    {
        if (PermitLimit is < 1 or > MaxPermitLimit)
            throw new InvalidOperationException($"RateLimiting:PermitLimit is {PermitLimit}; it must be 1 to {MaxPermitLimit}.");
        if (Window < TimeSpan.FromSeconds(1) || Window > MaxWindow)
            throw new InvalidOperationException($"RateLimiting:Window is {Window}; it must be 1 second to {MaxWindow.TotalHours:0} hours.");
    }
}

/// <summary>
/// A fixed window per client (the token's subject, or the address of an anonymous caller): <see cref="RateLimitOptions.PermitLimit"/>
/// requests per <see cref="RateLimitOptions.Window"/>, the window starting with the client's first request after the last one ended.
/// Every response tells the client where it stands, in the IETF RateLimit fields (draft-ietf-httpapi-ratelimit-headers):
/// <c>RateLimit-Policy: "default";q=1200;w=60</c> (the quota and window) and <c>RateLimit: "default";r=1187;t=42</c> (requests
/// left and seconds until the window resets), read from the client's own window as its request is counted. Beyond the quota,
/// 429 with <c>Retry-After</c>: the seconds until the window resets. <c>/health</c> is not limited (the orchestrator's probes).
/// </summary>
public static class RateLimiting
{
    public const string PolicyHeader = "RateLimit-Policy";
    public const string Header = "RateLimit";
    public const string PolicyName = "default";

    public static IServiceCollection AddRegisterRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        limits.Validate();
        services.AddSingleton(limits);
        services.AddSingleton(provider =>
        {
            var clock = provider.GetRequiredService<TimeProvider>();
            return PartitionedRateLimiter.Create<HttpContext, string>(http =>
                http.Request.Path.StartsWithSegments("/health")
                    ? RateLimitPartition.GetNoLimiter("health")
                    : RateLimitPartition.Get(ClientOf(http), _ => new ClientWindow(limits.PermitLimit, limits.Window, clock)));
        });
        return services;
    }

    /// <summary>Counts the request against its client's window, says where the client stands, and answers 429 past the quota.</summary>
    public static IApplicationBuilder UseRegisterRateLimiting(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var limiter = http.RequestServices.GetRequiredService<PartitionedRateLimiter<HttpContext>>();
        using var lease = limiter.AttemptAcquire(http);
        if (!lease.TryGetMetadata(ClientWindow.Remaining, out var remaining) || !lease.TryGetMetadata(ClientWindow.ResetAfter, out var reset))
        {
            await next(http); // not limited (health)
            return;
        }
        var limits = http.RequestServices.GetRequiredService<RateLimitOptions>();
        var policy = PolicyField(limits);
        var state = StateField(remaining, reset);
        // set as the response starts, so an answer written after the exception handler cleared the headers carries them too
        http.Response.OnStarting(() =>
        {
            http.Response.Headers[PolicyHeader] = policy;
            http.Response.Headers[Header] = state;
            return Task.CompletedTask;
        });
        if (lease.IsAcquired)
        {
            await next(http);
            return;
        }
        http.Response.Headers.RetryAfter = Seconds(reset).ToString(CultureInfo.InvariantCulture);
        await ProblemChallenges.WriteAsync(http, StatusCodes.Status429TooManyRequests, "rate-limited", "Too many requests.",
            $"This client may make {limits.PermitLimit} requests every {limits.Window.TotalSeconds:0} seconds; retry after the Retry-After header's seconds.");
    });

    /// <summary><c>"default";q=&lt;quota&gt;;w=&lt;window seconds&gt;</c></summary>
    public static string PolicyField(RateLimitOptions limits) =>
        string.Create(CultureInfo.InvariantCulture, $"\"{PolicyName}\";q={limits.PermitLimit};w={Seconds(limits.Window)}");

    /// <summary><c>"default";r=&lt;remaining&gt;;t=&lt;seconds until reset&gt;</c></summary>
    public static string StateField(int remaining, TimeSpan resetAfter) =>
        string.Create(CultureInfo.InvariantCulture, $"\"{PolicyName}\";r={remaining};t={Seconds(resetAfter)}");

    // whole seconds, rounded up: a client that waits this long finds the window reset
    private static long Seconds(TimeSpan span) => (long)Math.Ceiling(span.TotalSeconds);

    private static string ClientOf(HttpContext http) =>
        http.User.FindFirst("sub")?.Value is { } subject ? $"sub:{subject}" : $"ip:{http.Connection.RemoteIpAddress}";
}

/// <summary>
/// One client's fixed window, which knows how many requests it has left and when it resets (the framework's fixed-window
/// limiter knows neither: its Retry-After is always the whole window). Idle, and so dropped by the partitioned limiter,
/// only once its window has run out, so idling does not earn a client a fresh quota early.
/// </summary>
internal sealed class ClientWindow(int permitLimit, TimeSpan window, TimeProvider clock) : RateLimiter
{
    public static readonly MetadataName<int> Remaining = MetadataName.Create<int>("RateLimit.Remaining");
    public static readonly MetadataName<TimeSpan> ResetAfter = MetadataName.Create<TimeSpan>("RateLimit.ResetAfter");

    private readonly Lock _gate = new();
    private readonly long _windowTicks = (long)(window.TotalSeconds * clock.TimestampFrequency);
    private long _endsAt = clock.GetTimestamp();
    private int _used;
    private long _succeeded;
    private long _failed;

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_gate)
            {
                var now = clock.GetTimestamp();
                return now < _endsAt ? null : clock.GetElapsedTime(_endsAt, now);
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_gate)
        {
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = clock.GetTimestamp() < _endsAt ? permitLimit - _used : permitLimit,
                TotalSuccessfulLeases = _succeeded,
                TotalFailedLeases = _failed,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (_gate)
        {
            var now = clock.GetTimestamp();
            if (now >= _endsAt)
            {
                _endsAt = now + _windowTicks;
                _used = 0;
            }
            var resetAfter = clock.GetElapsedTime(now, _endsAt);
            if (_used + permitCount > permitLimit)
            {
                _failed++;
                return new Lease(false, permitLimit - _used, resetAfter);
            }
            _used += permitCount;
            _succeeded++;
            return new Lease(true, permitLimit - _used, resetAfter);
        }
    }

    // no queue: a request over the quota is refused at once
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private sealed class Lease(bool acquired, int remaining, TimeSpan resetAfter) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames =>
            acquired ? [Remaining.Name, ResetAfter.Name] : [Remaining.Name, ResetAfter.Name, MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == Remaining.Name ? remaining
                : metadataName == ResetAfter.Name || (!acquired && metadataName == MetadataName.RetryAfter.Name) ? resetAfter
                : null;
            return metadata is not null;
        }
    }
}
