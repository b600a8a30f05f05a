using System.Net;
using IntegrationGovernance.Api.Agreements;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.Organisations;
using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.Infrastructure.DemoData;
using IntegrationGovernance.IntegrationTests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationGovernance.IntegrationTests.DemoData;

/// <summary>What the run command does: migrate an empty database on start-up and load the seed papers' organisations.</summary>
public sealed class DemoDataTests(DemoDataTests.SeededApiFactory api) : IClassFixture<DemoDataTests.SeededApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task The_bnes_pct_chain_reaches_the_icb_in_one_call()
    {
        var page = await (await _client.GetAsync($"{Register.Organisations}?code=5FL")).ReadAsync<Page>(HttpStatusCode.OK);
        var pct = Assert.Single(page.Items);

        var chain = await (await _client.GetAsync($"{Register.Organisations}/{pct.Id}/successors")).ReadAsync<SuccessionChainResponse>(HttpStatusCode.OK);

        Assert.Contains(chain.Links, l => l.Organisation.OdsCode == "11E" && l.Depth == 1 && l.EffectiveOn == new DateOnly(2013, 4, 1));
        Assert.Contains(chain.Links, l => l.Organisation.OdsCode == "QOX" && l.EffectiveOn == new DateOnly(2022, 7, 1));
    }

    [Fact]
    public async Task Stockton_was_a_district_council_until_it_became_unitary_on_1_april_1996()
    {
        var stockton = Assert.Single((await (await _client.GetAsync($"{Register.Organisations}?code=E06000004")).ReadAsync<Page>(HttpStatusCode.OK)).Items);

        Assert.Equal(OrganisationType.UnitaryAuthority, stockton.Type);
        Assert.Equal(new EarlierTypeContract { Type = OrganisationType.DistrictCouncil, Until = new DateOnly(1996, 3, 31) }, Assert.Single(stockton.EarlierTypes));
    }

    [Fact]
    public async Task The_seed_papers_agreements_answer_the_legal_questions()
    {
        var harrow = await AgreementAsync("HARROW-S31-2005");
        var schedules = await (await _client.GetAsync($"{Support.Agreements.Url}/{harrow.Id}/schedules")).ReadItemsAsync<AgreementResponse>(HttpStatusCode.OK);
        var icb = Assert.Single((await (await _client.GetAsync($"{Register.Organisations}?code=QOX")).ReadAsync<Page>(HttpStatusCode.OK)).Items);
        var binding = await (await _client.GetAsync($"{Register.Organisations}/{icb.Id}/agreements?activeOn=2026-11-23"))
            .ReadItemsAsync<BindingAgreementResponse>(HttpStatusCode.OK);
        var overdue = await (await _client.GetAsync($"{Support.Agreements.Url}?overdue=true&on=2026-11-23")).ReadAsync<Page<AgreementResponse>>(HttpStatusCode.OK);

        Assert.Equal(StatutoryBasis.Section31HealthAct1999, harrow.Basis);
        Assert.NotEmpty(schedules);
        Assert.All(schedules, s => Assert.StartsWith("HARROW-S31-2005/", s.Reference, StringComparison.Ordinal));
        Assert.Contains(binding, b => b.Agreement.Reference == "BNES-S75-2013" && b.SuccessionDepth > 0);
        Assert.Contains(overdue.Items, a => a.Reference == "DUDLEY-0-5-PH-2015");
        Assert.Contains("2,453,000", (await AgreementAsync("DUDLEY-0-5-PH-2015")).Purpose, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_successions_carry_each_agreement_to_the_body_that_took_it_and_nhs_england_takes_only_its_own()
    {
        var icb = Assert.Single((await (await _client.GetAsync($"{Register.Organisations}?code=QOX")).ReadAsync<Page>(HttpStatusCode.OK)).Items);
        var england = Assert.Single((await (await _client.GetAsync($"{Register.Organisations}?code=X24")).ReadAsync<Page>(HttpStatusCode.OK)).Items);

        var icbBefore = await (await _client.GetAsync($"{Register.Organisations}/{icb.Id}/agreements?activeOn=2022-06-30")).ReadItemsAsync<BindingAgreementResponse>(HttpStatusCode.OK);
        var icbFrom = await (await _client.GetAsync($"{Register.Organisations}/{icb.Id}/agreements?activeOn=2022-07-01")).ReadItemsAsync<BindingAgreementResponse>(HttpStatusCode.OK);
        var englands = await (await _client.GetAsync($"{Register.Organisations}/{england.Id}/agreements")).ReadItemsAsync<BindingAgreementResponse>(HttpStatusCode.OK);

        Assert.Empty(icbBefore);
        var bnes = Assert.Single(icbFrom, b => b.Agreement.Reference == "BNES-S75-2013");
        Assert.Equal((2, "NHS Bath and North East Somerset Clinical Commissioning Group"), (bnes.SuccessionDepth, bnes.BoundThroughName));
        Assert.Equal(["DUDLEY-0-5-PH-2015"], englands.Select(b => b.Agreement.Reference));
        Assert.All(englands, b => Assert.Equal(0, b.SuccessionDepth));
    }

    [Fact]
    public async Task The_demo_funds_have_contributions_from_two_partners_and_figures_that_add_up()
    {
        var summaries = await (await _client.GetAsync("/api/v1/finance/summaries?financialYear=2008-09"))
            .ReadItemsAsync<Api.PooledFunds.FundSummaryResponse>(HttpStatusCode.OK);

        var stockton = Assert.Single(summaries, s => s.FundName.StartsWith("Stockton", StringComparison.Ordinal));
        Assert.Equal(2, stockton.Partners.Count(p => p.Effective > 0));
        Assert.Equal(2_125_000.00m, stockton.Contributions);
        Assert.Equal(2_145_500.50m, stockton.Spend);
        Assert.Equal(stockton.Variance, stockton.Partners.Sum(p => p.ShareOfVariance));
    }

    [Fact]
    public async Task The_seed_papers_structures_and_a_section_113_secondment_are_in_the_register()
    {
        var stockton = Assert.Single((await (await _client.GetAsync($"{Register.Organisations}?code=E06000004")).ReadAsync<Page>(HttpStatusCode.OK)).Items);
        var structure = await (await _client.GetAsync($"{Register.Organisations}/{stockton.Id}/structure?on=2010-01-01"))
            .ReadAsync<Api.People.StructureResponse>(HttpStatusCode.OK);
        var secondments = await (await _client.GetAsync("/api/v1/secondments?activeOn=2015-01-01"))
            .ReadItemsAsync<Api.People.SecondmentResponse>(HttpStatusCode.OK);

        var director = Assert.Single(structure.Roots);
        Assert.Equal("Director of Children, Education and Social Care", director.Title);
        // the chart's heads under the director (3.6): the Head of Strategy is a joint PCT/LA post, held for the PCT too
        Assert.Equal(["Head of Children and Young People's Strategy", "Head of Operations"], director.Reports.Select(r => r.Title));
        var operations = director.Reports[1];
        // the paper's four integrated service areas, each under its own manager (3.9.2)
        Assert.Equal(4, operations.Reports.Count(r => r.Title == "Integrated Service Area Manager"));
        // the seconded PCT post, line-managed in the North area under the secondment arrangement, shown with its employer
        var placed = Assert.Single(operations.Reports.SelectMany(r => r.Reports));
        Assert.Equal(("North Tees Teaching Primary Care Trust", "STOCKTON-CT-2007/SECONDMENT"), (placed.Placement?.EmployerName, placed.Placement?.BasisReference));
        var bnes = Assert.Single(secondments);
        var basis = await (await _client.GetAsync($"{Support.Agreements.Url}/{bnes.AgreementId}")).ReadAsync<AgreementResponse>(HttpStatusCode.OK);
        Assert.Equal(StatutoryBasis.Section113LocalGovernmentAct1972, basis.Basis);
    }

    [Fact]
    public async Task Loading_the_demo_data_again_adds_nothing()
    {
        var before = await CountAsync();
        var rowsBefore = await RowsAsync();

        await using (var scope = api.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DemoDataLoader>().LoadAsync(CancellationToken.None);

        Assert.Equal(before, await CountAsync());
        Assert.Equal(rowsBefore, await RowsAsync());
        Assert.True(before > 20, $"only {before} organisations loaded");
        Assert.Equal(12, (await (await _client.GetAsync($"{Support.Agreements.Url}?limit=500")).ReadAsync<Page<AgreementResponse>>(HttpStatusCode.OK)).Items.Count);
    }

    private async Task<AgreementResponse> AgreementAsync(string reference) =>
        Assert.Single((await (await _client.GetAsync($"{Support.Agreements.Url}?limit=500")).ReadAsync<Page<AgreementResponse>>(HttpStatusCode.OK))
            .Items, a => a.Reference == reference);

    // every kind of demo record, and their provenance
    private async Task<string> RowsAsync() => await Sql.ScalarAsync<string>(api.ConnectionString, """
        SELECT concat_ws(',', (SELECT count(*) FROM successions), (SELECT count(*) FROM pooled_funds), (SELECT count(*) FROM contributions),
            (SELECT count(*) FROM ledger_bookings), (SELECT count(*) FROM posts), (SELECT count(*) FROM accountability_lines),
            (SELECT count(*) FROM secondments), (SELECT count(*) FROM record_provenance))
        """);

    private async Task<int> CountAsync() =>
        (await (await _client.GetAsync($"{Register.Organisations}?limit=500")).ReadAsync<Page>(HttpStatusCode.OK)).Items.Count;

    private sealed record Page(List<OrganisationResponse> Items);

    public sealed class SeededApiFactory : RegisterApiFactory
    {
        public override async Task InitializeAsync() => ConnectionString = await TestDatabases.CreateEmptyAsync();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Database:MigrateOnStartup", "true");
            builder.UseSetting("Database:SeedDemoData", "true");
        }
    }
}
