using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace IntegrationGovernance.Api.OpenApi;

/// <summary>Endpoint metadata: the operation answers with a JSON list of at most <paramref name="MaxItems"/> entries.</summary>
public sealed record ListBound(int MaxItems);

public static class ListBoundEndpointExtensions
{
    /// <summary>
    /// Declares the most entries the operation's list holds. With <paramref name="refusesMore"/>, the handler answers a longer
    /// one with 422 too-large (so the 422 is declared too); without, the list cannot be longer (its rule, or the query, bounds it).
    /// </summary>
    public static RouteHandlerBuilder ListsAtMost(this RouteHandlerBuilder builder, int maxItems, bool refusesMore = false)
    {
        builder.WithMetadata(new ListBound(maxItems));
        return refusesMore ? builder.ProducesProblem(StatusCodes.Status422UnprocessableEntity) : builder;
    }
}

/// <summary>Puts <see cref="ListBound"/> on the 200's JSON list as its <c>maxItems</c>.</summary>
internal sealed class ListBoundOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<ListBound>().FirstOrDefault() is not { } bound
            || operation.Responses?.TryGetValue("200", out var ok) != true || ok is not OpenApiResponse response)
            return;
        if (response.Content?.TryGetValue("application/json", out var json) == true && json.Schema is OpenApiSchema { Type: JsonSchemaType.Array } list)
            list.MaxItems = bound.MaxItems;
        else
            throw new InvalidOperationException($"{context.ApiDescription.RelativePath} declares a list bound, but its 200 is not a JSON list.");
    }
}
