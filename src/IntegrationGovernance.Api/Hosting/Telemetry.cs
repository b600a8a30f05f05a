using Npgsql;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace IntegrationGovernance.Api.Hosting;

/// <summary>
/// Traces and metrics with OpenTelemetry: the API's requests (ASP.NET Core), its SQL (Npgsql) and its outbound HTTP (webhook
/// deliveries). They are always recorded, so a request's trace id is on its log lines and problems; they leave the process only
/// over OTLP, and only when an endpoint is configured: the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (with the SDK's other
/// <c>OTEL_*</c> settings: protocol, headers, service name) or <c>Telemetry:OtlpEndpoint</c>.
/// </summary>
public static class Telemetry
{
    public const string ServiceName = "integration-governance";
    public const string EndpointKey = "Telemetry:OtlpEndpoint";
    public const string StandardEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IServiceCollection AddRegisterTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var exported = IsExported(configuration);
        var own = OwnEndpoint(configuration);
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceVersion: typeof(Telemetry).Assembly.GetName().Version?.ToString()))
            .WithTracing(tracing =>
            {
                tracing
                    .AddAspNetCoreInstrumentation(options => options.Filter = http => !http.Request.Path.StartsWithSegments("/health"))
                    .AddHttpClientInstrumentation()
                    .AddNpgsql();
                if (exported)
                    tracing.AddOtlpExporter(options => Export(options, own));
            })
            .WithMetrics(metrics =>
            {
                metrics
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddNpgsqlInstrumentation();
                if (exported)
                    metrics.AddOtlpExporter(options => Export(options, own));
            });
        return services;
    }

    /// <summary>Whether traces and metrics leave the process: only when an OTLP endpoint is configured, one way or the other.</summary>
    public static bool IsExported(IConfiguration configuration) =>
        OwnEndpoint(configuration) is not null || !string.IsNullOrWhiteSpace(configuration[StandardEndpointKey]);

    /// <summary><c>Telemetry:OtlpEndpoint</c>: the collector's OTLP/gRPC address, e.g. http://otel-collector:4317; refused at start-up when it is not an http(s) URL.</summary>
    private static Uri? OwnEndpoint(IConfiguration configuration)
    {
        if (configuration[EndpointKey] is not { Length: > 0 } configured)
            return null;
        return Uri.TryCreate(configured, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new InvalidOperationException($"{EndpointKey} is '{configured}': an OTLP endpoint is an http or https URL.");
    }

    // without the register's key the exporter reads the standard OTEL_EXPORTER_OTLP_* settings itself (endpoint, protocol, headers)
    private static void Export(OtlpExporterOptions options, Uri? own)
    {
        if (own is not null)
            options.Endpoint = own;
    }
}
