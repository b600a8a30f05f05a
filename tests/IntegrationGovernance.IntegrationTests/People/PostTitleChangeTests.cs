using System.Net;
using IntegrationGovernance.Api.People;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.People;

/// <summary>A post's title or team changes from a date: before it, structures and chains read the old one; from it, the new.</summary>
public sealed class PostTitleChangeTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task A_title_changed_from_a_date_is_seen_in_structures_and_chains_from_that_day_and_the_old_one_before()
    {
        var bodies = await _client.CouncilCcgAndSection113Async("Retitled");
        var director = await _client.PostAsync(bodies.Council.Id, "Director of Adult Social Services");
        var lead = await (await _client.PostJsonAsync("/api/v1/posts", new PostRequest
        {
            OrganisationId = bodies.Council.Id, Title = "Clinical Services Manager", Team = "Dacorum locality", StartsOn = new DateOnly(2013, 4, 1),
        })).ReadAsync<PostResponse>(HttpStatusCode.Created);
        var officer = await _client.PostAsync(bodies.Council.Id, "Locality Officer");
        await _client.LineAsync(Support.People.Line(lead, director));
        var last = await _client.LineAsync(Support.People.Line(officer, lead));
        var beforeChange = await _client.CommittedAsync<AccountabilityLineResponse>($"/api/v1/accountability-lines/{last.Id}");

        var changed = await (await ChangeAsync(lead.Id, new PostChangeRequest { EffectiveOn = new DateOnly(2015, 4, 1), Title = "Locality Lead" }))
            .ReadAsync<PostResponse>(HttpStatusCode.OK);

        Assert.Equal("Locality Lead", changed.Title);
        Assert.Equal([("Clinical Services Manager", (DateOnly?)new DateOnly(2015, 3, 31)), ("Locality Lead", null)], changed.Titles.Select(t => (t.Title, t.EndsOn)));
        var before = await _client.StructureAsync(bodies.Council.Id, "2015-03-31");
        var after = await _client.StructureAsync(bodies.Council.Id, "2015-04-01");
        Assert.Equal(["Clinical Services Manager"], before.AllNodes().Single(n => n.Title == "Director of Adult Social Services").Reports.Select(r => r.Title));
        Assert.Equal(["Locality Lead"], after.AllNodes().Single(n => n.Title == "Director of Adult Social Services").Reports.Select(r => r.Title));
        Assert.Equal("Dacorum locality", after.AllNodes().Single(n => n.PostId == lead.Id).Team);
        Assert.Contains("[\"Locality Lead<br/>Dacorum locality\"]", after.Mermaid, StringComparison.Ordinal);
        Assert.DoesNotContain("Locality Lead", before.Mermaid, StringComparison.Ordinal);
        Assert.Equal("Clinical Services Manager", (await _client.ChainAsync(officer.Id, "2015-03-31"))[0].ToPostTitle);
        Assert.Equal("Locality Lead", (await _client.ChainAsync(officer.Id, "2015-04-01"))[0].ToPostTitle);
        // as the register stood before the change was recorded, the post had its first title on every day
        Assert.Equal("Clinical Services Manager", (await _client.StructureAsync(bodies.Council.Id, "2015-04-01", beforeChange)).AllNodes().Single(n => n.PostId == lead.Id).Title);
        Assert.Equal("Clinical Services Manager", (await _client.ChainAsync(officer.Id, "2015-04-01", beforeChange))[0].ToPostTitle);
    }

    [Fact]
    public async Task A_team_change_keeps_the_title_and_a_later_change_is_kept_when_an_earlier_one_is_recorded_after_it()
    {
        var bodies = await _client.CouncilCcgAndSection113Async("Reteamed");
        var post = await _client.PostAsync(bodies.Council.Id, "Head of Service");
        (await ChangeAsync(post.Id, new PostChangeRequest { EffectiveOn = new DateOnly(2017, 4, 1), Title = "Head of Integrated Services" })).EnsureSuccessStatusCode();

        var changed = await (await ChangeAsync(post.Id, new PostChangeRequest { EffectiveOn = new DateOnly(2015, 4, 1), Team = "North locality" }))
            .ReadAsync<PostResponse>(HttpStatusCode.OK);

        Assert.Equal([("Head of Service", null), ("Head of Service", "North locality"), ("Head of Integrated Services", (string?)null)],
            changed.Titles.Select(t => (t.Title, t.Team)));
        Assert.Equal("Head of Integrated Services", changed.Title);
    }

    [Fact]
    public async Task A_change_needs_if_match_and_one_outside_the_post_or_empty_is_refused_without_a_revision()
    {
        var bodies = await _client.CouncilCcgAndSection113Async("Retitle refused");
        var post = await _client.PostAsync(bodies.Council.Id, "Head of Service");
        var url = $"/api/v1/posts/{post.Id}";
        var etag = await _client.ETagAsync(url);

        var missing = await _client.PostJsonAsync($"{url}/changes", new PostChangeRequest { EffectiveOn = new DateOnly(2015, 4, 1), Title = "Other" });
        var outside = await ChangeAsync(post.Id, new PostChangeRequest { EffectiveOn = new DateOnly(2013, 3, 31), Title = "Other" });
        var empty = await ChangeAsync(post.Id, new PostChangeRequest { EffectiveOn = new DateOnly(2015, 4, 1) });
        var same = await ChangeAsync(post.Id, new PostChangeRequest { EffectiveOn = new DateOnly(2015, 4, 1), Title = "Head of Service" });

        await missing.ReadProblemAsync(HttpStatusCode.PreconditionRequired);
        Assert.Equal("urn:integration-governance:problem:change-outside-post", (string?)(await outside.ReadProblemAsync(HttpStatusCode.UnprocessableEntity))["type"]);
        Assert.NotEmpty((await empty.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("$.title"));
        Assert.Equal("urn:integration-governance:problem:change-changes-nothing", (string?)(await same.ReadProblemAsync(HttpStatusCode.UnprocessableEntity))["type"]);
        Assert.Equal(etag, await _client.ETagAsync(url));
        Assert.Equal(1L, await Sql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM revisions WHERE record_id = '{post.Id}'"));
    }

    [Fact]
    public async Task A_post_recorded_before_titles_were_dated_reads_its_one_title_now_in_the_past_and_once_changed()
    {
        var bodies = await _client.CouncilCcgAndSection113Async("Undated");
        var post = await _client.PostAsync(bodies.Council.Id, "Head of Service");
        var url = $"/api/v1/posts/{post.Id}";
        // as posts were held before titles were dated: no list in the row, nor in the revision that holds it
        await Sql.ExecuteAsync(api.ConnectionString,
            $"BEGIN; SET LOCAL register.actor_subject = 'system:test'; UPDATE posts SET titles = NULL WHERE id = '{post.Id}'; COMMIT; SELECT position_committed_changes();");
        var undated = await _client.CommittedAsync<PostResponse>(url);

        var now = await (await _client.GetAsync(url)).ReadAsync<PostResponse>(HttpStatusCode.OK);
        var then = await (await _client.GetAsync($"{url}?asOf={undated}")).ReadAsync<PostResponse>(HttpStatusCode.OK);
        var structure = await _client.StructureAsync(bodies.Council.Id, "2015-01-01", undated);
        var changed = await (await ChangeAsync(post.Id, new PostChangeRequest { EffectiveOn = new DateOnly(2016, 4, 1), Title = "Head of Services" }))
            .ReadAsync<PostResponse>(HttpStatusCode.OK);

        Assert.Equal([("Head of Service", new DateOnly(2013, 4, 1))], now.Titles.Select(t => (t.Title, t.StartsOn)));
        Assert.Equal(now.Titles, then.Titles);
        Assert.Equal("Head of Service", structure.AllNodes().Single(n => n.PostId == post.Id).Title);
        Assert.Equal(["Head of Service", "Head of Services"], changed.Titles.Select(t => t.Title));
    }

    private async Task<HttpResponseMessage> ChangeAsync(Guid post, PostChangeRequest change) =>
        await _client.SendWithIfMatchAsync(HttpMethod.Post, $"/api/v1/posts/{post}/changes", change, await _client.ETagAsync($"/api/v1/posts/{post}"));
}
