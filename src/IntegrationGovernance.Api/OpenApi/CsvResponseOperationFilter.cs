using System.Text.Json.Nodes;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.Imports;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace IntegrationGovernance.Api.OpenApi;

/// <summary>
/// Marks an operation whose 200 is also sent as CSV when the client asks for <c>text/csv</c>: a header row of
/// <paramref name="Columns"/>, then rows, at most <paramref name="MaxLength"/> characters in all (the rows the operation answers
/// with at most, each at most as long as its longest cells allow).
/// </summary>
public sealed record AlsoAsCsv(IReadOnlyList<string> Columns, int MaxLength);

/// <summary>Marks an import whose body may be <c>text/csv</c> with a header row of <paramref name="Columns"/> (or a JSON array of rows).</summary>
public sealed record CsvBody(IReadOnlyList<string> Columns);

/// <summary>
/// Declares CSV where the API reads or writes it. A response: the CSV beside the JSON the operation's typed result declares, so
/// generated clients see both media types of the same response and the JSON keeps its schema. A request: the CSV body as the text
/// it is (not the JSON rows), its columns named, beside the JSON array of rows; either holds at most <see cref="ImportFile.MaxRows"/> rows.
/// </summary>
internal sealed class CsvResponseOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<AlsoAsCsv>().FirstOrDefault() is { } csv
            && operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse response)
        {
            response.Content ??= new Dictionary<string, IOpenApiMediaType>();
            response.Content["text/csv"] = new OpenApiMediaType { Schema = Text(csv.Columns, csv.MaxLength, "") };
        }
        if (metadata.OfType<CsvBody>().FirstOrDefault() is { } body && operation.RequestBody is OpenApiRequestBody request && request.Content is { } content)
        {
            if (content.TryGetValue("application/json", out var json) && json.Schema is OpenApiSchema rows)
                rows.MaxItems = ImportFile.MaxRows;
            content["text/csv"] = new OpenApiMediaType
            {
                Schema = Text(body.Columns, (int)new RequestLimitsOptions().MaxImportBodyBytes,
                    $" At most {ImportFile.MaxRows:N0} rows and {ImportFile.MaxFieldLength:N0} characters a field; the body at most `Limits:MaxImportBodyBytes` (64 MiB by default)."),
            };
        }
    }

    private static OpenApiSchema Text(IReadOnlyList<string> columns, int maxLength, string more) => new()
    {
        Type = JsonSchemaType.String,
        MaxLength = maxLength,
        Description = $"CSV, UTF-8, with a header row: `{string.Join(',', columns)}`.{more}",
        Examples = [JsonValue.Create(string.Join(',', columns) + "\n")],
    };
}
