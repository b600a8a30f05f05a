using System.Net;
using IntegrationGovernance.Api.People;
using IntegrationGovernance.Api.RecordKeeping;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.RecordKeeping;

/// <summary>The head of the change feed: the latest position, from which a new reader sees only what commits later.</summary>
public sealed class ChangeFeedHeadTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _admin = api.CreateClient();

    [Fact]
    public async Task The_head_is_the_position_of_the_latest_change_after_writes()
    {
        var (created, etag) = await _admin.CreateAsync(Register.Organisation("Head Council"));
        await _admin.SendWithIfMatchAsync(HttpMethod.Put, $"{Register.Organisations}/{created.Id}", Register.Organisation("Head Council renamed"), etag);

        var head = await HeadAsync(_admin);
        var feed = await ReadAsync(_admin, 0, 500);

        Assert.Equal(feed.Items[^1].Position, head.Position);
        Assert.Equal((created.Id, 2), (feed.Items[^1].Id, feed.Items[^1].Revision));
        Assert.Empty((await ReadAsync(_admin, head.Position, 500)).Items);
    }

    [Fact]
    public async Task Reading_from_the_head_gives_only_the_changes_committed_after_it()
    {
        var before = await _admin.CreateOrganisationAsync(Register.Organisation("Before the head"));
        var head = await HeadAsync(_admin);
        var after = await _admin.CreateOrganisationAsync(Register.Organisation("After the head"));

        var page = await (await _admin.GetAsync(head.Next)).ReadAsync<ChangesPage>(HttpStatusCode.OK);

        Assert.Equal([after.Id], page.Items.Select(c => c.Id));
        Assert.DoesNotContain(before.Id, page.Items.Select(c => c.Id));
        Assert.Equal(head.Position + 1, page.Items[0].Position);
    }

    [Fact]
    public async Task A_change_the_caller_may_not_see_does_not_move_its_head()
    {
        var bodies = await _admin.CouncilCcgAndSection113Async("Head secondments");
        var reader = api.CreateClientAs("reader", bodies.Council.GssCode, Scopes.RegisterRead);
        var before = await HeadAsync(reader);

        await (await _admin.PostJsonAsync("/api/v1/secondments", Support.People.Secondment(bodies))).ReadAsync<SecondmentResponse>(HttpStatusCode.Created);

        Assert.Equal(before.Position, (await HeadAsync(reader)).Position);
        Assert.Equal(before.Position + 1, (await HeadAsync(_admin)).Position);
    }

    [Fact]
    public async Task The_head_links_to_the_feed_after_it()
    {
        await _admin.CreateOrganisationAsync(Register.Organisation("Linked head"));

        var head = await HeadAsync(_admin);

        Assert.True(head.Position > 0);
        Assert.EndsWith($"/api/v1/changes?after={head.Position}&limit=50", head.Next, StringComparison.Ordinal);
    }

    private static async Task<ChangesHeadResponse> HeadAsync(HttpClient client) =>
        await (await client.GetAsync("/api/v1/changes/head")).ReadAsync<ChangesHeadResponse>(HttpStatusCode.OK);

    private static async Task<ChangesPage> ReadAsync(HttpClient client, long after, int limit) =>
        await (await client.GetAsync($"/api/v1/changes?after={after}&limit={limit}")).ReadAsync<ChangesPage>(HttpStatusCode.OK);
}
