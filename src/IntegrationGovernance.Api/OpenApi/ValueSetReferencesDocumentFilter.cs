using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace IntegrationGovernance.Api.OpenApi;

/// <summary>
/// Replaces a property marked by <see cref="ContractBoundsSchemaFilter"/> as one of a value set with a reference to the set's own
/// schema: a schema filter cannot swap the property's schema for a reference itself, so the mark carries the set's name to here.
/// </summary>
internal sealed class ValueSetReferencesDocumentFilter : IDocumentFilter
{
    private const string Extension = "x-value-set";

    public static void Mark(OpenApiSchema schema, string setName)
    {
        schema.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        schema.Extensions[Extension] = new JsonNodeExtension(System.Text.Json.Nodes.JsonValue.Create(setName));
    }

    public static bool IsMarked(OpenApiSchema schema) => schema.Extensions?.ContainsKey(Extension) == true;

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        foreach (var schema in (document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>()).Values.OfType<OpenApiSchema>())
        {
            foreach (var (name, property) in schema.Properties?.ToList() ?? [])
            {
                if (property is OpenApiSchema marked && marked.Extensions?.TryGetValue(Extension, out var set) == true && set is JsonNodeExtension { Node: var node })
                    schema.Properties![name] = new OpenApiSchemaReference(node.GetValue<string>(), document);
            }
        }
    }
}
