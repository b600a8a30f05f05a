using IntegrationGovernance.Api.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace IntegrationGovernance.Api.OpenApi;

/// <summary>
/// Documents the responses every operation can give because of the shared HTTP contract, so no operation's
/// list of status codes is left incomplete: 400 everywhere (every operation bounds its query string), 404 for a record in the path,
/// 412/428 and the If-Match header where a change needs it, 500 and 503 everywhere. (Their headers: <see cref="ResponseHeadersOperationFilter"/>.)
/// </summary>
internal sealed class StandardResponsesOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var api = context.ApiDescription;
        operation.Responses ??= [];
        var namesRecord = api.ParameterDescriptions.Any(p => p.Source.Id == "Path" && p.Name == "id");
        // every operation reads its query string, if only to refuse one over its bounds (RequestBounds.RequireBoundedQuery)
        Add(operation, context, StatusCodes.Status400BadRequest, "The request is not valid; `errors` names each field by JSON path, or a parameter by its name.", typeof(HttpValidationProblemDetails));
        if (namesRecord)
            Add(operation, context, StatusCodes.Status404NotFound, "No record with this id.", typeof(ProblemDetails));
        var metadata = api.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IfMatchRequired>().Any())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-Match",
                In = ParameterLocation.Header,
                Required = true,
                Description = "The ETag from your last read of the record.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                Example = "\"1234\"",
            });
            Add(operation, context, StatusCodes.Status412PreconditionFailed, "The record changed since the ETag in If-Match; read it again.", typeof(ProblemDetails));
            Add(operation, context, StatusCodes.Status428PreconditionRequired, "If-Match is missing.", typeof(ProblemDetails));
        }
        if (api.HttpMethod == "POST")
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = IdempotencyMiddleware.Header,
                In = ParameterLocation.Header,
                Required = false,
                Description = "Makes a retry safe: a repeat with the same key and request gets the first response again (with Idempotent-Replayed: true). Keys are kept 24 hours.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 255 },
                Example = "0b6f1f7e-8f61-4f0c-9d3e-1c2b3a4d5e6f",
            });
            Add(operation, context, StatusCodes.Status409Conflict, "A conflict with the register, or the first request with this Idempotency-Key is still running.", typeof(ProblemDetails));
            Add(operation, context, StatusCodes.Status422UnprocessableEntity, "A rule of the register is broken, or the Idempotency-Key was used for another request.", typeof(ProblemDetails));
        }
        Add(operation, context, StatusCodes.Status500InternalServerError, "An unexpected error; the body names the trace id, never the internals.", typeof(ProblemDetails));
        Add(operation, context, StatusCodes.Status503ServiceUnavailable, "The database is unreachable; nothing was changed. Retry after the Retry-After header's seconds.", typeof(ProblemDetails));

    }

    private static void Add(OpenApiOperation operation, OperationFilterContext context, int status, string description, Type type)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(key))
            return;
        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, IOpenApiMediaType>
            {
                ["application/problem+json"] = new OpenApiMediaType { Schema = context.SchemaGenerator.GenerateSchema(type, context.SchemaRepository) },
            },
        };
    }
}

/// <summary>Marks an operation whose success response carries the record's ETag.</summary>
public class ReturnsETag;

/// <summary>Marks an operation that changes a record and so needs If-Match (documentation; the handler enforces it).</summary>
public sealed class IfMatchRequired : ReturnsETag;

public static class ETagEndpointExtensions
{
    public static RouteHandlerBuilder ReturnsETag(this RouteHandlerBuilder builder) => builder.WithMetadata(new ReturnsETag());

    public static RouteHandlerBuilder RequiresIfMatch(this RouteHandlerBuilder builder) => builder.WithMetadata(new IfMatchRequired());
}
