using System.Globalization;
using System.Net;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.PooledFunds;
using IntegrationGovernance.Domain.PooledFunds;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.PooledFunds;

/// <summary>Every finance read with <c>asOf</c> gives exactly what it gave at that moment, whatever was booked since.</summary>
public sealed class FiguresAsReportedTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task A_summary_read_asOf_the_moment_it_was_reported_is_unchanged_by_later_bookings_contributions_and_risk_shares()
    {
        var (fund, parties) = await _client.FundAsync("As reported");
        await RecordAsync(fund.Id, Funds.Contribution(parties.Council.Id, ContributionKind.Planned, 1_000.00m));
        await RecordAsync(fund.Id, Funds.Contribution(parties.Pct.Id, ContributionKind.Planned, 500.00m));
        await (await _client.ImportCsvAsync(fund.Id, "date,amount,category,description,external_reference\n2015-05-31,700.00,Care,,AR-1\n2015-06-30,100.00,Care,,AR-2\n"))
            .ReadAsync<LedgerImportReport>(HttpStatusCode.OK);
        var summaryUrl = $"{Funds.Url}/{fund.Id}/summary?financialYear=2015-16";
        var exportUrl = $"/api/v1/finance/summaries?financialYear=2015-16&organisationId={parties.Pct.Id}";
        var ledgerUrl = $"{Funds.Url}/{fund.Id}/ledger?financialYear=2015-16";
        var reported = await BodyAsync(summaryUrl);
        var exported = await BodyAsync(exportUrl);
        var ledger = await BodyAsync(ledgerUrl);
        var reportedCsv = await (await _client.GetCsvAsync(summaryUrl)).Content.ReadAsStringAsync();
        var moment = DateTimeOffset.UtcNow;

        await BookAsync(fund.Id, 250.00m, "AR-3", new DateOnly(2015, 6, 1));
        await (await _client.ImportCsvAsync(fund.Id, "date,amount,category,description,external_reference\n2016-01-31,40.00,Care,,AR-4\n"))
            .ReadAsync<LedgerImportReport>(HttpStatusCode.OK);
        await RecordAsync(fund.Id, Funds.Contribution(parties.Pct.Id, ContributionKind.Revised, 650.00m));
        await RecordAsync(fund.Id, Funds.Contribution(parties.Council.Id, ContributionKind.Actual, 900.00m));
        var etag = (await _client.GetAsync($"{Funds.Url}/{fund.Id}")).Headers.ETag!.ToString();
        await (await _client.SendWithIfMatchAsync(HttpMethod.Put, $"{Funds.Url}/{fund.Id}/risk-shares/2015-16", new RiskShareRequest
        {
            Method = RiskShareMethod.Percentages,
            Shares =
            [
                new PartnerShareContract { OrganisationId = parties.Council.Id, OverspendPercent = 50, UnderspendPercent = 50 },
                new PartnerShareContract { OrganisationId = parties.Pct.Id, OverspendPercent = 50, UnderspendPercent = 50 },
            ],
        }, etag)).ReadAsync<PooledFundResponse>(HttpStatusCode.OK);

        var now = await BodyAsync(summaryUrl);
        var asOf = $"&asOf={Uri.EscapeDataString(moment.ToString("yyyy-MM-ddTHH:mm:ss.ffffffK", CultureInfo.InvariantCulture))}";

        Assert.NotEqual(reported, now);
        Assert.Equal(reported, await BodyAsync(summaryUrl + asOf));
        Assert.Equal(exported, await BodyAsync(exportUrl + asOf));
        Assert.Equal(ledger, await BodyAsync(ledgerUrl + asOf));
        Assert.Equal(reportedCsv, await (await _client.GetCsvAsync(summaryUrl + asOf)).Content.ReadAsStringAsync());
        var then = System.Text.Json.JsonSerializer.Deserialize<FundSummaryResponse>(reported, ApiJson.Options)!;
        Assert.Equal((1_500.00m, 800.00m, 700.00m, RiskShareMethod.InProportionToContributions), (then.Contributions, then.Spend, then.Variance, then.RiskShareMethod));
    }

    [Fact]
    public async Task A_fund_read_asOf_a_moment_before_it_was_created_is_not_found()
    {
        var before = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var (fund, _) = await _client.FundAsync("Not yet");

        var problem = await (await _client.GetAsync($"{Funds.Url}/{fund.Id}/summary?financialYear=2015-16&asOf={before}")).ReadProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(ProblemTypes.NotFound, (string?)problem["type"]);
    }

    [Theory]
    [InlineData("summary?financialYear=2015-16&")]
    [InlineData("ledger?")]
    public async Task An_asOf_that_is_not_an_ISO_8601_date_time_with_an_offset_is_a_400_problem(string read)
    {
        var (fund, _) = await _client.FundAsync("Bad moment");

        foreach (var moment in new[] { "2015-06-01", "2015-06-01T10:00:00", "01/06/2015 10:00" })
        {
            var problem = await (await _client.GetAsync($"{Funds.Url}/{fund.Id}/{read}asOf={Uri.EscapeDataString(moment)}")).ReadProblemAsync(HttpStatusCode.BadRequest);
            Assert.NotEmpty(problem.ErrorsFor("asOf"));
        }
    }

    private async Task<string> BodyAsync(string url)
    {
        var response = await _client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {body}");
        return body;
    }

    private async Task RecordAsync(Guid fund, ContributionRequest contribution) =>
        await (await _client.PostJsonAsync($"{Funds.Url}/{fund}/contributions", contribution)).ReadAsync<ContributionResponse>(HttpStatusCode.Created);

    private async Task BookAsync(Guid fund, decimal amount, string reference, DateOnly on) =>
        await (await _client.PostJsonAsync($"{Funds.Url}/{fund}/ledger-lines", new LedgerLineRequest
        {
            Date = on, Amount = amount, Category = "Care", ExternalReference = reference,
        })).ReadAsync<LedgerLineResponse>(HttpStatusCode.Created);
}
