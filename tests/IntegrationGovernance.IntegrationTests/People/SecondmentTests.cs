using System.Net;
using IntegrationGovernance.Api.Agreements;
using IntegrationGovernance.Api.People;
using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.People;

public sealed class SecondmentTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task A_secondment_needs_an_authorising_agreement_naming_both_and_active_throughout()
    {
        var bodies = await _client.CouncilCcgAndSection113Async("Seconded", endsOn: "2016-03-31");
        var other = await _client.CouncilCcgAndSection113Async("Elsewhere");

        var unrelated = await Refused(Support.People.Secondment(bodies, ends: "2015-03-31") with { AgreementId = other.Section113.Id });
        var outlasts = await Refused(Support.People.Secondment(bodies, ends: "2017-03-31"));
        var created = await (await _client.PostJsonAsync("/api/v1/secondments", Support.People.Secondment(bodies, ends: "2016-03-31")))
            .ReadAsync<SecondmentResponse>(HttpStatusCode.Created);

        Assert.Contains("does not name both", (string?)unrelated["detail"], StringComparison.Ordinal);
        Assert.Contains("not active for the whole period", (string?)outlasts["detail"], StringComparison.Ordinal);
        Assert.Equal(Domain.People.KeptBy.Employer, created.TermsAndConditionsKeptBy);
    }

    [Fact]
    public async Task A_secondment_under_a_terminated_agreement_is_refused()
    {
        var bodies = await _client.CouncilCcgAndSection113Async("Terminated");
        var etag = (await _client.GetAsync($"{Support.Agreements.Url}/{bodies.Section113.Id}")).Headers.ETag!.ToString();
        await _client.ActOnAsync(bodies.Section113.Id, "transitions", new TransitionRequest { To = AgreementStatus.Terminated, EffectiveOn = new DateOnly(2014, 4, 1) }, etag);

        var problem = await Refused(Support.People.Secondment(bodies, starts: "2013-06-01", ends: "2015-03-31"));

        Assert.Contains("not active", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compliance_questions_find_active_ending_and_outlasting_secondments()
    {
        var bodies = await _client.CouncilCcgAndSection113Async("Compliance", endsOn: "2027-03-31");
        var ending = await Create(Support.People.Secondment(bodies, ends: "2026-12-31"));
        var open = await Create(Support.People.Secondment(bodies, starts: "2014-01-01", ends: "2027-03-31"));
        var etag = (await _client.GetAsync($"{Support.Agreements.Url}/{bodies.Section113.Id}")).Headers.ETag!.ToString();
        await _client.ActOnAsync(bodies.Section113.Id, "variations", new VariationRequest
        {
            EffectiveOn = new DateOnly(2020, 1, 1), Description = "Term shortened", EndsOn = new DateOnly(2027, 1, 31),
        }, etag);
        var org = $"organisationId={bodies.Council.Id}";

        Assert.Equal([ending.Id, open.Id], await IdsAsync($"?{org}&direction=In&activeOn=2015-01-01"));
        Assert.Empty(await IdsAsync($"?{org}&direction=Out&activeOn=2015-01-01"));
        Assert.Equal([ending.Id], await IdsAsync($"?{org}&activeOn=2013-12-31"));
        Assert.Equal([ending.Id], await IdsAsync($"?{org}&endingWithinDays=60&on=2026-11-23"));
        Assert.Equal([open.Id], await IdsAsync($"?{org}&agreementEndsFirst=true"));
    }

    [Fact]
    public async Task A_secondment_that_ended_before_its_agreement_was_terminated_does_not_outlast_it()
    {
        var bodies = await _client.CouncilCcgAndSection113Async("Outlasting");
        var ended = await Create(Support.People.Secondment(bodies, starts: "2014-01-01", ends: "2019-03-31"));
        var running = await Create(Support.People.Secondment(bodies, starts: "2014-01-01", ends: "2021-03-31"));
        var etag = (await _client.GetAsync($"{Support.Agreements.Url}/{bodies.Section113.Id}")).Headers.ETag!.ToString();
        await _client.ActOnAsync(bodies.Section113.Id, "transitions", new TransitionRequest { To = AgreementStatus.Terminated, EffectiveOn = new DateOnly(2020, 1, 1) }, etag);

        Assert.Equal([running.Id], await IdsAsync($"?organisationId={bodies.Council.Id}&agreementEndsFirst=true"));
        Assert.Contains(ended.Id, await IdsAsync($"?organisationId={bodies.Council.Id}"));
    }

    [Fact]
    public async Task A_secondment_is_invisible_to_organisations_that_neither_employ_nor_host()
    {
        var bodies = await _client.CouncilCcgAndSection113Async("Private");
        var other = await _client.CouncilCcgAndSection113Async("Nosy");
        var secondment = await Create(Support.People.Secondment(bodies));
        var host = api.CreateClientAs("host-hr", bodies.Council.GssCode, "people:read");
        var outsider = api.CreateClientAs("nosy-hr", other.Council.GssCode, "people:read");

        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync($"/api/v1/secondments/{secondment.Id}")).StatusCode);
        await (await outsider.GetAsync($"/api/v1/secondments/{secondment.Id}")).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain(secondment.Id, (await (await outsider.GetAsync("/api/v1/secondments")).ReadItemsAsync<SecondmentResponse>(HttpStatusCode.OK)).Select(s => s.Id));
        Assert.Contains(secondment.Id, (await (await host.GetAsync("/api/v1/secondments")).ReadItemsAsync<SecondmentResponse>(HttpStatusCode.OK)).Select(s => s.Id));

        // nor does the change feed reveal it: only the host (with people:read) sees its change
        var hostFeed = api.CreateClientAs("host-feed", bodies.Council.GssCode, "register:read", "people:read");
        var registerReader = api.CreateClientAs("reader", bodies.Council.GssCode, "register:read");
        Assert.Contains(secondment.Id, await FeedIdsAsync(hostFeed));
        Assert.DoesNotContain(secondment.Id, await FeedIdsAsync(registerReader));
        Assert.DoesNotContain(secondment.Id, await FeedIdsAsync(api.CreateClientAs("nosy-feed", other.Council.GssCode, "register:read", "people:read")));
    }

    private static async Task<List<Guid>> FeedIdsAsync(HttpClient client) =>
        (await (await client.GetAsync("/api/v1/changes?limit=500")).ReadAsync<Api.RecordKeeping.ChangesPage>(HttpStatusCode.OK)).Items.Select(c => c.Id).ToList();

    private async Task<SecondmentResponse> Create(SecondmentRequest request) =>
        await (await _client.PostJsonAsync("/api/v1/secondments", request)).ReadAsync<SecondmentResponse>(HttpStatusCode.Created);

    private async Task<System.Text.Json.Nodes.JsonObject> Refused(SecondmentRequest request)
    {
        var problem = await (await _client.PostJsonAsync("/api/v1/secondments", request)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("urn:integration-governance:problem:authorising-agreement-required", (string?)problem["type"]);
        return problem;
    }

    private async Task<List<Guid>> IdsAsync(string query) =>
        (await (await _client.GetAsync("/api/v1/secondments" + query)).ReadItemsAsync<SecondmentResponse>(HttpStatusCode.OK)).Select(s => s.Id).ToList();
}
