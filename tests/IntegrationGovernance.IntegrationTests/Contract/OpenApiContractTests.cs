using System.Text.Json.Nodes;
using IntegrationGovernance.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace IntegrationGovernance.IntegrationTests.Contract;

/// <summary>The published contract, openapi/v1.json, is what the running API serves, and is complete.</summary>
public sealed class OpenApiContractTests(WebApplicationFactory<Program> api) : IClassFixture<WebApplicationFactory<Program>>
{
    private static readonly string ContractPath = Path.Combine(Repository.Root, "openapi", "v1.json");

    [Fact]
    public async Task The_live_document_matches_the_checked_in_contract()
    {
        // no database is configured here: serving the document must not need one
        var live = JsonNode.Parse(await api.CreateClient().GetStringAsync("/swagger/v1/swagger.json"));
        var published = JsonNode.Parse(await File.ReadAllTextAsync(ContractPath));

        Assert.True(JsonNode.DeepEquals(live, published),
            "openapi/v1.json differs from what the API serves. If the change to the HTTP surface is intended, run scripts/openapi and commit openapi/v1.json.");
    }

    [Fact]
    public async Task Every_operation_has_an_id_a_summary_and_documented_problem_responses()
    {
        var document = JsonNode.Parse(await File.ReadAllTextAsync(ContractPath))!;

        foreach (var (path, operations) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in operations!.AsObject())
            {
                var where = $"{method.ToUpperInvariant()} {path}";
                Assert.False(string.IsNullOrEmpty((string?)operation!["operationId"]), $"{where} has no operationId");
                Assert.False(string.IsNullOrEmpty((string?)operation["summary"]), $"{where} has no summary");
                var responses = operation["responses"]!.AsObject();
                Assert.Contains(responses, r => r.Key.StartsWith('2'));
                Assert.Contains("503", responses.Select(r => r.Key));
                foreach (var (status, response) in responses.Where(r => !r.Key.StartsWith('2')))
                    Assert.True(response!["content"]?["application/problem+json"]?["schema"] is not null, $"{where} {status} has no problem schema");
            }
        }
    }

    [Fact]
    public async Task Every_schema_property_carries_an_example()
    {
        var document = JsonNode.Parse(await File.ReadAllTextAsync(ContractPath))!;

        foreach (var (name, schema) in document["components"]!["schemas"]!.AsObject())
        {
            if (schema!["example"] is not null || schema["properties"] is not JsonObject properties)
                continue;
            foreach (var (property, definition) in properties)
            {
                var documentedElsewhere = definition!["$ref"] is not null || definition["items"]?["$ref"] is not null || definition["allOf"] is not null;
                Assert.True(documentedElsewhere || definition["example"] is not null, $"{name}.{property} has no example");
            }
        }
    }
}
