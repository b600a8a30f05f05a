using System.Text.Json.Nodes;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.Contract;

/// <summary>Generated clients see the finance responses' types, as JSON and as CSV.</summary>
public sealed class FinanceContractTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    [Theory]
    [InlineData("/api/v1/pooled-funds/{id}/summary", "#/components/schemas/FundSummaryResponse")]
    [InlineData("/api/v1/pooled-funds/{id}/ledger", "#/components/schemas/LedgerLineResponsePage")]
    [InlineData("/api/v1/finance/summaries", "#/components/schemas/FundSummaryResponse")]
    [InlineData("/api/v1/pooled-funds/{id}/reports/{financialYear}/{period}", "#/components/schemas/MonthlyReportResponse")]
    public async Task A_finance_read_declares_its_json_schema_and_its_csv(string path, string schema)
    {
        var document = JsonNode.Parse(await api.CreateClient().GetStringAsync("/swagger/v1/swagger.json"))!;
        var content = document["paths"]![path]!["get"]!["responses"]!["200"]!["content"]!;

        Assert.Contains(schema, content["application/json"]!["schema"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("string", (string?)content["text/csv"]!["schema"]!["type"]);
    }
}
