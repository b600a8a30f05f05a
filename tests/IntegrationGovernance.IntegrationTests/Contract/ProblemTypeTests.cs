using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.Contract;

/// <summary>
/// A problem's <c>type</c> is one of a documented set, which the contract declares as an enum: the set in code
/// (<see cref="ProblemTypes.Codes"/>), the tables in docs/problems.md and docs/agreements.md, the codes the source raises and the
/// contract's <c>ProblemType</c> are the same.
/// </summary>
public sealed partial class ProblemTypeTests
{
    private static readonly string[] Docs = ["docs/problems.md", "docs/agreements.md"];

    [Fact]
    public void Every_problem_type_is_documented_and_every_documented_one_is_in_the_set()
    {
        var documented = Docs.SelectMany(d => File.ReadAllLines(Path.Combine(Repository.Root, d)))
            .Where(line => line.StartsWith('|') && !line.Contains("urn:", StringComparison.Ordinal))
            .SelectMany(line => Code().Matches(line.Split('|')[1]).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Empty(ProblemTypes.Codes.Except(documented));
        Assert.Empty(documented.Except(ProblemTypes.Codes));
        Assert.Equal(ProblemTypes.Codes.Count, ProblemTypes.Codes.Distinct().Count());
    }

    [Fact]
    public void Every_code_the_source_raises_is_in_the_set()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(Repository.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var raised = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in sources)
        {
            var text = File.ReadAllText(file);
            foreach (var pattern in new[] { RuleException(), ForRule(), Challenge(), Rejected(), Refusal(), KnownConstraint() })
                raised.UnionWith(pattern.Matches(text).Select(m => m.Groups["code"].Value));
        }

        Assert.True(raised.Count > 50, $"the scan found only {raised.Count} codes: has the way codes are raised changed?");
        Assert.Empty(raised.Except(ProblemTypes.Codes));
    }

    [Fact]
    public async Task The_contract_declares_type_as_exactly_the_set()
    {
        var contract = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Repository.Root, "openapi", "v1.json")))!;
        var schemas = contract["components"]!["schemas"]!;
        var declared = schemas["ProblemType"]!["enum"]!.AsArray().Select(v => (string)v!).ToList();

        Assert.Equal(ProblemTypes.All, declared);
        foreach (var problem in new[] { "ProblemDetails", "HttpValidationProblemDetails" })
            Assert.Equal("#/components/schemas/ProblemType", (string?)schemas[problem]!["properties"]!["type"]!["$ref"]);
    }

    [GeneratedRegex("`([a-z0-9]+(?:-[a-z0-9]+)*)`")]
    private static partial Regex Code();

    [GeneratedRegex(@"RegisterRuleException\(\s*""(?<code>[a-z0-9-]+)""")]
    private static partial Regex RuleException();

    [GeneratedRegex("""ForRule\("(?<code>[a-z0-9-]+)"\)""")]
    private static partial Regex ForRule();

    // ProblemChallenges.WriteAsync(context, status, "code", ...)
    [GeneratedRegex(@"WriteAsync\([^,()]+,\s*StatusCodes\.\w+,\s*""(?<code>[a-z0-9-]+)""")]
    private static partial Regex Challenge();

    [GeneratedRegex("""Rejected\([^()]*,\s*"(?<code>[a-z0-9-]+)"\)""")]
    private static partial Regex Rejected();

    // a refusal named as a (code, message) pair, thrown later as one rule
    [GeneratedRegex("""\(\s*"(?<code>[a-z]+(?:-[a-z]+)+)",\s*\$?"[A-Z]""")]
    private static partial Regex Refusal();

    // ConstraintViolations: ["constraint"] = ("code", "$.field", ...), and a constant holding a rule's code
    [GeneratedRegex("""\]\s*=\s*\("(?<code>[a-z]+(?:-[a-z]+)+)",|const string \w*Limit = "(?<code>[a-z]+(?:-[a-z]+)+)";""")]
    private static partial Regex KnownConstraint();
}
