using System.Text.Json.Nodes;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.Security;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace IntegrationGovernance.Api.OpenApi;

/// <summary>
/// Declares on each response the headers the API sends with it, each defined once under <c>components/headers</c>:
/// <list type="bullet">
/// <item><c>RateLimit-Policy</c> and <c>RateLimit</c> on every 2xx and 4xx (see <see cref="RateLimiting"/>);</item>
/// <item><c>Retry-After</c> on 429 and 503, and on a POST's 409 (the first request with its Idempotency-Key still running);</item>
/// <item><c>Location</c> on every 201; <c>ETag</c> on the 2xx of an operation that returns one;</item>
/// <item><c>Idempotent-Replayed</c> on a POST's 2xx and 4xx (either may be a replay), and <c>Idempotent-Replay-Withheld</c> where a
/// secret is withheld from the replay;</item>
/// <item><c>Access-Control-Allow-Origin</c> (sent only to an allowed origin, <see cref="Cors"/>) and <c>X-Correlation-Id</c> on every response.</item>
/// </list>
/// Runs after the filters that add responses, so none is missed.
/// </summary>
internal sealed class ResponseHeadersOperationFilter : IOperationFilter
{
    public const string ETag = "ETag";
    public const string Location = "Location";
    public const string RetryAfter = "Retry-After";
    public const string AllowOrigin = "Access-Control-Allow-Origin";

    /// <summary>The headers defined once, by name.</summary>
    private static readonly Dictionary<string, Func<OpenApiHeader>> Definitions = new()
    {
        [RateLimiting.PolicyHeader] = () => new OpenApiHeader
        {
            Description = "The client's quota: `q` requests per window of `w` seconds (IETF RateLimit fields, draft-ietf-httpapi-ratelimit-headers).",
            Required = true,
            Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.String, MaxLength = 64, Pattern = "^\"default\";q=[0-9]{1,10};w=[0-9]{1,5}$",
                Examples = [JsonValue.Create("\"default\";q=1200;w=60")],
            },
        },
        [RateLimiting.Header] = () => new OpenApiHeader
        {
            Description = "Where the client stands in its window: `r` requests left and `t` seconds until the window resets (counting this request).",
            Required = true,
            Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.String, MaxLength = 64, Pattern = "^\"default\";r=[0-9]{1,10};t=[0-9]{1,5}$",
                Examples = [JsonValue.Create("\"default\";r=1187;t=42")],
            },
        },
        [RetryAfter] = () => new OpenApiHeader
        {
            Description = "Seconds to wait before retrying.",
            Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.Integer, Format = "int32", Minimum = "0",
                Maximum = ((long)RateLimitOptions.MaxWindow.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Examples = [JsonValue.Create(5)],
            },
        },
        [Location] = () => new OpenApiHeader
        {
            Description = "The created record's URL.",
            Required = true,
            Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.String, Format = "uri-reference", MaxLength = RequestBounds.MaxUrlLength,
                Examples = [JsonValue.Create("/api/v1/organisations/0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70")],
            },
        },
        [ETag] = () => new OpenApiHeader
        {
            Description = "The record's version; send it back in If-Match to change the record.",
            Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.String, MaxLength = ETags.MaxLength, Pattern = ETags.Pattern,
                Examples = [JsonValue.Create("\"1234\"")],
            },
        },
        [IdempotencyMiddleware.ReplayedHeader] = () => new OpenApiHeader
        {
            Description = "Present when this is the kept answer to an earlier request with the same Idempotency-Key, sent again.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("true")] },
        },
        [AllowOrigin] = () => new OpenApiHeader
        {
            Description = "Sent only when the request's Origin is one of `Cors:AllowedOrigins` (none by default): that origin.",
            Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.String, MaxLength = CorsOriginsOptions.MaxOriginLength, Pattern = "^https?://[^/]+$",
                Examples = [JsonValue.Create("https://case-system.example.gov.uk")],
            },
        },
        [CorrelationId.Header] = () => new OpenApiHeader
        {
            Description = "The request's correlation id: the X-Correlation-Id it sent, or its trace id. It is on every log line about the request.",
            Required = true,
            Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.String, MaxLength = CorrelationId.MaxLength, Pattern = CorrelationId.Pattern,
                Examples = [JsonValue.Create("4bf92f3577b34da6a3ce929d0e0e4736")],
            },
        },
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        var post = context.ApiDescription.HttpMethod == "POST";
        var returnsETag = metadata.OfType<ReturnsETag>().Any();
        var withheld = metadata.OfType<WithheldFromReplay>().FirstOrDefault();
        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (response is not OpenApiResponse concrete)
                continue;
            concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
            var success = status.StartsWith('2');
            if (success || status.StartsWith('4'))
            {
                Add(concrete, RateLimiting.PolicyHeader, context);
                Add(concrete, RateLimiting.Header, context);
                if (post)
                    Add(concrete, IdempotencyMiddleware.ReplayedHeader, context);
            }
            if (status is "429" or "503" || (post && status == "409"))
                Add(concrete, RetryAfter, context);
            if (status == "201")
                Add(concrete, Location, context);
            if (success && returnsETag && concrete.Content?.Count > 0)
                Add(concrete, ETag, context);
            if (success && withheld is not null)
            {
                concrete.Headers[WithheldFromReplay.Header] = new OpenApiHeader
                {
                    Description = $"On a replay: the `{withheld.Property}` the first answer held is not kept, so it is null here.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create(withheld.Property)] },
                };
            }
            Add(concrete, AllowOrigin, context);
            Add(concrete, CorrelationId.Header, context);
        }
    }

    private static void Add(OpenApiResponse response, string name, OperationFilterContext context)
    {
        var components = context.Document.Components ??= new OpenApiComponents();
        components.Headers ??= new Dictionary<string, IOpenApiHeader>();
        components.Headers.TryAdd(name, Definitions[name]());
        response.Headers![name] = new OpenApiHeaderReference(name, context.Document);
    }
}
