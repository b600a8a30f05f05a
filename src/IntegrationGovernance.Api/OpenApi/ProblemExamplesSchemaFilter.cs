using System.Text.Json.Nodes;
using IntegrationGovernance.Api.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace IntegrationGovernance.Api.OpenApi;

/// <summary>Gives the problem-details schemas an example each, as every response in the contract has one.</summary>
internal sealed class ProblemExamplesSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema concrete)
            return;
        if (context.Type == typeof(HttpValidationProblemDetails))
        {
            concrete.Examples = [new JsonObject
            {
                ["type"] = ProblemTypes.Validation,
                ["title"] = "The request is not valid.",
                ["status"] = 400,
                ["detail"] = "One or more fields are not valid; see errors, keyed by JSON path.",
                ["errors"] = new JsonObject { ["$.odsCode"] = new JsonArray("An ODS code is 3 or 5 letters and digits, e.g. 5FL, QOX or RXT.") },
                ["traceId"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            }];
        }
        else if (context.Type == typeof(ProblemDetails))
        {
            concrete.Examples = [new JsonObject
            {
                ["type"] = ProblemTypes.NotFound,
                ["title"] = "Not found.",
                ["status"] = 404,
                ["detail"] = "No organisation with id 0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70.",
                ["traceId"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            }];
        }
    }
}
