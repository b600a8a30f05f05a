using System.Net;
using IntegrationGovernance.Api.Organisations;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.Organisations;

public sealed class OrganisationLifecycleTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task Created_organisation_is_read_back_with_location_and_etag()
    {
        var response = await _client.PostJsonAsync(Register.Organisations,
            Register.Organisation("Dudley Metropolitan Borough Council", OrganisationType.MetropolitanBorough, gss: "E08000027", from: "1974-04-01"));
        var created = await response.ReadAsync<OrganisationResponse>(HttpStatusCode.Created);

        Assert.Equal($"/api/v1/organisations/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.NotNull(response.Headers.ETag);
        var read = await _client.GetAsync(response.Headers.Location);
        var organisation = await read.ReadAsync<OrganisationResponse>(HttpStatusCode.OK);
        Assert.Equivalent(created, organisation, strict: true);
        Assert.Equal("E08000027", organisation.GssCode);
        Assert.Equal(new DateOnly(1974, 4, 1), organisation.OperationalFrom);
        Assert.Equal(response.Headers.ETag, read.Headers.ETag);
        Assert.Contains("1", read.Headers.GetValues("api-supported-versions").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Codes_are_stored_upper_case_and_found_by_the_code_filter()
    {
        var created = await _client.CreateOrganisationAsync(Register.Organisation("NHS B&NES", OrganisationType.PrimaryCareTrust, ods: " 5fl "));

        Assert.Equal("5FL", created.OdsCode);
        var page = await (await _client.GetAsync($"{Register.Organisations}?code=5fl")).ReadAsync<Page>(HttpStatusCode.OK);
        Assert.Equal([created.Id], page.Items.Select(o => o.Id));
    }

    [Fact]
    public async Task Update_with_the_current_etag_replaces_the_organisation_and_issues_a_new_etag()
    {
        var (created, etag) = await _client.CreateAsync(Register.Organisation("Harrow Council", OrganisationType.LondonBorough));

        var response = await _client.SendWithIfMatchAsync(HttpMethod.Put, $"{Register.Organisations}/{created.Id}",
            Register.Organisation("London Borough of Harrow", OrganisationType.LondonBorough, gss: "E09000015"), etag);

        var updated = await response.ReadAsync<OrganisationResponse>(HttpStatusCode.OK);
        Assert.Equal("London Borough of Harrow", updated.Name);
        Assert.Equal("E09000015", updated.GssCode);
        Assert.Equal(created.CreatedAt, updated.CreatedAt);
        Assert.True(updated.UpdatedAt > created.UpdatedAt);
        Assert.NotEqual(etag, response.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task Update_without_if_match_is_refused_with_428_and_changes_nothing()
    {
        var (created, _) = await _client.CreateAsync(Register.Organisation("Stockton-on-Tees Borough Council"));

        var response = await _client.SendWithIfMatchAsync(HttpMethod.Put, $"{Register.Organisations}/{created.Id}",
            Register.Organisation("Renamed"), ifMatch: null);

        var problem = await response.ReadProblemAsync(HttpStatusCode.PreconditionRequired);
        Assert.Equal("urn:integration-governance:problem:precondition-required", (string?)problem["type"]);
        Assert.Equal(created.Name, (await ReadAsync(created.Id)).Name);
    }

    [Fact]
    public async Task Update_with_a_stale_etag_is_refused_with_412_and_changes_nothing()
    {
        var (created, firstETag) = await _client.CreateAsync(Register.Organisation("Bath and North East Somerset Council"));
        var url = $"{Register.Organisations}/{created.Id}";
        var first = await _client.SendWithIfMatchAsync(HttpMethod.Put, url, Register.Organisation("B&NES Council"), firstETag);
        await first.ReadAsync<OrganisationResponse>(HttpStatusCode.OK);

        var late = await _client.SendWithIfMatchAsync(HttpMethod.Put, url, Register.Organisation("Overwritten"), firstETag);

        await late.ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal("B&NES Council", (await ReadAsync(created.Id)).Name);
    }

    [Fact]
    public async Task Of_two_concurrent_updates_with_the_same_etag_exactly_one_wins_and_the_other_gets_412()
    {
        var (created, etag) = await _client.CreateAsync(Register.Organisation("Contested Council"));
        var url = $"{Register.Organisations}/{created.Id}";

        var responses = await Task.WhenAll(
            _client.SendWithIfMatchAsync(HttpMethod.Put, url, Register.Organisation("Contested Council (first)"), etag),
            _client.SendWithIfMatchAsync(HttpMethod.Put, url, Register.Organisation("Contested Council (second)"), etag));

        var winner = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        await Assert.Single(responses, r => r != winner).ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal((await winner.ReadAsync<OrganisationResponse>(HttpStatusCode.OK)).Name, (await ReadAsync(created.Id)).Name);
    }

    [Fact]
    public async Task Closing_records_the_last_day_and_a_second_close_is_a_conflict()
    {
        var (created, etag) = await _client.CreateAsync(Register.Organisation("Harrow PCT", OrganisationType.PrimaryCareTrust, from: "2002-04-01"));
        var url = $"{Register.Organisations}/{created.Id}/close";

        var closed = await _client.SendWithIfMatchAsync(HttpMethod.Post, url, new CloseOrganisationRequest { LastDay = new DateOnly(2013, 3, 31) }, etag);
        var organisation = await closed.ReadAsync<OrganisationResponse>(HttpStatusCode.OK);
        Assert.Equal(new DateOnly(2013, 3, 31), organisation.OperationalTo);

        var again = await _client.SendWithIfMatchAsync(HttpMethod.Post, url, new CloseOrganisationRequest { LastDay = new DateOnly(2014, 1, 1) },
            closed.Headers.ETag!.ToString());
        var problem = await again.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("urn:integration-governance:problem:organisation-already-closed", (string?)problem["type"]);
        Assert.Equal(new DateOnly(2013, 3, 31), (await ReadAsync(created.Id)).OperationalTo);
    }

    [Fact]
    public async Task Closing_before_the_organisation_began_is_refused()
    {
        var (created, etag) = await _client.CreateAsync(Register.Organisation("Sirona Care and Health", OrganisationType.CommunityInterestCompany, from: "2011-10-01"));

        var response = await _client.SendWithIfMatchAsync(HttpMethod.Post, $"{Register.Organisations}/{created.Id}/close",
            new CloseOrganisationRequest { LastDay = new DateOnly(2011, 9, 30) }, etag);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.ErrorsFor("$.lastDay"));
        Assert.Null((await ReadAsync(created.Id)).OperationalTo);
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("PUT", "")]
    [InlineData("POST", "/close")]
    [InlineData("GET", "/successors")]
    [InlineData("GET", "/predecessors")]
    public async Task An_unknown_organisation_is_a_404_problem(string method, string suffix)
    {
        var url = $"{Register.Organisations}/{Guid.NewGuid()}{suffix}";
        object body = suffix == "/close" ? new CloseOrganisationRequest { LastDay = new DateOnly(2020, 1, 1) } : Register.Organisation("Nobody");

        var response = method == "GET"
            ? await _client.GetAsync(url)
            : await _client.SendWithIfMatchAsync(new HttpMethod(method), url, body, "\"1\"");

        var problem = await response.ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("urn:integration-governance:problem:not-found", (string?)problem["type"]);
    }

    private async Task<OrganisationResponse> ReadAsync(Guid id) =>
        await (await _client.GetAsync($"{Register.Organisations}/{id}")).ReadAsync<OrganisationResponse>(HttpStatusCode.OK);

    private sealed record Page(List<OrganisationResponse> Items, string? NextCursor, string? Next);
}
