using System.Reflection;
using System.Text.Json.Nodes;
using IntegrationGovernance.Api.Http;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace IntegrationGovernance.Api.OpenApi;

/// <summary>
/// Bounds every value in the contract by what the API reads and writes, where the member's own attributes
/// (<c>[MaxLength]</c>, <c>[Range]</c>, <see cref="EachMaxLengthAttribute"/>) do not say more:
/// <list type="bullet">
/// <item>a uuid is 36 characters, a date 10 (<c>yyyy-MM-dd</c>), a moment at most 35 (<see cref="IsoDates.MaxDateTimeLength"/>), each with its
/// format, which the API reads strictly and refuses otherwise;</item>
/// <item>an integer lies within its format (int32 or int64): the API cannot read or write one outside it;</item>
/// <item><see cref="OneOfAttribute"/> becomes the value's (or, on a list, the items') <c>enum</c>.</item>
/// </list>
/// </summary>
internal sealed class ContractBoundsSchemaFilter : ISchemaFilter
{
    public const int UuidLength = 36;
    public const int DateLength = 10;

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema concrete || ValueSetReferencesDocumentFilter.IsMarked(concrete))
            return;
        var member = (ICustomAttributeProvider?)context.MemberInfo ?? context.ParameterInfo;
        if (member?.GetCustomAttributes(typeof(OneOfAttribute), inherit: true).FirstOrDefault() is OneOfAttribute oneOf)
        {
            // one schema for the set, which the value (or each item) refers to: a client has one type for it, however many use it
            context.SchemaRepository.Schemas.TryAdd(oneOf.SchemaName, new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Enum = [.. oneOf.Values.Select(v => (JsonNode)JsonValue.Create(v))],
                Description = $"One of the register's {oneOf.SchemaName} values.",
            });
            if (concrete.Items is OpenApiSchema)
                concrete.Items = new OpenApiSchemaReference(oneOf.SchemaName);
            else
                ValueSetReferencesDocumentFilter.Mark(concrete, oneOf.SchemaName);
        }
        Bound(concrete);
        if (concrete.Items is OpenApiSchema element)
            Bound(element);
    }

    /// <summary>The bounds a string or integer schema has from its format alone.</summary>
    public static void Bound(OpenApiSchema schema)
    {
        if (schema.Type?.HasFlag(JsonSchemaType.String) == true && schema.Enum is not { Count: > 0 })
        {
            schema.MaxLength ??= schema.Format switch
            {
                "uuid" => UuidLength,
                "date" => DateLength,
                "date-time" => IsoDates.MaxDateTimeLength,
                _ => null,
            };
            if (schema.Format == "uuid")
                schema.MinLength ??= UuidLength;
        }
        if (schema.Type?.HasFlag(JsonSchemaType.Integer) == true)
        {
            var (min, max) = schema.Format == "int64" ? (long.MinValue, long.MaxValue) : (int.MinValue, (long)int.MaxValue);
            schema.Minimum ??= min.ToString(System.Globalization.CultureInfo.InvariantCulture);
            schema.Maximum ??= max.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
