using System.Reflection;
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
        // describe bodies with the same serializer options the endpoints use (string enums, no unknown members)
        services.AddTransient<ISerializerDataContractResolver>(provider => new JsonSerializerDataContractResolver(
            provider.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions));
        services.AddSwaggerGen(options =>
        {
            // the handler's method name is the operationId, unless the endpoint is named (shared handlers are)
            options.CustomOperationIds(api =>
                api.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().FirstOrDefault()?.EndpointName
                ?? api.ActionDescriptor.EndpointMetadata.OfType<MethodInfo>().FirstOrDefault()?.Name);
            // money and other exact numbers: a client generator must not turn them into floating point
            options.MapType<decimal>(() => new OpenApiSchema { Type = JsonSchemaType.Number, Format = "decimal" });
            options.MapType<decimal?>(() => new OpenApiSchema { Type = JsonSchemaType.Number, Format = "decimal" });
            options.SupportNonNullableReferenceTypes();
            options.NonNullableReferenceTypesAsRequired();
            options.OperationFilter<StandardResponsesOperationFilter>();
            options.OperationFilter<SecurityOperationFilter>();
            options.AddSecurityDefinition(SecurityOperationFilter.SchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A JWT naming the audience `integration-governance`, with `scope` (space-separated) and `org` "
                    + "(the organisation acted for) claims. Locally: `scripts/token --org E06000022 --scope register:read`.",
            });
            options.SchemaFilter<ProblemExamplesSchemaFilter>();
            options.SchemaFilter<EachMaxLengthSchemaFilter>();
            options.OperationFilter<CsvResponseOperationFilter>();
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
                    License = new OpenApiLicense { Name = "MIT" },
                });
            }
        }
    }
}
