using System.Net;
using IntegrationGovernance.Api.People;
using IntegrationGovernance.Domain.People;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.People;

/// <summary>However lines are recorded, the walks over them visit each post once and stay bounded.</summary>
public sealed class AccountabilityBoundsTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task The_same_line_twice_over_an_overlapping_period_is_refused_and_recorded_once()
    {
        var bodies = await _client.CouncilCcgAndSection113Async("Duplicate line");
        var from = await _client.PostAsync(bodies.Council.Id, "Commissioning Manager");
        var to = await _client.PostAsync(bodies.Council.Id, "Director of Adult Services");
        await _client.LineAsync(Support.People.Line(from, to, kind: AccountabilityKind.DottedLine));

        var again = await _client.PostJsonAsync("/api/v1/accountability-lines", Support.People.Line(from, to, starts: "2014-01-01", kind: AccountabilityKind.DottedLine));

        var problem = await again.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("urn:integration-governance:problem:duplicate-line", (string?)problem["type"]);
        Assert.Equal(1L, await Sql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM accountability_lines WHERE post_id = '{from.Id}'"));
    }

    [Fact]
    public async Task A_chain_through_diamonds_of_lines_lists_each_line_once_at_the_depth_first_reached()
    {
        // ten diamonds: each top post has four dotted lines to four posts, each of which has one to the next top post,
        // so there are 4^10 paths to the last post but only 50 lines
        var bodies = await _client.CouncilCcgAndSection113Async("Diamonds");
        var top = await _client.PostAsync(bodies.Council.Id, "Diamond 0");
        var start = top;
        var lines = new List<Guid>();
        for (var level = 1; level <= 10; level++)
        {
            var next = await _client.PostAsync(bodies.Council.Id, $"Diamond {level}");
            for (var side = 0; side < 4; side++)
            {
                var middle = await _client.PostAsync(bodies.Council.Id, $"Diamond {level}.{side}");
                lines.Add((await _client.LineAsync(Support.People.Line(top, middle, kind: AccountabilityKind.DottedLine))).Id);
                lines.Add((await _client.LineAsync(Support.People.Line(middle, next, kind: AccountabilityKind.DottedLine))).Id);
            }
            top = next;
        }

        var chain = await (await _client.GetAsync($"/api/v1/posts/{start.Id}/chain?on=2015-01-01&kind=DottedLine")).ReadAsync<List<ChainStepResponse>>(HttpStatusCode.OK);

        Assert.Equal(lines.Order(), chain.Select(s => s.LineId).Order());
        Assert.Equal(20, chain.Max(s => s.Depth));
    }

    [Fact]
    public async Task Dotted_lines_that_run_in_a_circle_are_each_listed_once()
    {
        var bodies = await _client.CouncilCcgAndSection113Async("Dotted circle");
        var a = await _client.PostAsync(bodies.Council.Id, "Locality Lead North");
        var b = await _client.PostAsync(bodies.Council.Id, "Locality Lead South");
        var there = await _client.LineAsync(Support.People.Line(a, b, kind: AccountabilityKind.DottedLine));
        var back = await _client.LineAsync(Support.People.Line(b, a, kind: AccountabilityKind.DottedLine));

        var chain = await (await _client.GetAsync($"/api/v1/posts/{a.Id}/chain?on=2015-01-01&kind=DottedLine")).ReadAsync<List<ChainStepResponse>>(HttpStatusCode.OK);

        Assert.Equal([(1, there.Id), (2, back.Id)], chain.Select(s => (s.Depth, s.LineId)));
    }

    [Fact]
    public async Task A_structure_deeper_than_a_client_can_nest_is_answered_with_every_post_once()
    {
        var bodies = await _client.CouncilCcgAndSection113Async("Deep structure");
        var posts = new List<PostResponse> { await _client.PostAsync(bodies.Council.Id, "Level 00") };
        for (var level = 1; level < 40; level++)
        {
            posts.Add(await _client.PostAsync(bodies.Council.Id, $"Level {level:00}"));
            await _client.LineAsync(Support.People.Line(posts[^1], posts[^2]));
        }

        var structure = await (await _client.GetAsync($"/api/v1/organisations/{bodies.Council.Id}/structure?on=2015-01-01"))
            .ReadAsync<StructureResponse>(HttpStatusCode.OK);

        static IEnumerable<Guid> Placed(StructureNode node) => node.Reports.SelectMany(Placed).Prepend(node.PostId);
        Assert.Equal(posts.Select(p => p.Id).Order(), structure.Roots.SelectMany(Placed).Order());
        Assert.Equal(posts[0].Id, structure.Roots[0].PostId);
    }
}
