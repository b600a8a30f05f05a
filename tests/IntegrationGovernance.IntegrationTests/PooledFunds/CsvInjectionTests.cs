using System.Net;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.PooledFunds;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.PooledFunds;

/// <summary>CSV exports open safely in a spreadsheet, keep numbers numeric, and an exported ledger imports back as the same lines.</summary>
public sealed class CsvInjectionTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private static readonly char[] Triggers = ['=', '+', '-', '@', '\t', '\r'];

    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task Ledger_and_summary_cells_that_begin_like_a_formula_are_quoted_and_a_negative_amount_stays_a_number()
    {
        var (fund, parties) = await _client.FundAsync("=HYPERLINK(\"https://example.invalid\",\"Fund\")");
        await (await _client.PostJsonAsync($"{Funds.Url}/{fund.Id}/contributions", Funds.Contribution(parties.Council.Id, Domain.PooledFunds.ContributionKind.Planned, 100.00m)))
            .ReadAsync<ContributionResponse>(HttpStatusCode.Created);
        await BookAsync(fund.Id, new DateOnly(2015, 6, 30), -12.50m, "=HYPERLINK(\"https://example.invalid\",\"x\")", "@SUM(A1:A9)", "+INJ-1");
        await BookAsync(fund.Id, new DateOnly(2015, 7, 31), 40.00m, "-2+3", "'=already quoted", "-INJ-2");

        var ledger = await _client.CsvAsync($"{Funds.Url}/{fund.Id}/ledger?financialYear=2015-16");
        var summary = await _client.CsvAsync($"{Funds.Url}/{fund.Id}/summary?financialYear=2015-16");
        var export = await _client.CsvAsync("/api/v1/finance/summaries?financialYear=2015-16");

        Assert.Equal(
            [("-12.50", "'=HYPERLINK(\"https://example.invalid\",\"x\")", "'@SUM(A1:A9)", "'+INJ-1"), ("40.00", "'-2+3", "''=already quoted", "'-INJ-2")],
            ledger.Select(r => (r["amount"], r["category"], r["description"], r["external_reference"])));
        Assert.StartsWith("'=HYPERLINK", summary.Single()["fund_name"], StringComparison.Ordinal);
        var numeric = new[] { "amount", "share_of_variance", "fund_spend", "fund_variance" };
        Assert.All(ledger.Concat(summary).Concat(export).SelectMany(r => r.Where(c => !numeric.Contains(c.Key))),
            cell => Assert.False(cell.Value.Length > 0 && Triggers.Contains(cell.Value[0]), $"{cell.Key} begins like a formula: {cell.Value}"));
        Assert.Contains(",-12.50,", await (await _client.GetCsvAsync($"{Funds.Url}/{fund.Id}/ledger")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("-12.50", (await _client.CsvAsync($"{Funds.Url}/{fund.Id}/summary?financialYear=2015-16&toPeriod=3")).Single()["fund_spend"]);
    }

    [Fact]
    public async Task An_exported_ledger_imports_into_another_fund_as_the_same_lines()
    {
        var (from, _) = await _client.FundAsync("Exported");
        var (to, _) = await _client.FundAsync("Imported");
        await BookAsync(from.Id, new DateOnly(2015, 6, 30), -12.50m, "=HYPERLINK(\"https://example.invalid\",\"x\")", "@SUM(A1:A9), with \"quotes\"", "+RT-1");
        await BookAsync(from.Id, new DateOnly(2015, 7, 31), 1_234.56m, "'Til further notice", "''=two quotes then a formula", "-RT-2");
        await BookAsync(from.Id, new DateOnly(2015, 8, 31), 0.01m, "Care", null, "RT-3");

        var file = await (await _client.GetCsvAsync($"{Funds.Url}/{from.Id}/ledger")).Content.ReadAsStringAsync();
        var imported = await (await _client.ImportCsvAsync(to.Id, file)).ReadAsync<LedgerImportReport>(HttpStatusCode.OK);

        Assert.Equal(3, imported.Added);
        Assert.Equal(await LinesAsync(from.Id), await LinesAsync(to.Id));
    }

    private async Task BookAsync(Guid fund, DateOnly on, decimal amount, string category, string? description, string reference) =>
        await (await _client.PostJsonAsync($"{Funds.Url}/{fund}/ledger-lines", new LedgerLineRequest
        {
            Date = on, Amount = amount, Category = category, Description = description, ExternalReference = reference,
        })).ReadAsync<LedgerLineResponse>(HttpStatusCode.Created);

    private async Task<List<(DateOnly, decimal, string, string?, string)>> LinesAsync(Guid fund) =>
        (await (await _client.GetAsync($"{Funds.Url}/{fund}/ledger")).ReadAsync<Page<LedgerLineResponse>>(HttpStatusCode.OK)).Items
            .Select(l => (l.Date, l.Amount, l.Category, l.Description, l.ExternalReference)).ToList();
}
