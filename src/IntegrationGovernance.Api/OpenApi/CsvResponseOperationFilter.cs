using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace IntegrationGovernance.Api.OpenApi;

/// <summary>Marks an operation whose 200 is also sent as CSV when the client asks for <c>text/csv</c>.</summary>
public sealed record AlsoAsCsv;

/// <summary>
/// Declares the CSV beside the JSON the operation's typed result already declares, so generated clients see both
/// media types of the same response and the JSON keeps its schema.
/// </summary>
internal sealed class CsvResponseOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (!context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<AlsoAsCsv>().Any()
            || operation.Responses?.TryGetValue("200", out var ok) != true || ok is not OpenApiResponse response)
            return;
        response.Content ??= new Dictionary<string, IOpenApiMediaType>();
        response.Content["text/csv"] = new OpenApiMediaType
        {
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "CSV with a header row, UTF-8." },
        };
    }
}
