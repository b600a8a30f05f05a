using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.PooledFunds;
using IntegrationGovernance.Domain.PooledFunds;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.PooledFunds;

/// <summary>
/// One fund's summary now is read in one round trip, apart from the finance list and the reads asOf (which go through EF Core):
/// all three give the same figures, to the penny, for a fund with every kind of figure.
/// </summary>
public sealed class OneFundSummaryTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _admin = api.CreateClient();

    [Theory]
    [InlineData("")]
    [InlineData("&fromPeriod=2&toPeriod=11")]
    public async Task One_funds_summary_now_is_its_entry_in_the_finance_list_and_its_summary_asOf_now(string periods)
    {
        var (fund, parties) = await _admin.FundAsync("One fund");
        foreach (var contribution in new[]
                 {
                     Funds.Contribution(parties.Council.Id, ContributionKind.Planned, 1_000.00m),
                     Funds.Contribution(parties.Council.Id, ContributionKind.Revised, 1_100.00m),
                     Funds.Contribution(parties.Council.Id, ContributionKind.Revised, 1_050.10m),
                     Funds.Contribution(parties.Pct.Id, ContributionKind.Planned, 700.00m),
                     Funds.Contribution(parties.Pct.Id, ContributionKind.Actual, 690.01m),
                     Funds.Contribution(parties.Pct.Id, ContributionKind.Planned, 300.00m) with { Form = ContributionForm.InKind, Note = "Two health visitors" },
                     Funds.Contribution(parties.Pct.Id, ContributionKind.Planned, 999.00m, year: "2016-17"),
                 })
            await (await _admin.PostJsonAsync($"{Funds.Url}/{fund.Id}/contributions", contribution)).ReadAsync<ContributionResponse>(HttpStatusCode.Created);
        // set for the year before: the latest earlier rule applies to 2015-16
        var etag = (await _admin.GetAsync($"{Funds.Url}/{fund.Id}")).Headers.ETag!.ToString();
        await (await _admin.SendWithIfMatchAsync(HttpMethod.Put, $"{Funds.Url}/{fund.Id}/risk-shares/2014-15", new RiskShareRequest
        {
            Method = RiskShareMethod.Percentages,
            Shares =
            [
                new PartnerShareContract { OrganisationId = parties.Council.Id, OverspendPercent = 62.5m, UnderspendPercent = 33.333m },
                new PartnerShareContract { OrganisationId = parties.Pct.Id, OverspendPercent = 37.5m, UnderspendPercent = 66.667m },
            ],
        }, etag)).ReadAsync<PooledFundResponse>(HttpStatusCode.OK);
        await _admin.BookAsync(fund.Id,
            ("2015-04-20", 800.00m, "Care homes", "OF-1"), ("2015-05-15", 85.01m, "Care homes", "OF-2"), ("2015-05-18", 12.50m, "Reablement", "OF-3"),
            ("2015-05-21", -5.00m, "Income", "OF-4"), ("2016-03-10", 900.00m, "Care homes", "OF-5"), ("2016-04-01", 7_000.00m, "Care homes", "OF-6"));
        var query = $"financialYear=2015-16{periods}";

        var one = await BodyAsync($"{Funds.Url}/{fund.Id}/summary?{query}");
        var listed = (await BodyAsync($"/api/v1/finance/summaries?agreementId={fund.AgreementId}&{query}"))["items"]!.AsArray().Single()!;
        var asOf = await BodyAsync($"{Funds.Url}/{fund.Id}/summary?{query}&asOf={Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O"))}");

        Assert.True(JsonNode.DeepEquals(one, listed), $"one: {one}\nlisted: {listed}");
        Assert.True(JsonNode.DeepEquals(one, asOf), $"one: {one}\nasOf: {asOf}");
        var summary = one.Deserialize<FundSummaryResponse>(ApiJson.Options)!;
        Assert.Equal(RiskShareMethod.Percentages, summary.RiskShareMethod);
        Assert.Equal((1_050.10m + 690.01m, 300.00m), (summary.Contributions, summary.InKindContributions));
        var spend = periods == "" ? 800.00m + 85.01m + 12.50m - 5.00m + 900.00m : 85.01m + 12.50m - 5.00m;
        Assert.Equal((spend, 1_050.10m + 690.01m - spend), (summary.Spend, summary.Variance));
    }

    [Fact]
    public async Task A_fund_that_does_not_exist_has_no_summary()
    {
        var problem = await (await _admin.GetAsync($"{Funds.Url}/{Guid.NewGuid()}/summary?financialYear=2015-16")).ReadProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(ProblemTypes.NotFound, (string)problem["type"]!);
    }

    private async Task<JsonNode> BodyAsync(string url)
    {
        var response = await _admin.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }
}
