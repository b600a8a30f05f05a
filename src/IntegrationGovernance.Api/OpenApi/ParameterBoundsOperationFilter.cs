using System.Globalization;
using System.Text.Json.Nodes;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Domain.PooledFunds;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace IntegrationGovernance.Api.OpenApi;

/// <summary>
/// Declares the bounds of the parameters the register reads the same way everywhere, from the code that reads them
/// (and so refuses, with a 400 naming the parameter, a value outside them), where the parameter does not declare its own:
/// <list type="bullet">
/// <item><c>limit</c> and <c>cursor</c> (<see cref="PageRequest"/>), <c>after</c> (a change-feed position);</item>
/// <item><c>financialYear</c> (<see cref="FinancialYear.Pattern"/>) and month periods (<see cref="PeriodRange"/>);</item>
/// <item>the <c>…WithinDays</c> windows (<see cref="RequestBounds.MaxWithinDays"/>); numbered parts of a record (<c>number</c>,
/// <c>sequence</c>, <c>deliveryId</c>), which count from 1;</item>
/// <item><c>If-Match</c> (an <see cref="ETags">ETag</see>), <c>If-None-Match</c> (<c>*</c>), <c>Idempotency-Key</c>;</item>
/// <item>a value set an operation declares with <see cref="ParameterValues"/>;</item>
/// <item>any other string in a query string: <see cref="RequestBounds.MaxQueryValueLength"/>, refused beyond that by
/// <see cref="RequestBounds.RequireBoundedQuery"/>.</item>
/// </list>
/// </summary>
internal sealed class ParameterBoundsOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var values = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<ParameterValues>().ToList();
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.Schema is not OpenApiSchema schema)
                continue; // a $ref: an enum, bounded by its values
            if (values.FirstOrDefault(v => v.Name == parameter.Name) is { } set)
                schema.Enum = [.. set.Values.Select(v => (JsonNode)JsonValue.Create(v))];
            switch (parameter.In, parameter.Name)
            {
                case (ParameterLocation.Query, "limit"):
                    Range(schema, 1, PageRequest.MaxLimit);
                    break;
                case (ParameterLocation.Query, "cursor"):
                    schema.Pattern ??= PageRequest.CursorPattern;
                    break;
                case (ParameterLocation.Query, "after"):
                    Range(schema, 0, long.MaxValue);
                    break;
                case (_, "financialYear"):
                    schema.Pattern ??= FinancialYear.Pattern;
                    schema.MaxLength ??= FinancialYear.Length;
                    break;
                case (_, "period" or "fromPeriod" or "toPeriod"):
                    Range(schema, PeriodRange.First, PeriodRange.Last);
                    break;
                case (ParameterLocation.Query, "expiringWithinDays" or "reviewWithinDays" or "endingWithinDays"):
                    Range(schema, 0, RequestBounds.MaxWithinDays);
                    break;
                case (ParameterLocation.Path, "number" or "sequence"):
                    Range(schema, 1, int.MaxValue);
                    break;
                case (ParameterLocation.Path, "deliveryId"):
                    Range(schema, 1, long.MaxValue);
                    break;
                case (ParameterLocation.Header, "If-Match"):
                    schema.Pattern ??= ETags.Pattern;
                    schema.MaxLength ??= ETags.MaxLength;
                    break;
                case (ParameterLocation.Header, "If-None-Match"):
                    schema.Enum = [JsonValue.Create("*")];
                    break;
                case (ParameterLocation.Header, IdempotencyMiddleware.Header):
                    schema.Pattern ??= IdempotencyMiddleware.KeyPattern;
                    schema.MaxLength ??= IdempotencyMiddleware.MaxKeyLength;
                    break;
            }
            if (parameter.In == ParameterLocation.Query && schema.Type?.HasFlag(JsonSchemaType.String) == true && schema.Enum is not { Count: > 0 })
                schema.MaxLength ??= RequestBounds.MaxQueryValueLength;
            if (parameter.In == ParameterLocation.Query && schema.Type?.HasFlag(JsonSchemaType.Array) == true && schema.Items is OpenApiSchema items)
            {
                schema.MaxItems ??= RequestBounds.MaxQueryValues;
                if (items.Type?.HasFlag(JsonSchemaType.String) == true && items.Enum is not { Count: > 0 })
                    items.MaxLength ??= RequestBounds.MaxQueryValueLength;
            }
        }
    }

    private static void Range(OpenApiSchema schema, long minimum, long maximum)
    {
        schema.Minimum = minimum.ToString(CultureInfo.InvariantCulture);
        schema.Maximum = maximum.ToString(CultureInfo.InvariantCulture);
    }
}

/// <summary>Endpoint metadata: the query parameter <paramref name="Name"/> takes one of <paramref name="Values"/> (and the handler refuses others).</summary>
public sealed record ParameterValues(string Name, IReadOnlyCollection<string> Values);
