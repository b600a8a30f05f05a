using System.Globalization;
using System.Net;
using System.Text.Json;
using IntegrationGovernance.Api.PooledFunds;
using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.PooledFunds;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.PooledFunds;

/// <summary>The finance export: pooled funds as the summaries give them, aligned budgets and transfer payments apart, as JSON and as CSV, and asOf a moment.</summary>
public sealed class FinanceExportTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _admin = api.CreateClient();

    [Fact]
    public async Task Aligned_budgets_of_two_partners_stand_beside_the_pooled_fund_and_the_transfers_in_the_export()
    {
        var setting = await SetUpAsync("Side by side");

        var export = await ExportAsync(setting.Query);
        var summaries = await (await _admin.GetAsync($"/api/v1/finance/summaries?financialYear=2015-16&organisationId={setting.Parties.Council.Id}"))
            .Content.ReadAsStringAsync();

        // the pooled funds are the summaries, drawn by the same code
        Assert.Equal(JsonSerializer.Serialize(JsonSerializer.Deserialize<Api.Http.Page<FundSummaryResponse>>(summaries, ApiJson.Options)!.Items, ApiJson.Options),
            JsonSerializer.Serialize(export.PooledFunds, ApiJson.Options));
        var fund = Assert.Single(export.PooledFunds);
        Assert.Equal((setting.Fund.Id, 1_500.00m, 800.00m), (fund.FundId, fund.Contributions, fund.Spend));
        var aligned = Assert.Single(export.AlignedBudgets);
        Assert.Equal(setting.Fund.AgreementId, aligned.AgreementId);
        Assert.Equal([(setting.Parties.Council.Id, 3_000.00m, 2_500.00m), (setting.Parties.Pct.Id, 2_000.00m, 2_100.00m)],
            aligned.Partners.OrderBy(p => p.OrganisationId == setting.Parties.Council.Id ? 0 : 1).Select(p => (p.OrganisationId, p.Budget, p.Spend)));
        Assert.Equal((5_000.00m, 4_600.00m, 400.00m), (aligned.Budget, aligned.Spend, aligned.Variance));
        var transfers = Assert.Single(export.TransferPayments);
        Assert.Equal((setting.Transfer.Id, StatutoryBasis.Section256NhsAct2006, 1_250.00m), (transfers.AgreementId, transfers.Basis, transfers.Total));
        Assert.Equal(new FinanceExportTotalsResponse
        {
            AlignedBudget = 5_000.00m,
            AlignedSpend = 4_600.00m,
            AlignedVariance = 400.00m,
            NhsToLocalAuthority = 1_250.00m,
            LocalAuthorityToNhs = 0.00m,
        }, export.Totals);
    }

    [Fact]
    public async Task The_csv_parsed_back_is_the_json()
    {
        var setting = await SetUpAsync("CSV back");
        await _admin.AlignAsync(setting.Fund.AgreementId, "2015-16", setting.Parties.Pct.Id,
            Arrangements.Aligned(2_000.00m, 2_100.00m, ("=Reablement", 1_500.00m, 1_600.00m), ("Equipment, loans", 500.00m, 500.00m)) with { Note = "Month 9, \"final\"" });

        var json = await ExportAsync(setting.Query);
        var rows = await _admin.CsvAsync($"{Arrangements.ExportUrl}?{setting.Query}");

        Assert.Equal(FinanceExportCsvColumns, rows[0].Keys);
        Assert.Equal(JsonSerializer.Serialize(json, ApiJson.Options), JsonSerializer.Serialize(ExportCsv.Read(rows), ApiJson.Options));
        Assert.Contains(rows, r => r["category"] == "'=Reablement");
    }

    [Fact]
    public async Task The_export_read_asOf_a_moment_is_what_it_was_then_whatever_was_recorded_since()
    {
        var setting = await SetUpAsync("As of");
        var url = $"{Arrangements.ExportUrl}?{setting.Query}";
        var reported = await BodyAsync(url);
        var reportedCsv = await (await _admin.GetCsvAsync(url)).Content.ReadAsStringAsync();
        var moment = DateTimeOffset.UtcNow;

        await _admin.AlignAsync(setting.Fund.AgreementId, "2015-16", setting.Parties.Pct.Id, Arrangements.Aligned(2_000.00m, 2_400.00m));
        await _admin.PayAsync(setting.Transfer.Id, Arrangements.Payment(setting.Parties.Pct.Id, setting.Parties.Council.Id, 1_300.00m, corrects: setting.Payment.Id));
        await _admin.PayAsync(setting.Transfer.Id, Arrangements.Payment(setting.Parties.Pct.Id, setting.Parties.Council.Id, 75.00m));
        await (await _admin.PostJsonAsync($"{Funds.Url}/{setting.Fund.Id}/ledger-lines", new LedgerLineRequest
        {
            Date = new DateOnly(2015, 9, 30),
            Amount = 60.00m,
            Category = "Care",
            ExternalReference = "ASOF-3",
        })).ReadAsync<LedgerLineResponse>(HttpStatusCode.Created);

        var now = await BodyAsync(url);
        var asOf = $"&asOf={Uri.EscapeDataString(moment.ToString("yyyy-MM-ddTHH:mm:ss.ffffffK", CultureInfo.InvariantCulture))}";

        Assert.NotEqual(reported, now);
        Assert.Equal(reported, await BodyAsync(url + asOf));
        Assert.Equal(reportedCsv, await (await _admin.GetCsvAsync(url + asOf)).Content.ReadAsStringAsync());
        var later = JsonSerializer.Deserialize<FinanceExportResponse>(now, ApiJson.Options)!;
        Assert.Equal((2_400.00m + 2_500.00m, 1_375.00m), (later.Totals.AlignedSpend, later.Totals.NhsToLocalAuthority));
    }

    [Fact]
    public async Task The_lists_of_payments_and_aligned_budgets_read_asOf_a_moment_are_what_they_were_then()
    {
        var setting = await SetUpAsync("Lists as of");
        var payments = $"{Arrangements.PaymentsUrl(setting.Transfer.Id)}?financialYear=2015-16&withCorrected=true";
        var aligned = $"{Arrangements.AlignedUrl(setting.Fund.AgreementId)}?financialYear=2015-16&withReplaced=true";
        var partner = Arrangements.AlignedUrl(setting.Fund.AgreementId, "2015-16", setting.Parties.Pct.Id);
        var payment = $"{Arrangements.PaymentsUrl(setting.Transfer.Id)}/{setting.Payment.Id}";
        var before = await Task.WhenAll(new[] { payments, aligned, partner, payment }.Select(BodyAsync));
        var moment = DateTimeOffset.UtcNow;

        await _admin.AlignAsync(setting.Fund.AgreementId, "2015-16", setting.Parties.Pct.Id, Arrangements.Aligned(2_000.00m, 2_400.00m));
        await _admin.PayAsync(setting.Transfer.Id, Arrangements.Payment(setting.Parties.Pct.Id, setting.Parties.Council.Id, 1_300.00m, corrects: setting.Payment.Id));

        var asOf = $"asOf={Uri.EscapeDataString(moment.ToString("yyyy-MM-ddTHH:mm:ss.ffffffK", CultureInfo.InvariantCulture))}";
        var after = await Task.WhenAll(new[] { payments, aligned, partner, payment }.Select(BodyAsync));
        var then = await Task.WhenAll(new[] { payments, aligned, partner, payment }.Select(u => BodyAsync(u + (u.Contains('?') ? "&" : "?") + asOf)));

        Assert.All(before.Zip(after), pair => Assert.NotEqual(pair.First, pair.Second));
        Assert.Equal(before, then);
    }

    [Theory]
    [InlineData("financialYear=2015")]
    [InlineData("financialYear=2015-16&asOf=2015-06-01")]
    [InlineData("financialYear=2015-16&organisationId=not-a-guid")]
    public async Task Bad_input_is_a_400_naming_the_parameter(string query)
    {
        var problem = await (await _admin.GetAsync($"{Arrangements.ExportUrl}?{query}")).ReadProblemAsync(HttpStatusCode.BadRequest);

        var named = query.Split('&')[^1].Split('=')[0];
        Assert.Contains(problem["errors"]!.AsObject(), e => e.Key.Contains(named, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_contract_declares_the_export_as_json_and_as_csv()
    {
        var document = System.Text.Json.Nodes.JsonNode.Parse(await _admin.GetStringAsync("/swagger/v1/swagger.json"))!;
        var content = document["paths"]!["/api/v1/finance/export"]!["get"]!["responses"]!["200"]!["content"]!;

        Assert.Contains("#/components/schemas/FinanceExportResponse", content["application/json"]!["schema"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("string", (string?)content["text/csv"]!["schema"]!["type"]);
    }

    private static readonly string[] FinanceExportCsvColumns = FinanceExportCsv.Columns;

    private sealed record Setting(string Query, PooledFundResponse Fund, Support.Agreements.Parties Parties, Api.Agreements.AgreementResponse Transfer, TransferPaymentResponse Payment);

    /// <summary>
    /// A council and a PCT with a pooled fund under a section 75 agreement that aligns their other budgets beside it
    /// (council 3,000/2,500; PCT 2,000/2,100), and a section 256 agreement with a payment of 1,250 from the PCT.
    /// </summary>
    private async Task<Setting> SetUpAsync(string prefix)
    {
        var (fund, parties) = await _admin.FundAsync(prefix);
        await Contribute(fund.Id, parties.Council.Id, 1_000.00m);
        await Contribute(fund.Id, parties.Pct.Id, 500.00m);
        await (await _admin.ImportCsvAsync(fund.Id, "date,amount,category,description,external_reference\n2015-05-31,700.00,Care,,ASOF-1\n2015-06-30,100.00,Care,,ASOF-2\n"))
            .ReadAsync<LedgerImportReport>(HttpStatusCode.OK);
        await _admin.AlignAsync(fund.AgreementId, "2015-16", parties.Council.Id, Arrangements.Aligned(3_000.00m, 2_500.00m));
        await _admin.AlignAsync(fund.AgreementId, "2015-16", parties.Pct.Id, Arrangements.Aligned(2_000.00m, 2_100.00m));
        var (transfer, _) = await _admin.ActiveAgreementAsync(Arrangements.Transfer($"XFER-{Guid.NewGuid():N}"[..20], parties), parties.Council.Id);
        var payment = await _admin.PayAsync(transfer.Id, Arrangements.Payment(parties.Pct.Id, parties.Council.Id, 1_250.00m));
        return new($"financialYear=2015-16&organisationId={parties.Council.Id}", fund, parties, transfer, payment);
    }

    private async Task Contribute(Guid fund, Guid partner, decimal amount) =>
        await (await _admin.PostJsonAsync($"{Funds.Url}/{fund}/contributions", Funds.Contribution(partner, ContributionKind.Planned, amount)))
            .ReadAsync<ContributionResponse>(HttpStatusCode.Created);

    private async Task<FinanceExportResponse> ExportAsync(string query) =>
        await (await _admin.GetAsync($"{Arrangements.ExportUrl}?{query}")).ReadAsync<FinanceExportResponse>(HttpStatusCode.OK);

    private async Task<string> BodyAsync(string url)
    {
        var response = await _admin.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {body}");
        return body;
    }
}
