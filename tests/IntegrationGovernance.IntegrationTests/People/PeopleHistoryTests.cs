using System.Net;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.People;
using IntegrationGovernance.Api.RecordKeeping;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.People;

/// <summary>
/// Posts, lines and secondments have history and <c>asOf</c> reads, and the people rules apply to the past: a holder is
/// shown in no revision and no past read to a caller who could not see it now.
/// </summary>
public sealed class PeopleHistoryTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private const string Holder = "E7654321";
    private readonly HttpClient _admin = api.CreateClient();

    [Fact]
    public async Task A_posts_history_and_past_reads_show_each_state_and_hide_the_holder_from_a_register_reader()
    {
        var bodies = await _admin.CouncilCcgAndSection113Async("Post history");
        var post = await _admin.PostAsync(bodies.Council.Id, "Head of Commissioning", holder: Holder);
        var url = $"/api/v1/posts/{post.Id}";
        var created = await _admin.CommittedAsync<PostResponse>(url);
        await _admin.SendWithIfMatchAsync(HttpMethod.Post, $"{url}/changes", new PostChangeRequest { EffectiveOn = new DateOnly(2016, 4, 1), Title = "Head of Joint Commissioning" },
            await _admin.ETagAsync(url));
        (await _admin.EndAsync(url, "2020-03-31")).EnsureSuccessStatusCode();
        var registerReader = api.CreateClientAs("reader", bodies.Council.GssCode, "register:read");
        var peopleReader = api.CreateClientAs("hr", bodies.Council.GssCode, "register:read", "people:read");
        var outsider = await _admin.CreateOrganisationAsync(Register.Organisation("History Outsider Council", OrganisationType.LondonBorough, gss: Support.Agreements.UniqueGss()));
        var outsiderHr = api.CreateClientAs("outsider-hr", outsider.GssCode, "register:read", "people:read");

        var asRead = await (await registerReader.GetAsync($"{url}/history")).ReadAsync<Page<RevisionResponse<PostResponse>>>(HttpStatusCode.OK);
        var asPeople = await (await peopleReader.GetAsync($"{url}/history")).ReadAsync<Page<RevisionResponse<PostResponse>>>(HttpStatusCode.OK);
        var rawForOutsider = await (await outsiderHr.GetAsync($"{url}/history")).Content.ReadAsStringAsync();
        var pastForReader = await (await registerReader.GetAsync($"{url}?asOf={created}")).ReadAsync<PostResponse>(HttpStatusCode.OK);
        var pastForPeople = await (await peopleReader.GetAsync($"{url}?asOf={created}")).ReadAsync<PostResponse>(HttpStatusCode.OK);
        var pastResponse = await registerReader.GetAsync($"{url}?asOf={created}");

        Assert.Equal(["created", "retitled", "ended"], asRead.Items.Select(r => r.Kind));
        Assert.All(asRead.Items, r => Assert.Null(r.Record.HolderReference));
        Assert.Equal([Holder, Holder, Holder], asPeople.Items.Select(r => r.Record.HolderReference));
        Assert.DoesNotContain(Holder, rawForOutsider, StringComparison.Ordinal);
        Assert.Equal(["Head of Commissioning", "Head of Joint Commissioning", "Head of Joint Commissioning"], asRead.Items.Select(r => r.Record.Title));
        Assert.Equal(new DateOnly(2020, 3, 31), asRead.Items[^1].Record.EndsOn);
        Assert.Contains("endsOn", asRead.Items[^1].ChangedFields);
        Assert.Null(pastForReader.HolderReference);
        Assert.Equal(Holder, pastForPeople.HolderReference);
        Assert.Null(pastForReader.EndsOn);
        Assert.Equal("Head of Commissioning", pastForReader.Title);
        Assert.Null(pastResponse.Headers.ETag);
    }

    [Fact]
    public async Task A_secondments_history_and_past_reads_are_only_for_its_employer_and_host()
    {
        var bodies = await _admin.CouncilCcgAndSection113Async("Secondment history");
        var request = Support.People.Secondment(bodies, ends: "2015-03-31") with { HolderReference = Holder };
        var secondment = await (await _admin.PostJsonAsync("/api/v1/secondments", request)).ReadAsync<SecondmentResponse>(HttpStatusCode.Created);
        var url = $"/api/v1/secondments/{secondment.Id}";
        var created = await _admin.CommittedAsync<SecondmentResponse>(url);
        (await _admin.SendWithIfMatchAsync(HttpMethod.Put, $"{url}/end-date", new SecondmentEndDateRequest { EndsOn = new DateOnly(2014, 3, 31) },
            await _admin.ETagAsync(url))).EnsureSuccessStatusCode();
        var host = api.CreateClientAs("host-hr", bodies.Council.GssCode, "people:read");
        var registerReader = api.CreateClientAs("reader", bodies.Council.GssCode, "register:read");
        var other = await _admin.CreateOrganisationAsync(Register.Organisation("Secondment History Outsider", OrganisationType.LondonBorough, gss: Support.Agreements.UniqueGss()));
        var outsider = api.CreateClientAs("outsider-hr", other.GssCode, "people:read", "register:read");

        var history = await (await host.GetAsync($"{url}/history")).ReadAsync<Page<RevisionResponse<SecondmentResponse>>>(HttpStatusCode.OK);
        var forReader = await registerReader.GetAsync($"{url}/history");
        var forOutsider = await outsider.GetAsync($"{url}/history");
        var pastForOutsider = await outsider.GetAsync($"{url}?asOf={created}");
        var past = await (await host.GetAsync($"{url}?asOf={created}")).ReadAsync<SecondmentResponse>(HttpStatusCode.OK);
        var listedThen = await (await host.GetAsync($"/api/v1/secondments?organisationId={bodies.Council.Id}&activeOn=2014-12-01&asOf={created}"))
            .ReadItemsAsync<SecondmentResponse>(HttpStatusCode.OK);
        var listedNow = await (await host.GetAsync($"/api/v1/secondments?organisationId={bodies.Council.Id}&activeOn=2014-12-01"))
            .ReadItemsAsync<SecondmentResponse>(HttpStatusCode.OK);

        Assert.Equal(["created", "end-date-changed"], history.Items.Select(r => r.Kind));
        Assert.Equal([new DateOnly(2015, 3, 31), new DateOnly(2014, 3, 31)], history.Items.Select(r => r.Record.EndsOn!.Value));
        Assert.Equal(Holder, history.Items[0].Record.HolderReference);
        Assert.DoesNotContain(Holder, (await forReader.ReadProblemAsync(HttpStatusCode.Forbidden)).ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Holder, (await forOutsider.ReadProblemAsync(HttpStatusCode.NotFound)).ToJsonString(), StringComparison.Ordinal);
        await pastForOutsider.ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(new DateOnly(2015, 3, 31), past.EndsOn);
        Assert.Equal([secondment.Id], listedThen.Select(s => s.Id));
        Assert.DoesNotContain(listedNow, s => s.Id == secondment.Id);
    }

    [Fact]
    public async Task A_lines_history_and_past_reads_of_lines_chains_and_structures_answer_as_the_register_stood()
    {
        var bodies = await _admin.CouncilCcgAndSection113Async("Line history");
        var (manager, report) = (await _admin.PostAsync(bodies.Council.Id, "Director of Care"), await _admin.PostAsync(bodies.Council.Id, "Care Manager"));
        var line = await _admin.LineAsync(Support.People.Line(report, manager));
        var url = $"/api/v1/accountability-lines/{line.Id}";
        var before = await _admin.CommittedAsync<AccountabilityLineResponse>(url);
        (await _admin.EndAsync(url, "2015-03-31")).EnsureSuccessStatusCode();
        var reader = api.CreateClientAs("reader", bodies.Council.GssCode, "register:read");

        var history = await (await reader.GetAsync($"{url}/history")).ReadAsync<Page<RevisionResponse<AccountabilityLineResponse>>>(HttpStatusCode.OK);
        var then = await (await reader.GetAsync($"{url}?asOf={before}")).ReadAsync<AccountabilityLineResponse>(HttpStatusCode.OK);
        var linesThen = await (await reader.GetAsync($"/api/v1/posts/{report.Id}/lines?asOf={before}")).ReadItemsAsync<AccountabilityLineResponse>(HttpStatusCode.OK);
        var reportsThen = await (await reader.GetAsync($"/api/v1/posts/{manager.Id}/reports?on=2016-01-01&asOf={before}")).ReadItemsAsync<AccountabilityLineResponse>(HttpStatusCode.OK);
        var reportsNow = await (await reader.GetAsync($"/api/v1/posts/{manager.Id}/reports?on=2016-01-01")).ReadItemsAsync<AccountabilityLineResponse>(HttpStatusCode.OK);

        Assert.Equal(["created", "ended"], history.Items.Select(r => r.Kind));
        Assert.Equal(["endsOn"], history.Items[1].ChangedFields);
        Assert.Null(then.EndsOn);
        Assert.Null(linesThen.Single().EndsOn);
        Assert.Equal([report.Id], reportsThen.Select(l => l.PostId));
        Assert.Empty(reportsNow);
        Assert.Equal([manager.Id], (await reader.ChainAsync(report.Id, "2016-01-01", before)).Select(s => s.ToPostId!.Value));
        Assert.Empty(await reader.ChainAsync(report.Id, "2016-01-01"));
        Assert.Equal(["Care Manager"], (await reader.StructureAsync(bodies.Council.Id, "2016-01-01", before)).AllNodes().Single(n => n.PostId == manager.Id).Reports.Select(r => r.Title));
        Assert.Empty((await reader.StructureAsync(bodies.Council.Id, "2016-01-01")).AllNodes().Single(n => n.PostId == manager.Id).Reports);
    }

    [Fact]
    public async Task Records_not_yet_made_at_a_moment_are_not_found_as_the_register_stood_then()
    {
        var early = Bindings.Moment(DateTimeOffset.UtcNow.AddDays(-1));
        var bodies = await _admin.CouncilCcgAndSection113Async("Not yet");
        var post = await _admin.PostAsync(bodies.Council.Id, "Director");

        await (await _admin.GetAsync($"/api/v1/posts/{post.Id}?asOf={early}")).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await _admin.GetAsync($"/api/v1/posts/{post.Id}/chain?asOf={early}")).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await _admin.GetAsync($"/api/v1/organisations/{bodies.Council.Id}/structure?asOf={early}")).ReadProblemAsync(HttpStatusCode.NotFound);
    }
}
