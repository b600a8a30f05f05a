using System.Text.Json.Nodes;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.Contract;

/// <summary>
/// Every query parameter in the published contract says what it does: the filters' docs live on their records
/// (<c>[AsParameters]</c>), and the compiler no longer asks for a <c>&lt;param&gt;</c> tag per handler parameter, so this is the check.
/// </summary>
public sealed class ParameterDocumentationTests
{
    [Fact]
    public async Task Every_query_parameter_in_the_contract_has_a_description()
    {
        var contract = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Repository.Root, "openapi", "v1.json")))!;

        var undocumented = contract["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(operation => (Path: path.Key, Method: operation.Key, Operation: operation.Value!)))
            .SelectMany(o => (o.Operation["parameters"]?.AsArray() ?? []).Select(p => (o.Method, o.Path, Parameter: p!)))
            .Where(p => (string?)p.Parameter["in"] == "query" && string.IsNullOrWhiteSpace((string?)p.Parameter["description"]))
            .Select(p => $"{p.Method.ToUpperInvariant()} {p.Path} ?{(string?)p.Parameter["name"]}")
            .ToList();

        Assert.Empty(undocumented);
    }
}
