using System.Text.Json.Nodes;
using IntegrationGovernance.Api.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace IntegrationGovernance.Api.OpenApi;

/// <summary>
/// The problem-details schemas as the register writes them (RFC 9457 and its extensions), not as the framework's types look:
/// <c>type</c> is one of the documented <see cref="ProblemTypes.All"/>; <c>traceId</c> and <c>correlationId</c> are always
/// there; <c>errors</c> (field, by JSON path, to its messages) always on a validation problem and on a rule that names its field;
/// <c>errorCount</c> and <c>rejectedRows</c> on a rejected import; nothing else. Every bound is <see cref="ProblemBounds"/>'.
/// </summary>
internal sealed class ProblemSchemaFilter : ISchemaFilter
{
    public const string TypeSchema = "ProblemType";

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema concrete || (context.Type != typeof(ProblemDetails) && context.Type != typeof(HttpValidationProblemDetails)))
            return;
        var validation = context.Type == typeof(HttpValidationProblemDetails);
        concrete.Description = validation
            ? "A validation problem: `errors` names each field at fault by JSON path (or a parameter by its name)."
            : "An RFC 9457 problem. Switch on `type`; `errors` names the field at fault when there is one.";
        context.SchemaRepository.Schemas.TryAdd(TypeSchema, new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "What went wrong, stable: one of the register's problem types (docs/problems.md, docs/agreements.md).",
            Enum = [.. ProblemTypes.All.Select(t => (JsonNode)JsonValue.Create(t))],
        });
        concrete.Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchemaReference(TypeSchema),
            ["title"] = Text("A short summary of the problem type.", ProblemBounds.MaxTitleLength),
            ["status"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Integer, Format = "int32", Minimum = "400", Maximum = "599", Description = "The HTTP status code.",
            },
            ["detail"] = Text("What happened in this case, for a person to read.", ProblemBounds.MaxDetailLength),
            ["instance"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String, Format = "uri-reference", MaxLength = ProblemBounds.MaxInstanceLength, Description = "The request's path.",
            },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Each field at fault, by JSON path (`$.parties[1].role`), or a parameter by its name (`limit`), or an import row (`rows[3].date`), with its messages.",
                MaxProperties = ProblemBounds.MaxErrors,
                AdditionalPropertiesAllowed = true,
                AdditionalProperties = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    MaxItems = ProblemBounds.MaxMessagesPerField,
                    Items = Text("A message about the field.", ProblemBounds.MaxMessageLength),
                },
            },
            ["errorCount"] = Count($"How many errors there were, when more than `errors` lists (an import lists {Imports.ImportFile.MaxReportedErrors}, any other problem {ProblemBounds.MaxErrors})."),
            ["rejectedRows"] = Count("A rejected import: how many of its rows were rejected."),
            ["traceId"] = Text("The W3C trace id of the request (the log has the details under it).", ProblemBounds.MaxTraceIdLength),
            ["correlationId"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String, MaxLength = CorrelationId.MaxLength, Pattern = CorrelationId.Pattern,
                Description = "The request's correlation id: the X-Correlation-Id it sent, or its trace id.",
            },
        };
        concrete.Required = new SortedSet<string>(validation
            ? ["type", "title", "status", "instance", "errors", "traceId", "correlationId"]
            : ["type", "title", "status", "instance", "traceId", "correlationId"]);
        concrete.AdditionalPropertiesAllowed = false;
        concrete.AdditionalProperties = null;
        concrete.Examples = [validation
            ? new JsonObject
            {
                ["type"] = ProblemTypes.Validation,
                ["title"] = "The request is not valid.",
                ["status"] = 400,
                ["detail"] = "One or more fields are not valid; see errors, keyed by JSON path.",
                ["instance"] = "/api/v1/organisations",
                ["errors"] = new JsonObject { ["$.odsCode"] = new JsonArray("An ODS code is 3 or 5 letters and digits, e.g. 5FL, QOX or RXT.") },
                ["traceId"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                ["correlationId"] = "4bf92f3577b34da6a3ce929d0e0e4736",
            }
            : new JsonObject
            {
                ["type"] = ProblemTypes.NotFound,
                ["title"] = "Not found.",
                ["status"] = 404,
                ["detail"] = "No organisation with id 0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70.",
                ["instance"] = "/api/v1/organisations/0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70",
                ["traceId"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                ["correlationId"] = "4bf92f3577b34da6a3ce929d0e0e4736",
            }];
    }

    private static OpenApiSchema Text(string description, int maxLength) =>
        new() { Type = JsonSchemaType.String, MaxLength = maxLength, Description = description };

    private static OpenApiSchema Count(string description) =>
        new() { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "0", Maximum = int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture), Description = description };
}
