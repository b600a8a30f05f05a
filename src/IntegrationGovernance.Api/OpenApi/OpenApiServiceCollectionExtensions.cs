using System.Reflection;
using System.Text.Json.Nodes;
using Asp.Versioning.ApiExplorer;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace IntegrationGovernance.Api.OpenApi;

/// <summary>One OpenAPI document per API version, from the versions the code declares; Swagger UI at /swagger.</summary>
public static class OpenApiServiceCollectionExtensions
{
    public static IServiceCollection AddRegisterOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddTransient<IConfigureOptions<SwaggerGenOptions>, ConfigureSwaggerDocuments>();
        // describe bodies with the same serializer options the endpoints use (string enums, no unknown members), and
        // with the generator's options, so a non-nullable reference (a required string, a list) is not declared nullable
        services.AddTransient<ISerializerDataContractResolver>(provider => new JsonSerializerDataContractResolver(
            provider.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions,
            provider.GetRequiredService<IOptions<SchemaGeneratorOptions>>().Value));
        services.AddSwaggerGen(options =>
        {
            // the handler's method name is the operationId, unless the endpoint is named (shared handlers are)
            options.CustomOperationIds(api =>
                api.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().FirstOrDefault()?.EndpointName
                ?? api.ActionDescriptor.EndpointMetadata.OfType<MethodInfo>().FirstOrDefault()?.Name);
            // money and other exact numbers: a client generator must not turn them into floating point
            options.MapType<decimal>(() => new OpenApiSchema { Type = JsonSchemaType.Number, Format = "decimal" });
            options.MapType<decimal?>(() => new OpenApiSchema { Type = JsonSchemaType.Number, Format = "decimal" });
            // nullable as the C# type says; required as the C# member says (`required`, [Required]): a request field with a
            // default (an agreement's services, a secondment's "kept by") may be left out, and a response states its `required` members
            options.SupportNonNullableReferenceTypes();
            options.OperationFilter<StandardResponsesOperationFilter>();
            options.OperationFilter<SecurityOperationFilter>();
            options.AddSecurityDefinition(SecurityOperationFilter.SchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A JWT naming the audience `integration-governance`, with `scope` (space-separated) and `org` "
                    + "(the organisation acted for) claims. Locally: `scripts/token --org E06000022 --scope register:read`. "
                    + "Tokens are validated as RFC8725 (JSON Web Token Best Current Practices) asks: the algorithm is pinned to the issuer's "
                    + "asymmetric ones (never `none`, never a symmetric key against a public one), and issuer, audience, lifetime and signature are all checked.",
            });
            options.SchemaFilter<ProblemSchemaFilter>();
            options.SchemaFilter<ContractBoundsSchemaFilter>();
            options.SchemaFilter<EachMaxLengthSchemaFilter>();
            options.OperationFilter<CsvResponseOperationFilter>();
            // after the filters that add parameters and responses
            options.OperationFilter<ParameterBoundsOperationFilter>();
            options.OperationFilter<ListBoundOperationFilter>();
            options.OperationFilter<ResponseHeadersOperationFilter>();
            options.DocumentFilter<TagDescriptionsDocumentFilter>();
            options.DocumentFilter<ValueSetReferencesDocumentFilter>();
            options.AddServer(new OpenApiServer
            {
                Url = "/",
                Description = "The register that serves this document: local development (scripts/run, http://127.0.0.1:5080) or a production "
                    + "or staging deployment at its own https address. Its paths are the same everywhere.",
                Extensions = new Dictionary<string, IOpenApiExtension> { ["x-internal"] = new JsonNodeExtension(JsonValue.Create(false)) },
            });
            foreach (var assembly in new[] { typeof(Program).Assembly, typeof(Domain.Common.RuleViolation).Assembly })
            {
                var xml = Path.Combine(AppContext.BaseDirectory, $"{assembly.GetName().Name}.xml");
                if (File.Exists(xml))
                    options.IncludeXmlComments(xml, includeControllerXmlComments: false);
            }
        });
        return services;
    }

    public static WebApplication UseRegisterOpenApi(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(options =>
        {
            foreach (var description in app.DescribeApiVersions())
                options.SwaggerEndpoint($"/swagger/{description.GroupName}/swagger.json", $"Integration Governance register {description.GroupName}");
        });
        return app;
    }

    private sealed class ConfigureSwaggerDocuments(IApiVersionDescriptionProvider versions) : IConfigureOptions<SwaggerGenOptions>
    {
        public void Configure(SwaggerGenOptions options)
        {
            foreach (var description in versions.ApiVersionDescriptions)
            {
                options.SwaggerDoc(description.GroupName, new OpenApiInfo
                {
                    Title = "Integration Governance register",
                    Version = description.ApiVersion.ToString(),
                    Description = "How English councils and NHS bodies govern their partnerships: section 75, 31 and 113 agreements, "
                        + "pooled budgets, secondments and accountability lines. Errors are RFC 9457 problem details; changes need If-Match.",
                    License = new OpenApiLicense { Name = "MIT", Url = new Uri("https://spdx.org/licenses/MIT.html") },
                    Contact = new OpenApiContact
                    {
                        Name = "The register's maintainers (questions and problems: the project's issue tracker)",
                    },
                });
            }
        }
    }
}
