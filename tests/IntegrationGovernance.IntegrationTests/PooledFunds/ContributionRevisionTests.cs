using System.Net;
using IntegrationGovernance.Api.PooledFunds;
using IntegrationGovernance.Domain.PooledFunds;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.PooledFunds;

/// <summary>A revision replaces the earlier figure of its kind; the summary shows the latest, the history every step.</summary>
public sealed class ContributionRevisionTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task A_second_revised_figure_replaces_the_first_instead_of_adding_to_it()
    {
        var (fund, parties) = await _client.FundAsync("Revised twice");
        await RecordAsync(fund.Id, Funds.Contribution(parties.Pct.Id, ContributionKind.Planned, 100.00m));
        await RecordAsync(fund.Id, Funds.Contribution(parties.Pct.Id, ContributionKind.Revised, 110.00m));
        await RecordAsync(fund.Id, Funds.Contribution(parties.Pct.Id, ContributionKind.Revised, 120.00m));
        await BookAsync(fund.Id, 20.00m, "RT-1");

        var summary = await SummaryAsync(fund.Id);

        var pct = summary.Partners.Single(p => p.OrganisationId == parties.Pct.Id);
        Assert.Equal((100.00m, 120.00m, 0.00m, 120.00m), (pct.Planned, pct.Revised, pct.Actual, pct.Effective));
        Assert.Equal(120.00m, summary.Contributions);
        Assert.Equal(100.00m, summary.Variance);
        Assert.Equal(100.00m, pct.ShareOfVariance);
    }

    [Fact]
    public async Task A_corrected_actual_replaces_the_wrong_one_and_every_step_stays_in_the_history()
    {
        var (fund, parties) = await _client.FundAsync("Corrected actual");
        await RecordAsync(fund.Id, Funds.Contribution(parties.Council.Id, ContributionKind.Planned, 1_000.00m));
        await RecordAsync(fund.Id, Funds.Contribution(parties.Council.Id, ContributionKind.Actual, 9_500.00m));
        await RecordAsync(fund.Id, Funds.Contribution(parties.Council.Id, ContributionKind.Actual, 950.00m) with { Note = "Correction: keyed as 9,500" });

        var summary = await SummaryAsync(fund.Id);
        var history = await (await _client.GetAsync($"{Register.Organisations}/{parties.Council.Id}/pooled-funds?financialYear=2015-16"))
            .ReadItemsAsync<OrganisationFundResponse>(HttpStatusCode.OK);

        var council = summary.Partners.Single(p => p.OrganisationId == parties.Council.Id);
        Assert.Equal((1_000.00m, 950.00m, 950.00m), (council.Planned, council.Actual, council.Effective));
        Assert.Equal(
            [(ContributionKind.Planned, 1_000.00m), (ContributionKind.Actual, 9_500.00m), (ContributionKind.Actual, 950.00m)],
            history.Single(f => f.Fund.Id == fund.Id).Contributions.Select(c => (c.Kind, c.Amount)));
    }

    [Fact]
    public async Task In_kind_contributions_are_reported_apart_and_not_counted_as_cash_in_the_variance()
    {
        var (fund, parties) = await _client.FundAsync("In kind");
        await RecordAsync(fund.Id, Funds.Contribution(parties.Council.Id, ContributionKind.Planned, 1_000.00m));
        await RecordAsync(fund.Id, Funds.Contribution(parties.Pct.Id, ContributionKind.Planned, 500.00m));
        await RecordAsync(fund.Id, Funds.Contribution(parties.Pct.Id, ContributionKind.Planned, 300.00m) with { Form = ContributionForm.InKind, Note = "Two health visitors" });
        await RecordAsync(fund.Id, Funds.Contribution(parties.Pct.Id, ContributionKind.Revised, 250.00m) with { Form = ContributionForm.InKind });
        await BookAsync(fund.Id, 1_400.00m, "IK-1");

        var summary = await SummaryAsync(fund.Id);
        var csv = await _client.CsvAsync($"{Funds.Url}/{fund.Id}/summary?financialYear=2015-16");

        Assert.Equal((1_500.00m, 250.00m, 1_400.00m, 100.00m), (summary.Contributions, summary.InKindContributions, summary.Spend, summary.Variance));
        var pct = summary.Partners.Single(p => p.OrganisationId == parties.Pct.Id);
        Assert.Equal((500.00m, 500.00m), (pct.Planned, pct.Effective));
        Assert.Equal(new ContributionFiguresResponse { Planned = 300.00m, Revised = 250.00m, Actual = 0.00m, Effective = 250.00m }, pct.InKind);
        // in proportion to cash contributions only: 1,000 to 500
        Assert.Equal((66.67m, 33.33m), (summary.Partners.Single(p => p.OrganisationId == parties.Council.Id).ShareOfVariance, pct.ShareOfVariance));
        var row = csv.Single(r => r["organisation_id"] == parties.Pct.Id.ToString());
        Assert.Equal((pct.Effective, pct.InKind.Planned, pct.InKind.Revised, pct.InKind.Effective),
            (Money(row["effective_contribution"]), Money(row["in_kind_planned"]), Money(row["in_kind_revised"]), Money(row["in_kind_effective"])));
    }

    private static decimal Money(string text) => decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private async Task RecordAsync(Guid fund, ContributionRequest contribution) =>
        await (await _client.PostJsonAsync($"{Funds.Url}/{fund}/contributions", contribution)).ReadAsync<ContributionResponse>(HttpStatusCode.Created);

    private async Task BookAsync(Guid fund, decimal amount, string reference) =>
        await (await _client.PostJsonAsync($"{Funds.Url}/{fund}/ledger-lines", new LedgerLineRequest
        {
            Date = new DateOnly(2015, 6, 30), Amount = amount, Category = "Care", ExternalReference = reference,
        })).ReadAsync<LedgerLineResponse>(HttpStatusCode.Created);

    private async Task<FundSummaryResponse> SummaryAsync(Guid fund, string query = "") =>
        await (await _client.GetAsync($"{Funds.Url}/{fund}/summary?financialYear=2015-16{query}")).ReadAsync<FundSummaryResponse>(HttpStatusCode.OK);
}
