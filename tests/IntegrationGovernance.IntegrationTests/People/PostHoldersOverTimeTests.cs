using System.Net;
using IntegrationGovernance.Api.People;
using IntegrationGovernance.Domain.People;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.People;

/// <summary>Who held a post on a date: dated holdings, substantive, acting and interim, and the rules that keep them straight.</summary>
public sealed class PostHoldersOverTimeTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _admin = api.CreateClient();

    [Fact]
    public async Task The_holder_on_a_date_is_the_one_then_in_force_on_both_sides_of_a_change()
    {
        var bodies = await _admin.CouncilCcgAndSection113Async("Holder change");
        var post = await _admin.PostAsync(bodies.Council.Id, "Director of Adult Social Services", from: "2010-04-01");
        var manager = await _admin.PostAsync(bodies.Council.Id, "Chief Executive", from: "2010-04-01");
        await _admin.LineAsync(Support.People.Line(post, manager, starts: "2010-04-01"));
        await _admin.HeldAsync(post.Id, Holdings.Holding("E1000001", HoldingKind.Substantive, "2010-04-01", "2013-03-31"));
        await _admin.HeldAsync(post.Id, Holdings.Holding("E1000002", HoldingKind.Substantive, "2013-04-01"));
        var hr = api.CreateClientAs("hr", bodies.Council.GssCode, "register:read", "people:read");

        var lastDay = await hr.HoldersAsync(post.Id, on: "2013-03-31");
        var firstDay = await hr.HoldersAsync(post.Id, on: "2013-04-01");
        var all = await hr.HoldersAsync(post.Id);
        var now = await (await hr.GetAsync($"/api/v1/posts/{post.Id}")).ReadAsync<PostResponse>(HttpStatusCode.OK);
        var before = (await hr.StructureAsync(bodies.Council.Id, "2013-03-31")).AllNodes().Single(n => n.PostId == post.Id);
        var after = (await hr.StructureAsync(bodies.Council.Id, "2013-04-01")).AllNodes().Single(n => n.PostId == post.Id);

        Assert.Equal(["E1000001"], lastDay.Select(h => h.HolderReference));
        Assert.Equal(["E1000002"], firstDay.Select(h => h.HolderReference));
        Assert.Equal(["E1000001", "E1000002"], all.Select(h => h.HolderReference));
        Assert.Equal(("E1000002", (HoldingKind?)HoldingKind.Substantive), (now.HolderReference, now.HolderKind));
        Assert.Equal(("E1000001", (HoldingKind?)HoldingKind.Substantive), (before.HolderReference, before.HolderKind));
        Assert.Equal("E1000002", after.HolderReference);
    }

    [Fact]
    public async Task An_acting_holder_covers_the_post_and_returns_to_their_substantive_post_the_day_after()
    {
        var bodies = await _admin.CouncilCcgAndSection113Async("Acting");
        var lead = await _admin.PostAsync(bodies.Council.Id, "Service Lead", from: "2006-10-01");
        var visitor = await _admin.PostAsync(bodies.Council.Id, "Health Visitor", from: "2006-10-01");
        await _admin.HeldAsync(lead.Id, Holdings.Holding("E2000001", HoldingKind.Substantive, "2006-10-01"));
        await _admin.HeldAsync(visitor.Id, Holdings.Holding("E2000002", HoldingKind.Substantive, "2006-10-01"));
        // the lead is away; the health visitor acts up, and returns to their own post when the acting ends
        var acting = await _admin.HeldAsync(lead.Id, Holdings.Holding("E2000002", HoldingKind.Acting, "2007-01-01", "2007-09-30", visitor.Id));
        var hr = api.CreateClientAs("hr", bodies.Council.GssCode, "register:read", "people:read");

        var during = await hr.HoldersAsync(lead.Id, on: "2007-06-01");
        var leadDuring = (await hr.StructureAsync(bodies.Council.Id, "2007-06-01")).AllNodes().Single(n => n.PostId == lead.Id);
        var leadAfter = (await hr.StructureAsync(bodies.Council.Id, "2007-10-01")).AllNodes().Single(n => n.PostId == lead.Id);
        var visitorAfter = await hr.HoldersAsync(visitor.Id, on: "2007-10-01");
        var elsewhere = await _admin.HoldAsync(lead.Id, Holdings.Holding("E2000003", HoldingKind.Acting, "2008-01-01", "2008-03-31", visitor.Id));

        Assert.Equal([("E2000001", HoldingKind.Substantive), ("E2000002", HoldingKind.Acting)], during.Select(h => (h.HolderReference!, h.Kind)));
        Assert.Equal((visitor.Id, new DateOnly(2007, 9, 30)), (during[1].ReturnsToPostId!.Value, during[1].EndsOn!.Value));
        Assert.Equal(acting.Id, during[1].Id);
        Assert.Equal(("E2000002", (HoldingKind?)HoldingKind.Acting), (leadDuring.HolderReference, leadDuring.HolderKind));
        Assert.Equal(("E2000001", (HoldingKind?)HoldingKind.Substantive), (leadAfter.HolderReference, leadAfter.HolderKind));
        Assert.Equal(["E2000002"], visitorAfter.Select(h => h.HolderReference));
        // returning to a post another holds substantively is refused
        var problem = await elsewhere.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("urn:integration-governance:problem:returns-to-post-held", (string?)problem["type"]);
        Assert.NotEmpty(problem.ErrorsFor("$.returnsToPostId"));
    }

    [Fact]
    public async Task Overlapping_holdings_are_refused_naming_the_field_and_a_refusal_records_nothing()
    {
        var bodies = await _admin.CouncilCcgAndSection113Async("Overlap");
        var post = await _admin.PostAsync(bodies.Council.Id, "Head of Commissioning", from: "2010-04-01");
        var other = await _admin.PostAsync(bodies.Council.Id, "Commissioning Officer", from: "2010-04-01");
        var first = await _admin.HeldAsync(post.Id, Holdings.Holding("E3000001", HoldingKind.Substantive, "2010-04-01", "2014-03-31"));
        await _admin.HeldAsync(post.Id, Holdings.Holding("E3000002", HoldingKind.Interim, "2012-01-01", "2012-06-30"));

        var second = await _admin.HoldAsync(post.Id, Holdings.Holding("E3000003", HoldingKind.Substantive, "2014-01-01"));
        var secondCover = await _admin.HoldAsync(post.Id, Holdings.Holding("E3000003", HoldingKind.Acting, "2012-06-01", "2012-12-31"));
        var twice = await _admin.HoldAsync(post.Id, Holdings.Holding("E3000001", HoldingKind.Acting, "2013-01-01", "2013-03-31"));
        var outside = await _admin.HoldAsync(post.Id, Holdings.Holding("E3000004", HoldingKind.Substantive, "2009-01-01", "2009-12-31"));
        var substantiveReturning = await _admin.HoldAsync(post.Id, Holdings.Holding("E3000005", HoldingKind.Substantive, "2015-01-01", returnsTo: other.Id));
        var badKind = await _admin.PostRawJsonAsync($"/api/v1/posts/{post.Id}/holders",
            """{"holderReference":"E3000006","kind":"Permanent","startsOn":"2015-01-01"}""");
        var unknownPost = await _admin.HoldAsync(Guid.NewGuid(), Holdings.Holding("E3000007", HoldingKind.Substantive, "2015-01-01"));

        var overlap = await second.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("urn:integration-governance:problem:holding-overlap", (string?)overlap["type"]);
        Assert.Contains(first.Id.ToString(), Assert.Single(overlap.ErrorsFor("$.startsOn")), StringComparison.Ordinal);
        Assert.Equal("urn:integration-governance:problem:holding-overlap", (string?)(await secondCover.ReadProblemAsync(HttpStatusCode.UnprocessableEntity))["type"]);
        var same = await twice.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("urn:integration-governance:problem:holder-already-holds-post", (string?)same["type"]);
        Assert.NotEmpty(same.ErrorsFor("$.holderReference"));
        Assert.NotEmpty((await outside.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("$.startsOn"));
        Assert.NotEmpty((await substantiveReturning.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("$.returnsToPostId"));
        Assert.NotEmpty((await badKind.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("$.kind"));
        await unknownPost.ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(2L, await Sql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM post_holdings WHERE post_id = '{post.Id}'"));
    }

    [Fact]
    public async Task Two_substantive_holders_recorded_at_once_for_overlapping_days_are_one_accepted_and_one_refused()
    {
        var bodies = await _admin.CouncilCcgAndSection113Async("Holder race");
        var post = await _admin.PostAsync(bodies.Council.Id, "Director of Public Health", from: "2013-04-01");

        var responses = await Task.WhenAll(Enumerable.Range(1, 6).Select(i =>
            _admin.HoldAsync(post.Id, Holdings.Holding($"E40000{i:D2}", HoldingKind.Substantive, $"2013-0{4 + (i % 3)}-01"))));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.UnprocessableEntity));
        Assert.Equal(1L, await Sql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM post_holdings WHERE post_id = '{post.Id}'"));
    }

    [Fact]
    public async Task A_holding_ends_and_changes_with_If_Match_keeping_every_rule_when_it_grows()
    {
        var bodies = await _admin.CouncilCcgAndSection113Async("Holding end");
        var post = await _admin.PostAsync(bodies.Council.Id, "Head of Housing", from: "2010-04-01");
        var first = await _admin.HeldAsync(post.Id, Holdings.Holding("E5000001", HoldingKind.Substantive, "2010-04-01", "2012-03-31"));
        await _admin.HeldAsync(post.Id, Holdings.Holding("E5000002", HoldingKind.Substantive, "2012-04-01"));
        var url = $"/api/v1/post-holdings/{first.Id}";
        var etag = await _admin.ETagAsync(url);

        var withoutIfMatch = await _admin.PutAsync($"{url}/end-date", System.Net.Http.Json.JsonContent.Create(new HoldingEndDateRequest { EndsOn = new DateOnly(2011, 3, 31) }, options: ApiJson.Options));
        var shortened = await _admin.SendWithIfMatchAsync(HttpMethod.Put, $"{url}/end-date", new HoldingEndDateRequest { EndsOn = new DateOnly(2011, 3, 31) }, etag);
        var stale = await _admin.SendWithIfMatchAsync(HttpMethod.Put, $"{url}/end-date", new HoldingEndDateRequest { EndsOn = new DateOnly(2011, 6, 30) }, etag);
        var overlapping = await _admin.SendWithIfMatchAsync(HttpMethod.Put, $"{url}/end-date", new HoldingEndDateRequest { EndsOn = null }, await _admin.ETagAsync(url));
        var history = await (await _admin.GetAsync($"{url}/history")).ReadAsync<Api.Http.Page<Api.RecordKeeping.RevisionResponse<PostHoldingResponse>>>(HttpStatusCode.OK);

        await withoutIfMatch.ReadProblemAsync((HttpStatusCode)428);
        Assert.Equal(new DateOnly(2011, 3, 31), (await shortened.ReadAsync<PostHoldingResponse>(HttpStatusCode.OK)).EndsOn);
        await stale.ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal("urn:integration-governance:problem:holding-overlap", (string?)(await overlapping.ReadProblemAsync(HttpStatusCode.UnprocessableEntity))["type"]);
        Assert.Equal(["created", "end-date-changed"], history.Items.Select(r => r.Kind));
        Assert.Equal([new DateOnly(2012, 3, 31), new DateOnly(2011, 3, 31)], history.Items.Select(r => r.Record.EndsOn!.Value));
    }

    [Fact]
    public async Task Ending_a_post_ends_its_holdings_on_that_day_and_a_holding_after_it_keeps_the_post_running()
    {
        var bodies = await _admin.CouncilCcgAndSection113Async("Post end holdings");
        var post = await _admin.PostAsync(bodies.Council.Id, "Head of Leisure", from: "2010-04-01", holder: "E6000001");
        var later = await _admin.PostAsync(bodies.Council.Id, "Head of Culture", from: "2010-04-01");
        await _admin.HeldAsync(later.Id, Holdings.Holding("E6000002", HoldingKind.Interim, "2016-01-01"));
        var url = $"/api/v1/posts/{post.Id}";

        var ended = await _admin.EndAsync(url, "2015-03-31");
        var refused = await _admin.EndAsync($"/api/v1/posts/{later.Id}", "2015-03-31");
        var holdings = await _admin.HoldersAsync(post.Id);
        var read = await (await _admin.GetAsync(url)).ReadAsync<PostResponse>(HttpStatusCode.OK);
        var history = await (await _admin.GetAsync($"/api/v1/post-holdings/{holdings[0].Id}/history"))
            .ReadAsync<Api.Http.Page<Api.RecordKeeping.RevisionResponse<PostHoldingResponse>>>(HttpStatusCode.OK);

        ended.EnsureSuccessStatusCode();
        Assert.Equal((HoldingKind.Substantive, new DateOnly(2010, 4, 1), new DateOnly(2015, 3, 31)), (holdings.Single().Kind, holdings[0].StartsOn, holdings[0].EndsOn!.Value));
        Assert.Equal(["created", "ended"], history.Items.Select(r => r.Kind));
        // an ended post answers with its holder on its last day
        Assert.Equal("E6000001", read.HolderReference);
        var problem = await refused.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("urn:integration-governance:problem:post-still-in-use", (string?)problem["type"]);
        Assert.Contains("holding", (string?)problem["detail"], StringComparison.Ordinal);
    }
}
