using System.Net;
using IntegrationGovernance.Api.People;
using IntegrationGovernance.Domain.People;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.People;

public sealed class AccountabilityTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task Chains_and_structures_follow_four_levels_across_two_organisations_and_change_on_a_date()
    {
        var bodies = await _client.CouncilCcgAndSection113Async("Four levels");
        var strategic = await _client.PostAsync(bodies.Council.Id, "Strategic Director");
        var interim = await _client.PostAsync(bodies.Council.Id, "Interim Director");
        var divisional = await _client.PostAsync(bodies.Council.Id, "Divisional Director");
        var coo = await _client.PostAsync(bodies.Ccg.Id, "Chief Operating Officer");
        var lead = await _client.PostAsync(bodies.Ccg.Id, "Commissioning Lead");
        await _client.LineAsync(Support.People.Line(divisional, strategic, ends: "2014-12-31"));
        await _client.LineAsync(Support.People.Line(divisional, interim, starts: "2015-01-01"));
        await _client.LineAsync(Support.People.Line(coo, divisional, basis: bodies.Section113.Id));
        await _client.LineAsync(Support.People.Line(lead, coo));

        var before = await ChainAsync(lead.Id, "2014-06-01");
        var after = await ChainAsync(lead.Id, "2015-06-01");

        Assert.Equal([coo.Id, divisional.Id, strategic.Id], before.Select(s => s.ToPostId!.Value));
        Assert.Equal([1, 2, 3], before.Select(s => s.Depth));
        Assert.Equal([bodies.Ccg.Id, bodies.Council.Id, bodies.Council.Id], before.Select(s => s.ToOrganisationId));
        Assert.Equal([coo.Id, divisional.Id, interim.Id], after.Select(s => s.ToPostId!.Value));

        var structureBefore = await StructureAsync(bodies.Council.Id, "2014-06-01");
        var structureAfter = await StructureAsync(bodies.Council.Id, "2015-06-01");
        Assert.Equal(["Divisional Director"], structureBefore.Roots.Single(r => r.Title == "Strategic Director").Reports.Select(r => r.Title));
        Assert.Empty(structureBefore.Roots.Single(r => r.Title == "Interim Director").Reports);
        Assert.Equal(["Divisional Director"], structureAfter.Roots.Single(r => r.Title == "Interim Director").Reports.Select(r => r.Title));
        Assert.StartsWith("graph TD", structureAfter.Mermaid, StringComparison.Ordinal);
        Assert.Contains("[\"Interim Director\"]", structureAfter.Mermaid, StringComparison.Ordinal);
        Assert.Contains(" --> ", structureAfter.Mermaid, StringComparison.Ordinal);

        var reports = await (await _client.GetAsync($"/api/v1/posts/{divisional.Id}/reports?on=2015-06-01")).ReadItemsAsync<AccountabilityLineResponse>(HttpStatusCode.OK);
        Assert.Equal([coo.Id], reports.Select(r => r.PostId));
        var lines = await (await _client.GetAsync($"/api/v1/posts/{divisional.Id}/lines")).ReadItemsAsync<AccountabilityLineResponse>(HttpStatusCode.OK);
        Assert.Equal(3, lines.Count);
    }

    [Fact]
    public async Task A_second_line_manager_at_the_same_time_is_refused()
    {
        var bodies = await _client.CouncilCcgAndSection113Async("Two managers");
        var (a, b, c) = (await _client.PostAsync(bodies.Council.Id, "A"), await _client.PostAsync(bodies.Council.Id, "B"), await _client.PostAsync(bodies.Council.Id, "C"));
        await _client.LineAsync(Support.People.Line(c, a, ends: "2015-03-31"));

        var problem = await (await _client.PostJsonAsync("/api/v1/accountability-lines", Support.People.Line(c, b, starts: "2015-01-01")))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        await _client.LineAsync(Support.People.Line(c, b, starts: "2015-04-01"));
        await _client.LineAsync(Support.People.Line(c, b, starts: "2013-04-01", kind: AccountabilityKind.DottedLine));

        Assert.Equal("urn:integration-governance:problem:second-line-manager", (string?)problem["type"]);
    }

    [Fact]
    public async Task A_line_that_would_close_a_circle_is_refused()
    {
        var bodies = await _client.CouncilCcgAndSection113Async("Circle");
        var (a, b, c) = (await _client.PostAsync(bodies.Council.Id, "A"), await _client.PostAsync(bodies.Council.Id, "B"), await _client.PostAsync(bodies.Council.Id, "C"));
        await _client.LineAsync(Support.People.Line(b, a));
        await _client.LineAsync(Support.People.Line(c, b));

        var problem = await (await _client.PostJsonAsync("/api/v1/accountability-lines", Support.People.Line(a, c)))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("urn:integration-governance:problem:accountability-cycle", (string?)problem["type"]);
    }

    [Fact]
    public async Task A_line_across_organisations_needs_an_agreement_naming_both_that_is_active_throughout()
    {
        var bodies = await _client.CouncilCcgAndSection113Async("Across", endsOn: "2016-03-31");
        var other = await _client.CouncilCcgAndSection113Async("Unrelated");
        var director = await _client.PostAsync(bodies.Council.Id, "Director");
        var coo = await _client.PostAsync(bodies.Ccg.Id, "COO");

        var none = await Refused(Support.People.Line(coo, director));
        var unrelated = await Refused(Support.People.Line(coo, director, basis: other.Section113.Id));
        var tooLong = await Refused(Support.People.Line(coo, director, basis: bodies.Section113.Id));
        await _client.LineAsync(Support.People.Line(coo, director, ends: "2016-03-31", basis: bodies.Section113.Id));

        Assert.Contains("none was given", (string?)none["detail"], StringComparison.Ordinal);
        Assert.Contains("does not name both organisations", (string?)unrelated["detail"], StringComparison.Ordinal);
        Assert.Contains("not active for the whole period", (string?)tooLong["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_holder_of_a_post_is_shown_only_to_readers_of_peoples_data_acting_for_its_organisation()
    {
        var bodies = await _client.CouncilCcgAndSection113Async("Holder");
        var post = await _client.PostAsync(bodies.Council.Id, "Clinical Services Manager", holder: "E7654321");

        var registerReader = await api.CreateClientAs("reader", bodies.Council.GssCode, "register:read").GetAsync($"/api/v1/posts/{post.Id}");
        var peopleReader = await api.CreateClientAs("hr", bodies.Council.GssCode, "register:read", "people:read").GetAsync($"/api/v1/posts/{post.Id}");

        Assert.Null((await registerReader.ReadAsync<PostResponse>(HttpStatusCode.OK)).HolderReference);
        Assert.Equal("E7654321", (await peopleReader.ReadAsync<PostResponse>(HttpStatusCode.OK)).HolderReference);
    }

    private async Task<System.Text.Json.Nodes.JsonObject> Refused(AccountabilityLineRequest line)
    {
        var problem = await (await _client.PostJsonAsync("/api/v1/accountability-lines", line)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("urn:integration-governance:problem:basis-agreement-required", (string?)problem["type"]);
        Assert.NotEmpty(problem.ErrorsFor("$.basisAgreementId"));
        return problem;
    }

    private async Task<List<ChainStepResponse>> ChainAsync(Guid post, string on) =>
        await (await _client.GetAsync($"/api/v1/posts/{post}/chain?on={on}")).ReadAsync<List<ChainStepResponse>>(HttpStatusCode.OK);

    private async Task<StructureResponse> StructureAsync(Guid organisation, string on) =>
        await (await _client.GetAsync($"/api/v1/organisations/{organisation}/structure?on={on}")).ReadAsync<StructureResponse>(HttpStatusCode.OK);
}
