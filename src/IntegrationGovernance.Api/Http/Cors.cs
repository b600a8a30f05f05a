using IntegrationGovernance.Api.Security;

namespace IntegrationGovernance.Api.Http;

public sealed class CorsOriginsOptions
{
    public const string Section = "Cors";

    /// <summary>The longest origin the contract declares for <c>Access-Control-Allow-Origin</c>.</summary>
    public const int MaxOriginLength = 200;

    /// <summary>
    /// Origins (scheme, host and port, e.g. <c>https://case-system.example.gov.uk</c>) whose pages may call the API from a
    /// browser. None by default: the register is called by servers, and a browser page elsewhere gets no CORS headers.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];

    public void Validate()
    {
        foreach (var origin in AllowedOrigins)
        {
            if (origin.Length > MaxOriginLength || !Uri.TryCreate(origin, UriKind.Absolute, out var uri)
                || uri.Scheme is not ("https" or "http") || uri.AbsolutePath != "/" || origin.EndsWith('/') || uri.Query.Length > 0 || uri.UserInfo.Length > 0)
                throw new InvalidOperationException(
                    $"Cors:AllowedOrigins holds '{origin}': each is an origin, a scheme, host and optional port with no path, e.g. https://case-system.example.gov.uk.");
        }
    }
}

/// <summary>
/// Browser calls from the origins in <c>Cors:AllowedOrigins</c> (none unless configured). Preflights are answered before
/// authentication, and every answer to an allowed origin, refusals included, carries <c>Access-Control-Allow-Origin</c>
/// and exposes the headers a client reads (ETag, Location, Retry-After, the RateLimit fields, Idempotent-Replayed...).
/// Tokens travel in the Authorization header, never cookies, so credentials are not allowed.
/// </summary>
public static class Cors
{
    public static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE"];

    public static readonly string[] RequestHeaders =
        ["Authorization", "Content-Type", "Accept", "If-Match", "If-None-Match", IdempotencyMiddleware.Header, CorrelationId.Header, "traceparent"];

    public static readonly string[] ExposedHeaders =
    [
        "ETag", "Location", "Retry-After", RateLimiting.Header, RateLimiting.PolicyHeader, IdempotencyMiddleware.ReplayedHeader,
        WithheldFromReplay.Header, CorrelationId.Header, "api-supported-versions",
    ];

    public static IServiceCollection AddRegisterCors(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(CorsOriginsOptions.Section).Get<CorsOriginsOptions>() ?? new CorsOriginsOptions();
        options.Validate();
        services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .WithOrigins(options.AllowedOrigins)
            .WithMethods(Methods)
            .WithHeaders(RequestHeaders)
            .WithExposedHeaders(ExposedHeaders)
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        return services;
    }
}
