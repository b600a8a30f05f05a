using System.Net;
using IntegrationGovernance.Api.People;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.People;

/// <summary>A secondment ended, shortened or extended: a longer one must still rest on its agreement.</summary>
public sealed class SecondmentEndDateTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task A_secondment_is_shortened_and_extended_but_not_beyond_its_agreement()
    {
        var bodies = await _client.CouncilCcgAndSection113Async("Extended", endsOn: "2016-03-31");
        var secondment = await CreateAsync(Support.People.Secondment(bodies, ends: "2015-03-31"));
        var org = $"organisationId={bodies.Council.Id}";

        var shortened = await (await EndDateAsync(_client, secondment.Id, "2014-03-31")).ReadAsync<SecondmentResponse>(HttpStatusCode.OK);
        var activeAfterShortening = await IdsAsync($"?{org}&activeOn=2014-06-01");
        var extended = await (await EndDateAsync(_client, secondment.Id, "2016-03-31")).ReadAsync<SecondmentResponse>(HttpStatusCode.OK);
        var beyond = await (await EndDateAsync(_client, secondment.Id, "2017-03-31")).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        var open = await (await EndDateAsync(_client, secondment.Id, null)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        var beforeStart = await (await EndDateAsync(_client, secondment.Id, "2013-03-31")).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(new DateOnly(2014, 3, 31), shortened.EndsOn);
        Assert.DoesNotContain(secondment.Id, activeAfterShortening);
        Assert.Equal(new DateOnly(2016, 3, 31), extended.EndsOn);
        Assert.Contains(secondment.Id, await IdsAsync($"?{org}&activeOn=2016-03-31"));
        Assert.Equal("urn:integration-governance:problem:authorising-agreement-required", (string?)beyond["type"]);
        Assert.Contains("not active for the whole period", (string?)beyond["detail"], StringComparison.Ordinal);
        Assert.Equal("urn:integration-governance:problem:authorising-agreement-required", (string?)open["type"]);
        Assert.NotEmpty(beforeStart.ErrorsFor("$.endsOn"));
        Assert.Equal(new DateOnly(2016, 3, 31), (await (await _client.GetAsync($"/api/v1/secondments/{secondment.Id}")).ReadAsync<SecondmentResponse>(HttpStatusCode.OK)).EndsOn);
    }

    [Fact]
    public async Task A_secondment_whose_agreement_was_terminated_can_be_ended_before_the_termination_but_not_extended()
    {
        var bodies = await _client.CouncilCcgAndSection113Async("Terminated basis");
        var secondment = await CreateAsync(Support.People.Secondment(bodies, ends: "2015-03-31"));
        var etag = await _client.ETagAsync($"{Support.Agreements.Url}/{bodies.Section113.Id}");
        await _client.ActOnAsync(bodies.Section113.Id, "transitions", new Api.Agreements.TransitionRequest
        {
            To = Domain.Agreements.AgreementStatus.Terminated, EffectiveOn = new DateOnly(2014, 4, 1),
        }, etag);

        var extended = await (await EndDateAsync(_client, secondment.Id, "2016-03-31")).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        var ended = await (await EndDateAsync(_client, secondment.Id, "2014-03-31")).ReadAsync<SecondmentResponse>(HttpStatusCode.OK);

        Assert.Equal("urn:integration-governance:problem:authorising-agreement-required", (string?)extended["type"]);
        Assert.Equal(new DateOnly(2014, 3, 31), ended.EndsOn);
    }

    [Fact]
    public async Task A_secondment_in_a_host_post_is_not_extended_past_the_posts_end()
    {
        var bodies = await _client.CouncilCcgAndSection113Async("Host post ends", endsOn: "2020-03-31");
        var post = await (await _client.PostJsonAsync("/api/v1/posts", new PostRequest
        {
            OrganisationId = bodies.Council.Id, Title = "Locality Lead", StartsOn = new DateOnly(2013, 4, 1), EndsOn = new DateOnly(2016, 3, 31),
        })).ReadAsync<PostResponse>(HttpStatusCode.Created);
        var secondment = await CreateAsync(Support.People.Secondment(bodies, ends: "2015-03-31") with { HostPostId = post.Id });

        var problem = await (await EndDateAsync(_client, secondment.Id, "2017-03-31")).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        var outlasting = await (await _client.PostJsonAsync("/api/v1/secondments", Support.People.Secondment(bodies, ends: "2017-03-31") with { HostPostId = post.Id }))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("urn:integration-governance:problem:outside-host-post", (string?)problem["type"]);
        Assert.Equal("urn:integration-governance:problem:outside-host-post", (string?)outlasting["type"]);
    }

    [Fact]
    public async Task Changing_the_end_date_needs_the_current_etag_and_the_employer_or_host()
    {
        var bodies = await _client.CouncilCcgAndSection113Async("End date parties");
        var secondment = await CreateAsync(Support.People.Secondment(bodies, ends: "2015-03-31"));
        var url = $"/api/v1/secondments/{secondment.Id}/end-date";
        var other = await _client.CreateOrganisationAsync(Register.Organisation("End Date Outsider Council", OrganisationType.LondonBorough, gss: Support.Agreements.UniqueGss()));
        var outsider = api.CreateClientAs("outsider-hr", other.GssCode, "people:read", "people:write");
        var employer = api.CreateClientAs("ccg-hr", bodies.Ccg.Id.ToString(), "people:read", "people:write");
        var stale = await _client.ETagAsync($"/api/v1/secondments/{secondment.Id}");

        var missing = await _client.SendWithIfMatchAsync(HttpMethod.Put, url, new SecondmentEndDateRequest { EndsOn = new DateOnly(2014, 3, 31) }, null);
        var hidden = await EndDateAsync(outsider, secondment.Id, "2014-03-31", stale);
        var byEmployer = await EndDateAsync(employer, secondment.Id, "2014-09-30", stale);
        var staleAgain = await EndDateAsync(employer, secondment.Id, "2014-03-31", stale);

        await missing.ReadProblemAsync(HttpStatusCode.PreconditionRequired);
        await hidden.ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(new DateOnly(2014, 9, 30), (await byEmployer.ReadAsync<SecondmentResponse>(HttpStatusCode.OK)).EndsOn);
        await staleAgain.ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal(byEmployer.Headers.ETag!.ToString(), await _client.ETagAsync($"/api/v1/secondments/{secondment.Id}"));
    }

    private async Task<HttpResponseMessage> EndDateAsync(HttpClient client, Guid id, string? endsOn, string? etag = null) =>
        await client.SendWithIfMatchAsync(HttpMethod.Put, $"/api/v1/secondments/{id}/end-date",
            new SecondmentEndDateRequest { EndsOn = endsOn is null ? null : DateOnly.Parse(endsOn) }, etag ?? await _client.ETagAsync($"/api/v1/secondments/{id}"));

    private async Task<SecondmentResponse> CreateAsync(SecondmentRequest request) =>
        await (await _client.PostJsonAsync("/api/v1/secondments", request)).ReadAsync<SecondmentResponse>(HttpStatusCode.Created);

    private async Task<List<Guid>> IdsAsync(string query) =>
        (await (await _client.GetAsync("/api/v1/secondments" + query)).ReadItemsAsync<SecondmentResponse>(HttpStatusCode.OK)).Select(s => s.Id).ToList();
}
