using System.Net;
using IntegrationGovernance.Api.Organisations;
using IntegrationGovernance.Api.RecordKeeping;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.RecordKeeping;

public sealed class HistoryTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task History_and_asOf_show_the_organisation_as_it_stood_after_each_change()
    {
        var (created, etag) = await _client.CreateAsync(Register.Organisation("Harrow Primary Care Trust", OrganisationType.PrimaryCareTrust, from: "2002-04-01"));
        var url = $"{Register.Organisations}/{created.Id}";
        var renamed = await _client.SendWithIfMatchAsync(HttpMethod.Put, url,
            Register.Organisation("NHS Harrow", OrganisationType.PrimaryCareTrust, from: "2002-04-01"), etag);
        var coded = await _client.SendWithIfMatchAsync(HttpMethod.Put, url,
            Register.Organisation("NHS Harrow", OrganisationType.PrimaryCareTrust, ods: "5K6", from: "2002-04-01"), renamed.Headers.ETag!.ToString());
        using var close = new HttpRequestMessage(HttpMethod.Post, $"{url}/close")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new CloseOrganisationRequest { LastDay = new DateOnly(2013, 3, 31) }, options: ApiJson.Options),
        };
        close.Headers.TryAddWithoutValidation("If-Match", coded.Headers.ETag!.ToString());
        close.Headers.Add("X-Correlation-Id", "closing-harrow-pct");
        await (await _client.SendAsync(close)).ReadAsync<OrganisationResponse>(HttpStatusCode.OK);

        var history = await HistoryAsync($"{url}/history");

        Assert.Equal([1, 2, 3, 4], history.Items.Select(r => r.Revision));
        Assert.Equal(["created", "updated", "updated", "closed"], history.Items.Select(r => r.Kind));
        Assert.Equal(["CreateOrganisation", "UpdateOrganisation", "UpdateOrganisation", "CloseOrganisation"], history.Items.Select(r => r.Action));
        Assert.Equal(["name"], history.Items[1].ChangedFields);
        Assert.Equal(["odsCode"], history.Items[2].ChangedFields);
        Assert.Equal(["operationalTo"], history.Items[3].ChangedFields);
        Assert.Equal("closing-harrow-pct", history.Items[3].CorrelationId);
        Assert.All(history.Items, r => Assert.Equal(TestTokens.AdminSubject, r.Actor.Subject));
        Assert.Equal(["Harrow Primary Care Trust", "NHS Harrow", "NHS Harrow", "NHS Harrow"], history.Items.Select(r => r.Record.Name));
        Assert.Equal(new DateOnly(2013, 3, 31), history.Items[3].Record.OperationalTo);

        foreach (var revision in history.Items)
        {
            var asOf = await (await _client.GetAsync($"{url}?asOf={Moment(revision.CommittedAt!.Value)}")).ReadAsync<OrganisationResponse>(HttpStatusCode.OK);
            Assert.Equivalent(revision.Record, asOf, strict: true);
        }
        var beforeCreation = await _client.GetAsync($"{url}?asOf={Moment(history.Items[0].CommittedAt!.Value.AddTicks(-10))}");
        await beforeCreation.ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Null((await _client.GetAsync($"{url}?asOf={Moment(history.Items[0].CommittedAt!.Value)}")).Headers.ETag);
        Assert.All(history.Items, r => Assert.True(r.CommittedAt >= r.RecordedAt));
    }

    [Fact]
    public async Task A_list_asOf_a_moment_shows_the_register_as_it_then_stood()
    {
        var first = await _client.CreateOrganisationAsync(Register.Organisation("Stockton-on-Tees Borough Council", OrganisationType.UnitaryAuthority));
        var moment = (await HistoryAsync($"{Register.Organisations}/{first.Id}/history")).Items[0].CommittedAt!.Value;
        var later = await _client.CreateOrganisationAsync(Register.Organisation("Stockton-on-Tees Children's Trust Board", OrganisationType.PartnershipBoard));

        var then = await (await _client.GetAsync($"{Register.Organisations}?nameContains=stockton&asOf={Moment(moment)}")).ReadAsync<Page>(HttpStatusCode.OK);
        var now = await (await _client.GetAsync($"{Register.Organisations}?nameContains=stockton")).ReadAsync<Page>(HttpStatusCode.OK);

        Assert.Equal([first.Id], then.Items.Select(o => o.Id));
        Assert.Equal(new[] { first.Id, later.Id }.Order(), now.Items.Select(o => o.Id).Order());
    }

    [Fact]
    public async Task History_is_paged_like_every_list()
    {
        var (created, etag) = await _client.CreateAsync(Register.Organisation("Paged history council"));
        for (var i = 1; i <= 3; i++)
        {
            var response = await _client.SendWithIfMatchAsync(HttpMethod.Put, $"{Register.Organisations}/{created.Id}", Register.Organisation($"Paged history council {i}"), etag);
            etag = response.Headers.ETag!.ToString();
        }

        var first = await HistoryAsync($"{Register.Organisations}/{created.Id}/history?limit=3");
        var second = await HistoryAsync(new Uri(first.Next!).PathAndQuery);

        Assert.Equal([1, 2, 3], first.Items.Select(r => r.Revision));
        Assert.Equal([4], second.Items.Select(r => r.Revision));
        Assert.Null(second.Next);
    }

    [Fact]
    public async Task History_of_an_unknown_organisation_is_a_404_problem()
    {
        await (await _client.GetAsync($"{Register.Organisations}/{Guid.NewGuid()}/history")).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_asOf_that_is_not_a_date_time_is_a_400_problem()
    {
        var problem = await (await _client.GetAsync($"{Register.Organisations}?asOf=last-tuesday")).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.ErrorsFor("asOf"));
    }

    private static string Moment(DateTimeOffset moment) => Uri.EscapeDataString(moment.ToUniversalTime().ToString("O"));

    private async Task<HistoryPage> HistoryAsync(string url) =>
        await (await _client.GetAsync(url)).ReadAsync<HistoryPage>(HttpStatusCode.OK);

    private sealed record HistoryPage(List<RevisionResponse<OrganisationResponse>> Items, string? Next);

    private sealed record Page(List<OrganisationResponse> Items);
}
