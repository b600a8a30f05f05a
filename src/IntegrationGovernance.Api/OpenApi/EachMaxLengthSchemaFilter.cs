using System.Reflection;
using IntegrationGovernance.Api.Http;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace IntegrationGovernance.Api.OpenApi;

/// <summary>Declares <see cref="EachMaxLengthAttribute"/> as the list items' <c>maxLength</c>.</summary>
internal sealed class EachMaxLengthSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (context.MemberInfo?.GetCustomAttribute<EachMaxLengthAttribute>() is { } bound && schema is OpenApiSchema { Items: OpenApiSchema items })
            items.MaxLength = bound.Length;
    }
}
