using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace IntegrationGovernance.Api.Http;

public sealed class RequestLimitsOptions
{
    public const string Section = "Limits";

    /// <summary>The largest request body accepted, in bytes (1 MiB unless configured).</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}

/// <summary>Refuses bodies over the limit with 413: at once when Content-Length says so, else as the server reads.</summary>
public static class RequestBodyLimit
{
    public static IServiceCollection AddRequestBodyLimit(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RequestLimitsOptions>().BindConfiguration(RequestLimitsOptions.Section);
        services.Configure<KestrelServerOptions>(kestrel =>
            kestrel.Limits.MaxRequestBodySize = configuration.GetSection(RequestLimitsOptions.Section).Get<RequestLimitsOptions>()?.MaxRequestBodyBytes
                ?? new RequestLimitsOptions().MaxRequestBodyBytes);
        return services;
    }

    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var limit = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<RequestLimitsOptions>>().Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            await Security.ProblemChallenges.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "payload-too-large", "The request body is too large.",
                $"Request bodies are at most {limit} bytes.");
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = limit;
        await next(context);
    });
}
