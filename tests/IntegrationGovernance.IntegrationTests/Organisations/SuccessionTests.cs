using System.Net;
using IntegrationGovernance.Api.Organisations;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.Domain.Successions;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.Organisations;

public sealed class SuccessionTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task A_pct_to_ccg_to_icb_chain_comes_back_whole_in_one_call_from_either_end()
    {
        var (pct, ccg, icb) = await PctCcgIcbAsync("Chain");

        var successors = await ChainAsync(pct.Id, "successors");
        Assert.Equal([(ccg.Id, 1, pct.Id), (icb.Id, 2, ccg.Id)], successors.Links.Select(l => (l.Organisation.Id, l.Depth, l.FromOrganisationId)));
        Assert.Equal([new DateOnly(2013, 4, 1), new DateOnly(2022, 7, 1)], successors.Links.Select(l => l.EffectiveOn));

        var predecessors = await ChainAsync(icb.Id, "predecessors");
        Assert.Equal([(ccg.Id, 1), (pct.Id, 2)], predecessors.Links.Select(l => (l.Organisation.Id, l.Depth)));
        Assert.Equal("5Q1", predecessors.Links[1].Organisation.OdsCode);
    }

    [Fact]
    public async Task A_merger_is_walked_to_every_predecessor()
    {
        var first = await _client.CreateOrganisationAsync(Register.Organisation("Merger CCG A", OrganisationType.ClinicalCommissioningGroup, to: "2020-03-31"));
        var second = await _client.CreateOrganisationAsync(Register.Organisation("Merger CCG B", OrganisationType.ClinicalCommissioningGroup, to: "2020-03-31"));
        var merged = await _client.CreateOrganisationAsync(Register.Organisation("Merged CCG", OrganisationType.ClinicalCommissioningGroup, from: "2020-04-01"));

        var succession = await _client.RecordSuccessionAsync(Register.Succession([first, second], [merged], "2020-04-01", SuccessionKind.Merger));

        var read = await (await _client.GetAsync($"{Register.Successions}/{succession.Id}")).ReadAsync<SuccessionResponse>(HttpStatusCode.OK);
        Assert.Equal(succession, read with { PredecessorIds = succession.PredecessorIds, SuccessorIds = succession.SuccessorIds, Transfers = succession.Transfers });
        Assert.Equal(new HashSet<Guid> { first.Id, second.Id }, read.PredecessorIds.ToHashSet());
        var chain = await ChainAsync(merged.Id, "predecessors");
        Assert.Equal(new HashSet<Guid> { first.Id, second.Id }, chain.Links.Select(l => l.Organisation.Id).ToHashSet());
    }

    [Fact]
    public async Task A_succession_that_would_close_a_cycle_is_refused_even_when_every_date_fits()
    {
        // no operational dates, so only the graph can refuse it
        var a = await _client.CreateOrganisationAsync(Register.Organisation("Undated A"));
        var b = await _client.CreateOrganisationAsync(Register.Organisation("Undated B"));
        var c = await _client.CreateOrganisationAsync(Register.Organisation("Undated C"));
        await _client.RecordSuccessionAsync(Register.Succession([a], [b], "2010-01-01", SuccessionKind.Rename));
        await _client.RecordSuccessionAsync(Register.Succession([b], [c], "2011-01-01", SuccessionKind.Rename));

        var problem = await (await _client.PostJsonAsync(Register.Successions, Register.Succession([c], [a], "2012-01-01", SuccessionKind.Rename)))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("urn:integration-governance:problem:succession-cycle", (string?)problem["type"]);
        Assert.Empty((await ChainAsync(c.Id, "successors")).Links);
    }

    [Fact]
    public async Task Concurrent_successions_that_together_make_a_cycle_are_not_both_recorded()
    {
        var a = await _client.CreateOrganisationAsync(Register.Organisation("Racing A"));
        var b = await _client.CreateOrganisationAsync(Register.Organisation("Racing B"));

        var responses = await Task.WhenAll(
            _client.PostJsonAsync(Register.Successions, Register.Succession([a], [b], "2015-01-01", SuccessionKind.Rename)),
            _client.PostJsonAsync(Register.Successions, Register.Succession([b], [a], "2015-01-01", SuccessionKind.Rename)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task A_succession_dated_before_the_one_that_created_its_predecessor_is_refused()
    {
        var a = await _client.CreateOrganisationAsync(Register.Organisation("Order A"));
        var b = await _client.CreateOrganisationAsync(Register.Organisation("Order B"));
        var c = await _client.CreateOrganisationAsync(Register.Organisation("Order C"));
        await _client.RecordSuccessionAsync(Register.Succession([a], [b], "2013-04-01", SuccessionKind.Rename));

        var problem = await (await _client.PostJsonAsync(Register.Successions, Register.Succession([b], [c], "2012-01-01", SuccessionKind.Rename)))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("urn:integration-governance:problem:succession-out-of-order", (string?)problem["type"]);
        Assert.NotEmpty(problem.ErrorsFor("$.effectiveOn"));
    }

    [Fact]
    public async Task A_predecessor_still_operating_on_the_date_is_refused()
    {
        var pct = await _client.CreateOrganisationAsync(Register.Organisation("Late PCT", OrganisationType.PrimaryCareTrust, to: "2013-06-30"));
        var ccg = await _client.CreateOrganisationAsync(Register.Organisation("Early CCG", OrganisationType.ClinicalCommissioningGroup, from: "2013-04-01"));

        var problem = await (await _client.PostJsonAsync(Register.Successions, Register.Succession([pct], [ccg], "2013-04-01")))
            .ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.ErrorsFor("$.predecessorIds[0]"));
        Assert.Empty((await ChainAsync(pct.Id, "successors")).Links);
    }

    [Fact]
    public async Task A_successor_not_yet_operating_on_the_date_is_refused()
    {
        var pct = await _client.CreateOrganisationAsync(Register.Organisation("Ending PCT", OrganisationType.PrimaryCareTrust, to: "2013-03-31"));
        var icb = await _client.CreateOrganisationAsync(Register.Organisation("Too-late ICB", OrganisationType.IntegratedCareBoard, from: "2022-07-01"));

        var problem = await (await _client.PostJsonAsync(Register.Successions, Register.Succession([pct], [icb], "2013-04-01")))
            .ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.ErrorsFor("$.successorIds[0]"));
    }

    [Fact]
    public async Task Unknown_organisations_and_a_wrong_shape_are_named_field_by_field()
    {
        var known = await _client.CreateOrganisationAsync(Register.Organisation("Known body"));
        var request = new SuccessionRequest
        {
            PredecessorIds = [known.Id],
            SuccessorIds = [Guid.NewGuid()],
            EffectiveOn = new DateOnly(2020, 1, 1),
            Kind = SuccessionKind.Merger,
        };

        var problem = await (await _client.PostJsonAsync(Register.Successions, request)).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.ErrorsFor("$.successorIds[0]"));
        Assert.NotEmpty(problem.ErrorsFor("$.kind"));
    }

    [Fact]
    public async Task Closing_an_organisation_after_the_succession_it_preceded_is_refused()
    {
        var pct = await _client.CreateAsync(Register.Organisation("Open PCT", OrganisationType.PrimaryCareTrust));
        var ccg = await _client.CreateOrganisationAsync(Register.Organisation("Its CCG", OrganisationType.ClinicalCommissioningGroup));
        await _client.RecordSuccessionAsync(Register.Succession([pct.Organisation], [ccg], "2013-04-01"));

        var response = await _client.SendWithIfMatchAsync(HttpMethod.Post, $"{Register.Organisations}/{pct.Organisation.Id}/close",
            new CloseOrganisationRequest { LastDay = new DateOnly(2014, 3, 31) }, pct.ETag);

        var problem = await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("urn:integration-governance:problem:succession-dates", (string?)problem["type"]);
        var read = await (await _client.GetAsync($"{Register.Organisations}/{pct.Organisation.Id}")).ReadAsync<OrganisationResponse>(HttpStatusCode.OK);
        Assert.Null(read.OperationalTo);
    }

    [Fact]
    public async Task An_unknown_succession_is_a_404_problem()
    {
        await (await _client.GetAsync($"{Register.Successions}/{Guid.NewGuid()}")).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    private async Task<(OrganisationResponse Pct, OrganisationResponse Ccg, OrganisationResponse Icb)> PctCcgIcbAsync(string prefix)
    {
        var code = prefix == "Chain" ? "5Q1" : null;
        var pct = await _client.CreateOrganisationAsync(Register.Organisation($"{prefix} PCT", OrganisationType.PrimaryCareTrust, ods: code, from: "2002-04-01", to: "2013-03-31"));
        var ccg = await _client.CreateOrganisationAsync(Register.Organisation($"{prefix} CCG", OrganisationType.ClinicalCommissioningGroup, from: "2013-04-01", to: "2022-06-30"));
        var icb = await _client.CreateOrganisationAsync(Register.Organisation($"{prefix} ICB", OrganisationType.IntegratedCareBoard, from: "2022-07-01"));
        await _client.RecordSuccessionAsync(Register.Succession([pct], [ccg], "2013-04-01"));
        await _client.RecordSuccessionAsync(Register.Succession([ccg], [icb], "2022-07-01"));
        return (pct, ccg, icb);
    }

    private async Task<SuccessionChainResponse> ChainAsync(Guid id, string direction) =>
        await (await _client.GetAsync($"{Register.Organisations}/{id}/{direction}")).ReadAsync<SuccessionChainResponse>(HttpStatusCode.OK);
}
