using System.Text.Json.Nodes;
using IntegrationGovernance.Api.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace IntegrationGovernance.Api.OpenApi;

/// <summary>
/// Puts each operation's access rule in the contract: the bearer requirement, the scope it needs
/// (<c>x-required-scopes</c>; bearer schemes carry no scopes of their own in OpenAPI 3.0), whether the caller
/// must act for a party of the record (<c>x-party-rule</c>), and the 401/403/429 responses that follow.
/// </summary>
internal sealed class SecurityOperationFilter : IOperationFilter
{
    public const string SchemeName = "Bearer";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any())
            return;
        var scopes = metadata.OfType<RequiredScope>().Select(r => r.Scope).Distinct().ToList();
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] });
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions["x-required-scopes"] = new JsonNodeExtension(new JsonArray(scopes.Select(s => (JsonNode)s).ToArray()));
        var party = metadata.OfType<PartyRule>().FirstOrDefault();
        if (party is not null)
            operation.Extensions["x-party-rule"] = new JsonNodeExtension(JsonValue.Create(party.Resource));
        if (metadata.OfType<VisibilityRule>().FirstOrDefault() is { } visibility)
            operation.Extensions["x-visibility-rule"] = new JsonNodeExtension(JsonValue.Create(visibility.Resource));
        var rule = $"Requires scope `{string.Join("` or `", scopes.Append(Scopes.Admin).Distinct())}`"
            + (party is null ? "."
                : party.Role is null ? $", acting for a party of the {party.Resource} (its `org` claim), unless `admin`."
                : $", acting for the {party.Resource}'s {party.Role} (its `org` claim), unless `admin`.");
        operation.Description = string.IsNullOrEmpty(operation.Description) ? rule : $"{operation.Description}\n\n{rule}";

        operation.Responses ??= [];
        Add(operation, context, StatusCodes.Status401Unauthorized, "No bearer token, or one that is expired, for another audience or not signed by a trusted issuer.");
        Add(operation, context, StatusCodes.Status403Forbidden, party is null
            ? "The token lacks the required scope."
            : party.Role is null ? "The token lacks the required scope, or its organisation is not a party to the record."
            : $"The token lacks the required scope, or its organisation is not the {party.Resource}'s {party.Role}.");
        Add(operation, context, StatusCodes.Status429TooManyRequests, "Too many requests from this client; retry after the Retry-After header's seconds.");
        if (context.ApiDescription.ParameterDescriptions.Any(p => p.Source.Id == "Body"))
            Add(operation, context, StatusCodes.Status413PayloadTooLarge, "The request body is over the size limit.");
    }

    private static void Add(OpenApiOperation operation, OperationFilterContext context, int status, string description)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        operation.Responses!.TryAdd(key, new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, IOpenApiMediaType>
            {
                ["application/problem+json"] = new OpenApiMediaType { Schema = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository) },
            },
        });
    }
}
