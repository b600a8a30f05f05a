using System.Net;
using IntegrationGovernance.Api.People;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.People;

/// <summary>Lines and posts end on a date: the structure and chains before that day keep them, from the next day they are gone.</summary>
public sealed class EndingLinesAndPostsTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task After_ending_the_old_line_the_day_before_a_new_line_manager_from_the_next_day_is_accepted()
    {
        var bodies = await _client.CouncilCcgAndSection113Async("New manager");
        var (oldManager, newManager, report) = (await _client.PostAsync(bodies.Council.Id, "Head of Adult Care"),
            await _client.PostAsync(bodies.Council.Id, "Director of Integrated Care"), await _client.PostAsync(bodies.Council.Id, "Service Manager"));
        var old = await _client.LineAsync(Support.People.Line(report, oldManager));
        var newLine = Support.People.Line(report, newManager, starts: "2015-04-01");

        var refused = await (await _client.PostJsonAsync("/api/v1/accountability-lines", newLine)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        var ended = await (await _client.EndAsync($"/api/v1/accountability-lines/{old.Id}", "2015-03-31")).ReadAsync<AccountabilityLineResponse>(HttpStatusCode.OK);
        var accepted = await _client.LineAsync(newLine);

        Assert.Equal("urn:integration-governance:problem:second-line-manager", (string?)refused["type"]);
        Assert.Contains(old.Id.ToString(), (string?)refused["detail"], StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2015, 3, 31), ended.EndsOn);
        Assert.Equal(new DateOnly(2015, 4, 1), accepted.StartsOn);
        Assert.Equal([oldManager.Id], (await _client.ChainAsync(report.Id, "2015-03-31")).Select(s => s.ToPostId!.Value));
        Assert.Equal([newManager.Id], (await _client.ChainAsync(report.Id, "2015-04-01")).Select(s => s.ToPostId!.Value));
        Assert.Equal(["Service Manager"], ReportsOf(await _client.StructureAsync(bodies.Council.Id, "2015-03-31"), "Head of Adult Care"));
        Assert.Empty(ReportsOf(await _client.StructureAsync(bodies.Council.Id, "2015-04-01"), "Head of Adult Care"));
        Assert.Equal(["Service Manager"], ReportsOf(await _client.StructureAsync(bodies.Council.Id, "2015-04-01"), "Director of Integrated Care"));
    }

    [Fact]
    public async Task A_post_with_a_line_running_past_the_end_is_not_ended_until_the_line_is_and_then_leaves_the_structure_the_next_day()
    {
        var bodies = await _client.CouncilCcgAndSection113Async("Post ends");
        var director = await _client.PostAsync(bodies.Council.Id, "Director of People");
        var head = await _client.PostAsync(bodies.Council.Id, "Head of Commissioning");
        var line = await _client.LineAsync(Support.People.Line(head, director));
        var url = $"/api/v1/posts/{head.Id}";

        var inUse = await (await _client.EndAsync(url, "2016-03-31")).ReadProblemAsync(HttpStatusCode.Conflict);
        (await _client.EndAsync($"/api/v1/accountability-lines/{line.Id}", "2016-03-31")).EnsureSuccessStatusCode();
        var ending = await _client.EndAsync(url, "2016-03-31");
        var ended = await ending.ReadAsync<PostResponse>(HttpStatusCode.OK);

        Assert.Equal("urn:integration-governance:problem:post-still-in-use", (string?)inUse["type"]);
        Assert.Contains(line.Id.ToString(), (string?)inUse["detail"], StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2016, 3, 31), ended.EndsOn);
        Assert.Equal(ending.Headers.ETag!.ToString(), await _client.ETagAsync(url));
        Assert.Equal(["Head of Commissioning"], ReportsOf(await _client.StructureAsync(bodies.Council.Id, "2016-03-31"), "Director of People"));
        Assert.DoesNotContain("Head of Commissioning", (await _client.StructureAsync(bodies.Council.Id, "2016-04-01")).AllNodes().Select(n => n.Title));
        Assert.Equal([director.Id], (await _client.ChainAsync(head.Id, "2016-03-31")).Select(s => s.ToPostId!.Value));
        Assert.Empty(await _client.ChainAsync(head.Id, "2016-04-01"));
    }

    [Fact]
    public async Task A_post_whose_secondment_runs_past_the_end_names_it_and_a_line_to_it_counts_too()
    {
        var bodies = await _client.CouncilCcgAndSection113Async("Post placements");
        var host = await _client.PostAsync(bodies.Council.Id, "Locality Lead");
        var report = await _client.PostAsync(bodies.Council.Id, "Locality Officer");
        var toIt = await _client.LineAsync(Support.People.Line(report, host));
        var secondment = await (await _client.PostJsonAsync("/api/v1/secondments", Support.People.Secondment(bodies, ends: "2018-03-31") with { HostPostId = host.Id }))
            .ReadAsync<SecondmentResponse>(HttpStatusCode.Created);

        var problem = await (await _client.EndAsync($"/api/v1/posts/{host.Id}", "2017-03-31")).ReadProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains(toIt.Id.ToString(), (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Contains(secondment.Id.ToString(), (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Null((await (await _client.GetAsync($"/api/v1/posts/{host.Id}")).ReadAsync<PostResponse>(HttpStatusCode.OK)).EndsOn);
    }

    [Fact]
    public async Task Ending_before_the_start_or_again_later_without_saying_so_is_refused_and_extend_brings_it_back()
    {
        var bodies = await _client.CouncilCcgAndSection113Async("Post revived");
        var post = await _client.PostAsync(bodies.Council.Id, "Project Lead");
        var url = $"/api/v1/posts/{post.Id}";
        (await _client.EndAsync(url, "2015-03-31")).EnsureSuccessStatusCode();

        var beforeStart = await (await _client.EndAsync(url, "2013-03-31")).ReadProblemAsync(HttpStatusCode.BadRequest);
        var revived = await (await _client.EndAsync(url, "2016-03-31")).ReadProblemAsync(HttpStatusCode.Conflict);
        var extended = await (await _client.EndAsync(url, "2016-03-31", extend: true)).ReadAsync<PostResponse>(HttpStatusCode.OK);

        Assert.NotEmpty(beforeStart.ErrorsFor("$.endsOn"));
        Assert.Equal("urn:integration-governance:problem:post-already-ended", (string?)revived["type"]);
        Assert.Contains("2015-03-31", (string?)revived["detail"], StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2016, 3, 31), extended.EndsOn);
    }

    [Fact]
    public async Task A_line_ended_earlier_is_extended_only_when_said_and_then_keeps_the_rules_of_a_new_line()
    {
        var bodies = await _client.CouncilCcgAndSection113Async("Line extended");
        var (first, second, report) = (await _client.PostAsync(bodies.Council.Id, "First Manager"), await _client.PostAsync(bodies.Council.Id, "Second Manager"),
            await _client.PostAsync(bodies.Council.Id, "Officer"));
        var line = await _client.LineAsync(Support.People.Line(report, first, ends: "2015-03-31"));
        await _client.LineAsync(Support.People.Line(report, second, starts: "2016-04-01"));
        var url = $"/api/v1/accountability-lines/{line.Id}";

        var revived = await (await _client.EndAsync(url, "2016-03-31")).ReadProblemAsync(HttpStatusCode.Conflict);
        var overlaps = await (await _client.EndAsync(url, "2016-06-30", extend: true)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        var extended = await (await _client.EndAsync(url, "2016-03-31", extend: true)).ReadAsync<AccountabilityLineResponse>(HttpStatusCode.OK);
        var beforeStart = await (await _client.EndAsync(url, "2013-03-31")).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("urn:integration-governance:problem:line-already-ended", (string?)revived["type"]);
        Assert.Equal("urn:integration-governance:problem:second-line-manager", (string?)overlaps["type"]);
        Assert.Equal(new DateOnly(2016, 3, 31), extended.EndsOn);
        Assert.NotEmpty(beforeStart.ErrorsFor("$.endsOn"));
    }

    [Fact]
    public async Task Ending_needs_the_current_etag_and_refuses_a_missing_or_stale_one_without_a_change()
    {
        var bodies = await _client.CouncilCcgAndSection113Async("End etags");
        var (manager, report) = (await _client.PostAsync(bodies.Council.Id, "Manager"), await _client.PostAsync(bodies.Council.Id, "Report"));
        var line = await _client.LineAsync(Support.People.Line(report, manager));

        // the line first: the post cannot end while it runs
        foreach (var record in new[] { $"/api/v1/accountability-lines/{line.Id}", $"/api/v1/posts/{manager.Id}" })
        {
            var stale = await _client.ETagAsync(record);
            (await _client.EndAsync(record, "2020-03-31", ifMatch: stale)).EnsureSuccessStatusCode();
            using var missing = new HttpRequestMessage(HttpMethod.Post, $"{record}/end")
            {
                Content = System.Net.Http.Json.JsonContent.Create(new EndRequest { EndsOn = new DateOnly(2019, 3, 31) }, options: ApiJson.Options),
            };

            await (await _client.SendAsync(missing)).ReadProblemAsync(HttpStatusCode.PreconditionRequired);
            await (await _client.EndAsync(record, "2019-03-31", ifMatch: stale)).ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        }
        Assert.Equal(new DateOnly(2020, 3, 31), (await (await _client.GetAsync($"/api/v1/posts/{manager.Id}")).ReadAsync<PostResponse>(HttpStatusCode.OK)).EndsOn);
        Assert.Equal(new DateOnly(2020, 3, 31), (await (await _client.GetAsync($"/api/v1/accountability-lines/{line.Id}")).ReadAsync<AccountabilityLineResponse>(HttpStatusCode.OK)).EndsOn);
        Assert.Equal(2L, await Sql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM revisions WHERE record_id = '{line.Id}'"));
    }

    [Fact]
    public async Task Only_the_accountable_posts_organisation_ends_its_line_or_its_post()
    {
        var bodies = await _client.CouncilCcgAndSection113Async("End parties");
        var councilPost = await _client.PostAsync(bodies.Council.Id, "Strategic Director");
        var ccgPost = await _client.PostAsync(bodies.Ccg.Id, "Chief Operating Officer");
        var line = await _client.LineAsync(Support.People.Line(ccgPost, councilPost, basis: bodies.Section113.Id));
        var outsider = await _client.CreateOrganisationAsync(Register.Organisation("End Outsider Council", OrganisationType.LondonBorough, gss: Support.Agreements.UniqueGss()));
        var council = api.CreateClientAs("council-hr", bodies.Council.GssCode, "register:read", "register:write");
        var ccg = api.CreateClientAs("ccg-hr", bodies.Ccg.Id.ToString(), "register:read", "register:write");
        var stranger = api.CreateClientAs("stranger", outsider.GssCode, "register:read", "register:write");
        var lineUrl = $"/api/v1/accountability-lines/{line.Id}";

        var byTarget = await (await council.EndAsync(lineUrl, "2016-03-31")).ReadProblemAsync(HttpStatusCode.Forbidden);
        var byStranger = await (await stranger.EndAsync($"/api/v1/posts/{councilPost.Id}", "2016-03-31")).ReadProblemAsync(HttpStatusCode.Forbidden);
        var byAccountable = await (await ccg.EndAsync(lineUrl, "2016-03-31")).ReadAsync<AccountabilityLineResponse>(HttpStatusCode.OK);

        Assert.Equal("urn:integration-governance:problem:not-a-party", (string?)byTarget["type"]);
        Assert.Equal("urn:integration-governance:problem:not-a-party", (string?)byStranger["type"]);
        Assert.Equal(new DateOnly(2016, 3, 31), byAccountable.EndsOn);
    }

    private static List<string> ReportsOf(StructureResponse structure, string title) =>
        structure.AllNodes().Single(n => n.Title == title).Reports.Select(r => r.Title).ToList();
}
