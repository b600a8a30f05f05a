using System.Net;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.PooledFunds;
using IntegrationGovernance.Api.RecordKeeping;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.PooledFunds;

/// <summary>A fund's budget and its host's forecast outturn are register records: replaced only with If-Match, every version kept.</summary>
public sealed class BudgetAndForecastTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _admin = api.CreateClient();

    [Fact]
    public async Task A_budget_set_and_then_replaced_reads_as_the_second_and_its_history_shows_both()
    {
        var (fund, parties) = await _admin.FundAsync("Budget replaced");
        var pct = api.CreateClientAs("pct-finance", parties.Pct.Id.ToString(), Scopes.FinanceWrite, Scopes.FinanceRead);

        var (first, etag) = await pct.SetBudgetAsync(fund.Id, Budgets.Budget(("Care", parties.Council.Id, 600m), ("Care", parties.Pct.Id, 400m)));
        await (await pct.SendWithIfMatchAsync(HttpMethod.Put, Budgets.BudgetUrl(fund.Id), Budgets.Budget(("Care", null, 1m)), null))
            .ReadProblemAsync(HttpStatusCode.PreconditionRequired);
        await (await pct.SendWithIfMatchAsync(HttpMethod.Put, Budgets.BudgetUrl(fund.Id), Budgets.Budget(("Care", null, 1m)), "\"1\""))
            .ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        var (second, _) = await pct.SetBudgetAsync(fund.Id, Budgets.Budget(("Care", null, 1_100.50m), ("Transport", null, 99.50m)), etag);

        var read = await (await pct.GetAsync(Budgets.BudgetUrl(fund.Id))).ReadAsync<FundBudgetResponse>(HttpStatusCode.OK);
        var history = await (await pct.GetAsync(Budgets.BudgetUrl(fund.Id) + "/history")).ReadAsync<Page<RevisionResponse<FundBudgetResponse>>>(HttpStatusCode.OK);

        Assert.Equal((first.Id, 1_000m, 1_200m), (second.Id, first.Total, read.Total));
        Assert.Equal([("Care", (Guid?)null, 1_100.50m), ("Transport", null, 99.50m)], read.Lines.Select(l => (l.Category, l.OrganisationId, l.Amount)));
        Assert.Equal([(1, "created"), (2, "updated")], history.Items.Select(r => (r.Revision, r.Kind)));
        Assert.Equal([1_000m, 1_200m], history.Items.Select(r => r.Record.Total));
        Assert.Equal([parties.Council.Id, parties.Pct.Id], history.Items[0].Record.Lines.Select(l => l.OrganisationId!.Value));
        Assert.All(history.Items, r => Assert.Equal(("pct-finance", parties.Pct.Id.ToString()), (r.Actor.Subject, r.Actor.Organisation)));
    }

    [Fact]
    public async Task If_Match_on_a_year_with_no_budget_matches_nothing_and_writes_nothing()
    {
        var (fund, _) = await _admin.FundAsync("Nothing to match");

        await (await _admin.SendWithIfMatchAsync(HttpMethod.Put, Budgets.BudgetUrl(fund.Id), Budgets.Budget(("Care", null, 1m)), "\"1\""))
            .ReadProblemAsync(HttpStatusCode.PreconditionFailed);

        await (await _admin.GetAsync(Budgets.BudgetUrl(fund.Id))).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_host_submits_a_forecast_and_resubmits_it_and_another_party_is_refused()
    {
        var (fund, parties) = await _admin.FundAsync("Forecast host");
        var host = api.CreateClientAs("council-finance", parties.Council.GssCode, Scopes.FinanceWrite, Scopes.FinanceRead);
        var partner = api.CreateClientAs("pct-finance", parties.Pct.Id.ToString(), Scopes.FinanceWrite, Scopes.FinanceRead);

        var refused = await (await partner.SendWithIfMatchAsync(HttpMethod.Put, Budgets.ForecastUrl(fund.Id, 4), Budgets.Forecast(("Care", 1m)), null))
            .ReadProblemAsync(HttpStatusCode.Forbidden);
        var (first, etag) = await host.SubmitForecastAsync(fund.Id, 4, Budgets.Forecast(("Care", 1_000m), ("Client contributions", -50m)));
        var latest = (await partner.GetAsync(Budgets.ForecastUrl(fund.Id, 4))).Headers.ETag!.ToString();
        await (await partner.SendWithIfMatchAsync(HttpMethod.Put, Budgets.ForecastUrl(fund.Id, 4), Budgets.Forecast(("Care", 2m)), latest))
            .ReadProblemAsync(HttpStatusCode.Forbidden);
        var (second, _) = await host.SubmitForecastAsync(fund.Id, 4, Budgets.Forecast(("Care", 1_050m)), etag);

        var history = await (await partner.GetAsync(Budgets.ForecastUrl(fund.Id, 4) + "/history")).ReadAsync<Page<RevisionResponse<ForecastOutturnResponse>>>(HttpStatusCode.OK);
        var now = await (await partner.GetAsync(Budgets.ForecastUrl(fund.Id, 4))).ReadAsync<ForecastOutturnResponse>(HttpStatusCode.OK);

        Assert.Equal(ProblemTypes.ForRule("not-the-fund-host"), (string?)refused["type"]);
        Assert.Equal((950m, 1_050m, 4), (first.Total, second.Total, second.Period));
        Assert.Equal([950m, 1_050m], history.Items.Select(r => r.Record.Total));
        Assert.Equal(1_050m, now.Total);
        Assert.Equal(second.Id, first.Id);
    }

    [Fact]
    public async Task A_party_that_is_not_a_party_to_the_fund_cannot_set_its_budget()
    {
        var (fund, _) = await _admin.FundAsync("Budget outsider");
        var outsider = await _admin.CreateOrganisationAsync(Register.Organisation($"Outsider {Guid.NewGuid():N}", gss: Support.Agreements.UniqueGss()));
        var client = api.CreateClientAs("outsider", outsider.GssCode, Scopes.FinanceWrite);

        var problem = await (await client.SendWithIfMatchAsync(HttpMethod.Put, Budgets.BudgetUrl(fund.Id), Budgets.Budget(("Care", null, 1m)), null))
            .ReadProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal(ProblemTypes.ForRule("not-a-party"), (string?)problem["type"]);
    }

    [Theory]
    [InlineData("2015-17", "financialYear")]
    [InlineData("15-16", "financialYear")]
    [InlineData("2030-31", "financialYear")] // parsed, but the fund has ended by then
    public async Task A_budget_for_a_year_that_is_not_one_or_not_the_funds_is_refused_naming_the_year(string year, string field)
    {
        var (fund, _) = await EndedFundAsync("Budget year");

        var problem = await (await _admin.SendWithIfMatchAsync(HttpMethod.Put, Budgets.BudgetUrl(fund, year), Budgets.Budget(("Care", null, 1m)), null))
            .ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.ErrorsFor(field));
    }

    [Theory]
    [InlineData("""{"lines":[{"category":"Care","amount":-1.00}]}""", "$.lines[0].amount")]
    [InlineData("""{"lines":[{"category":"Care","amount":1.001}]}""", "$.lines[0].amount")]
    [InlineData("""{"lines":[{"category":"Care","amount":1000000000000.00}]}""", "$.lines[0].amount")]
    [InlineData("""{"lines":[{"category":"Care","amount":1},{"category":"Care","amount":2}]}""", "$.lines[1].category")]
    [InlineData("""{"lines":[{"category":"  ","amount":1}]}""", "$.lines[0].category")]
    [InlineData("""{"lines":[]}""", "$.lines")]
    [InlineData("""{"lines":[null]}""", "$.lines[0]")]
    [InlineData("""{"lines":[{"category":"Care","organisationId":"00000000-0000-0000-0000-000000000001","amount":1}]}""", "$.lines[0].organisationId")]
    public async Task A_bad_budget_is_a_400_naming_the_field_and_writes_nothing(string body, string field)
    {
        var (fund, _) = await _admin.FundAsync("Bad budget");

        var problem = await (await _admin.PutAsync(Budgets.BudgetUrl(fund.Id), new StringContent(body, System.Text.Encoding.UTF8, "application/json")))
            .ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.ErrorsFor(field));
        await (await _admin.GetAsync(Budgets.BudgetUrl(fund.Id))).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("2015-16", "0", "period")]
    [InlineData("2015-16", "13", "period")]
    [InlineData("2015/16", "6", "financialYear")]
    public async Task A_forecast_for_a_period_or_year_that_is_not_one_is_refused_naming_it(string year, string period, string field)
    {
        var (fund, _) = await _admin.FundAsync("Forecast period");

        var problem = await (await _admin.SendWithIfMatchAsync(HttpMethod.Put, $"{Funds.Url}/{fund.Id}/forecasts/{Uri.EscapeDataString(year)}/{period}", Budgets.Forecast(("Care", 1m)), null))
            .ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.ErrorsFor(field));
    }

    [Fact]
    public async Task A_forecast_naming_a_category_twice_is_refused_at_the_second()
    {
        var (fund, _) = await _admin.FundAsync("Forecast twice");

        var problem = await (await _admin.SendWithIfMatchAsync(HttpMethod.Put, Budgets.ForecastUrl(fund.Id, 6), Budgets.Forecast(("Care", 1m), ("Care", 2m)), null))
            .ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.ErrorsFor("$.lines[1].category"));
    }

    [Fact]
    public async Task A_budget_for_a_fund_that_is_not_there_is_a_404()
    {
        await (await _admin.SendWithIfMatchAsync(HttpMethod.Put, Budgets.BudgetUrl(Guid.NewGuid()), Budgets.Budget(("Care", null, 1m)), null))
            .ReadProblemAsync(HttpStatusCode.NotFound);
    }

    private async Task<(Guid Fund, Support.Agreements.Parties Parties)> EndedFundAsync(string prefix)
    {
        var parties = await _admin.CouncilAndPctAsync(prefix);
        var (agreement, _) = await _admin.ActiveAgreementAsync(Support.Agreements.Section75($"FUND-{Guid.NewGuid():N}"[..20], parties, "2012-04-01", "2017-03-31"), parties.Council.Id);
        var fund = await (await _admin.PostJsonAsync(Funds.Url, new PooledFundRequest
        {
            AgreementId = agreement.Id,
            Name = $"{prefix} fund",
            HostOrganisationId = parties.Council.Id,
            StartsOn = new DateOnly(2012, 4, 1),
            EndsOn = new DateOnly(2017, 3, 31),
        })).ReadAsync<PooledFundResponse>(HttpStatusCode.Created);
        return (fund.Id, parties);
    }
}
