using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace IntegrationGovernance.Api.Http;

public sealed class RequestLimitsOptions
{
    public const string Section = "Limits";

    /// <summary>The largest request body accepted, in bytes (1 MiB unless configured).</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The largest body of a bulk import, in bytes (64 MiB unless configured).</summary>
    public long MaxImportBodyBytes { get; set; } = 64 * 1024 * 1024;
}

/// <summary>Marks a bulk import, whose body may be as large as <see cref="RequestLimitsOptions.MaxImportBodyBytes"/>.</summary>
public sealed class LargeBodyAllowed;

/// <summary>
/// Refuses bodies over the limit with 413: at once when Content-Length says so, otherwise as the server reads
/// (the per-request limit the server enforces on a chunked body).
/// </summary>
public static class RequestBodyLimit
{
    public static IServiceCollection AddRequestBodyLimit(this IServiceCollection services)
    {
        services.AddOptions<RequestLimitsOptions>().BindConfiguration(RequestLimitsOptions.Section);
        return services;
    }

    public static RouteHandlerBuilder AllowsLargeBody(this RouteHandlerBuilder builder) => builder.WithMetadata(new LargeBodyAllowed());

    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var limits = context.RequestServices.GetRequiredService<IOptions<RequestLimitsOptions>>().Value;
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<LargeBodyAllowed>() is null ? limits.MaxRequestBodyBytes : limits.MaxImportBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            await Security.ProblemChallenges.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "payload-too-large", "The request body is too large.",
                $"Request bodies here are at most {limit} bytes.");
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = limit;
        await next(context);
    });
}
