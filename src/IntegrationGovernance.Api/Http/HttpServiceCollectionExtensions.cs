using System.Text.Json.Serialization;
using Asp.Versioning;
using Microsoft.AspNetCore.Http.Json;
using IntegrationGovernance.Api.RecordKeeping;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using Serilog;

namespace IntegrationGovernance.Api.Http;

/// <summary>The HTTP contract every resource shares: JSON rules, problem details, versioning, request logging.</summary>
public static class HttpServiceCollectionExtensions
{
    public static IServiceCollection AddRegisterHttp(this IServiceCollection services)
    {
        services.Configure<JsonOptions>(options =>
        {
            var json = options.SerializerOptions;
            json.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
            json.Converters.Add(new MoneyJsonConverter());
            // a field the client may not set (id, createdAt...) or misspelt is refused, not silently dropped
            json.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            json.RespectNullableAnnotations = true;
            json.RespectRequiredConstructorParameters = true;
        });
        // binding failures reach ApiExceptionHandler, which names the field at fault
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        // the bounds declared on request contracts ([MaxLength], [Range]) are checked before any handler runs
        services.AddValidation();
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            RequestBounds.AsRegisterProblem(context.ProblemDetails);
            var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
            if (context.ProblemDetails.Type?.StartsWith("urn:", StringComparison.Ordinal) != true)
                context.ProblemDetails.Type = ProblemTypes.ForStatus(status);
            context.ProblemDetails.Detail ??= ProblemTypes.DetailForStatus(status);
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions["correlationId"] = CorrelationId.Of(context.HttpContext);
            ProblemBounds.Apply(context.ProblemDetails);
        });
        // after the framework's writer: a problem is JSON even for a caller that accepts only something else
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddApiVersioning(options =>
            {
                options.DefaultApiVersion = new ApiVersion(1);
                options.ReportApiVersions = true;
                options.ApiVersionReader = new UrlSegmentApiVersionReader();
            })
            .AddApiExplorer(options =>
            {
                options.GroupNameFormat = "'v'VVV";
                options.SubstituteApiVersionInUrl = true;
            });
        services.AddSingleton<TimeProvider>(new Domain.Common.RecordClock(TimeProvider.System));
        services.AddHttpContextAccessor();
        services.AddSingleton<IChangeContextSource, RequestChangeContext>();
        services.AddOptions<IdempotencyOptions>().BindConfiguration(IdempotencyOptions.Section);
        services.AddHostedService<IdempotencyCleanup>();
        services.AddRequestBodyLimit();
        services.AddSingleton<PageCursors>();
        return services;
    }

    public static WebApplication UseRegisterHttp(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCorrelationId();
        // before authentication, so a browser's preflight is answered without a token, and every answer carries the CORS headers
        app.UseCors();
        app.UseSerilogRequestLogging(options =>
        {
            options.MessageTemplate = "HTTP {RequestMethod} {RoutePattern} responded {StatusCode} in {Elapsed:0.0} ms";
            options.EnrichDiagnosticContext = (diagnostics, http) =>
                diagnostics.Set("RoutePattern", (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(unmatched)");
        });
        return app;
    }

    /// <summary>
    /// Who the caller is, how often it may call, how large a body it may send, what it may do; then safe retries for what it does.
    /// The body limit follows the rate limit, so a 413 counts and says where the client stands like any other answer, and
    /// comes before anything reads the body (the idempotency key's hash does).
    /// </summary>
    public static WebApplication UseRegisterAccess(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseRegisterRateLimiting();
        app.UseRequestBodyLimit();
        app.UseAuthorization();
        // inside the exception handler: an exception rolls the key back and the handler answers
        app.UseMiddleware<IdempotencyMiddleware>();
        return app;
    }

    /// <summary>
    /// The versioned root every resource group hangs from: <c>/api/v{version}</c>. Every endpoint under it reads
    /// dates and moments in its query string and route as ISO 8601 only (<see cref="IsoDates"/>), and fixed sets by name only
    /// (<see cref="QueryEnums"/>), and a query string of bounded values (<see cref="RequestBounds.RequireBoundedQuery"/>).
    /// </summary>
    public static RouteGroupBuilder MapVersionedApi(this WebApplication app)
    {
        var versions = app.NewApiVersionSet().HasApiVersion(new ApiVersion(1)).ReportApiVersions().Build();
        return app.MapGroup("/api/v{version:apiVersion}").WithApiVersionSet(versions).HasApiVersion(1).RequireIsoDates().RequireNamedEnums().RequireBoundedQuery();
    }
}
