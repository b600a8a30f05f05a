using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace IntegrationGovernance.Api.Security;

public sealed class RateLimitOptions
{
    public const string Section = "RateLimiting";

    /// <summary>Requests each client may make per window.</summary>
    public int PermitLimit { get; set; } = 1200;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>A fixed window per client (the token's subject, or the address of an anonymous caller); 429 with Retry-After beyond it.</summary>
public static class RateLimiting
{
    public static IServiceCollection AddRegisterRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                http.Request.Path.StartsWithSegments("/health")
                    ? RateLimitPartition.GetNoLimiter("health")
                    : RateLimitPartition.GetFixedWindowLimiter(ClientOf(http), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = limits.PermitLimit,
                        Window = limits.Window,
                        QueueLimit = 0,
                    }));
            options.OnRejected = async (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : limits.Window;
                context.HttpContext.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                await ProblemChallenges.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "rate-limited", "Too many requests.",
                    $"This client may make {limits.PermitLimit} requests every {limits.Window.TotalSeconds:0} seconds; retry after the Retry-After header's seconds.");
            };
        });
        return services;
    }

    private static string ClientOf(HttpContext http) =>
        http.User.FindFirst("sub")?.Value is { } subject ? $"sub:{subject}" : $"ip:{http.Connection.RemoteIpAddress}";
}
