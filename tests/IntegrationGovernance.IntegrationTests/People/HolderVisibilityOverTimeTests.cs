using System.Net;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.People;
using IntegrationGovernance.Api.RecordKeeping;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.Domain.People;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.People;

/// <summary>
/// Holders are personal data in every read of them: the holdings list, one holding, its history, every <c>asOf</c> read, the
/// post's holder and the structure. A caller who may not see the post's holders is told of none, and no response carries them.
/// </summary>
public sealed class HolderVisibilityOverTimeTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private const string Substantive = "E7100001";
    private const string Acting = "E7100002";
    private readonly HttpClient _admin = api.CreateClient();

    [Fact]
    public async Task No_read_of_holdings_now_or_in_the_past_shows_a_holder_to_a_caller_who_may_not_see_it()
    {
        var (bodies, post, back, acting) = await ActingPostAsync("Holder leak");
        var created = await _admin.CommittedAsync<PostHoldingResponse>($"/api/v1/post-holdings/{acting.Id}");
        (await _admin.SendWithIfMatchAsync(HttpMethod.Put, $"/api/v1/post-holdings/{acting.Id}/end-date", new HoldingEndDateRequest { EndsOn = new DateOnly(2014, 3, 31) },
            await _admin.ETagAsync($"/api/v1/post-holdings/{acting.Id}"))).EnsureSuccessStatusCode();
        var outsider = await _admin.CreateOrganisationAsync(Register.Organisation("Leak Outsider Council", OrganisationType.LondonBorough, gss: Support.Agreements.UniqueGss()));
        var outsiderHr = api.CreateClientAs("outsider-hr", outsider.GssCode, "register:read", "people:read");
        var registerReader = api.CreateClientAs("reader", bodies.Council.GssCode, "register:read");

        string[] reads =
        [
            $"/api/v1/posts/{post.Id}/holders",
            $"/api/v1/posts/{post.Id}/holders?on=2013-06-01",
            $"/api/v1/posts/{post.Id}/holders?asOf={created}",
            $"/api/v1/post-holdings/{acting.Id}",
            $"/api/v1/post-holdings/{acting.Id}?asOf={created}",
            $"/api/v1/post-holdings/{acting.Id}/history",
            $"/api/v1/posts/{post.Id}",
            $"/api/v1/posts/{post.Id}?asOf={created}",
            $"/api/v1/posts/{post.Id}/history",
            $"/api/v1/organisations/{bodies.Council.Id}/structure?on=2013-06-01",
            $"/api/v1/organisations/{bodies.Council.Id}/structure?on=2013-06-01&asOf={created}",
        ];
        foreach (var url in reads)
        {
            var response = await outsiderHr.GetAsync(url);
            Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode}");
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(Substantive, body, StringComparison.Ordinal);
            Assert.DoesNotContain(Acting, body, StringComparison.Ordinal);
            if (url.Contains("holders", StringComparison.Ordinal) || url.Contains("post-holdings", StringComparison.Ordinal))
                Assert.DoesNotContain(back.Id.ToString(), body, StringComparison.Ordinal); // the post returned to points to the person
        }
        // the holdings are listed, their holders not: and a register reader without people:read is not shown the list at all
        var listed = await outsiderHr.HoldersAsync(post.Id);
        Assert.Equal([HoldingKind.Substantive, HoldingKind.Acting], listed.Select(h => h.Kind));
        Assert.All(listed, h => Assert.Null(h.HolderReference));
        await (await registerReader.GetAsync($"/api/v1/posts/{post.Id}/holders")).ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.DoesNotContain(Acting, await (await registerReader.GetAsync($"/api/v1/posts/{post.Id}/history")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_posts_own_organisation_sees_every_holder_in_every_read_and_the_past_as_it_stood()
    {
        var (bodies, post, back, acting) = await ActingPostAsync("Holder own");
        var created = await _admin.CommittedAsync<PostHoldingResponse>($"/api/v1/post-holdings/{acting.Id}");
        (await _admin.SendWithIfMatchAsync(HttpMethod.Put, $"/api/v1/post-holdings/{acting.Id}/end-date", new HoldingEndDateRequest { EndsOn = new DateOnly(2014, 3, 31) },
            await _admin.ETagAsync($"/api/v1/post-holdings/{acting.Id}"))).EnsureSuccessStatusCode();
        await _admin.HeldAsync(post.Id, Holdings.Holding("E7100003", HoldingKind.Interim, "2014-06-01", "2014-12-31"));
        var hr = api.CreateClientAs("hr", bodies.Council.GssCode, "register:read", "people:read");

        var then = await hr.HoldersAsync(post.Id, asOf: created);
        var now = await hr.HoldersAsync(post.Id);
        var single = await (await hr.GetAsync($"/api/v1/post-holdings/{acting.Id}?asOf={created}")).ReadAsync<PostHoldingResponse>(HttpStatusCode.OK);
        var history = await (await hr.GetAsync($"/api/v1/post-holdings/{acting.Id}/history")).ReadAsync<Page<RevisionResponse<PostHoldingResponse>>>(HttpStatusCode.OK);
        var structureThen = (await hr.StructureAsync(bodies.Council.Id, "2014-06-15", created)).AllNodes().Single(n => n.PostId == post.Id);
        var structureNow = (await hr.StructureAsync(bodies.Council.Id, "2014-06-15")).AllNodes().Single(n => n.PostId == post.Id);

        // as the register stood: the acting holding open-ended, no interim yet; now, ended, and the interim holder covering
        Assert.Equal([(Substantive, (DateOnly?)null), (Acting, (DateOnly?)null)], then.Select(h => (h.HolderReference!, h.EndsOn)));
        Assert.Equal([Substantive, Acting, "E7100003"], now.Select(h => h.HolderReference));
        Assert.Equal((Acting, (Guid?)back.Id, (DateOnly?)null), (single.HolderReference!, single.ReturnsToPostId, single.EndsOn));
        Assert.Equal([Acting, Acting], history.Items.Select(r => r.Record.HolderReference));
        Assert.Equal((Acting, (HoldingKind?)HoldingKind.Acting), (structureThen.HolderReference!, structureThen.HolderKind));
        Assert.Equal(("E7100003", (HoldingKind?)HoldingKind.Interim), (structureNow.HolderReference!, structureNow.HolderKind));
    }

    [Fact]
    public async Task The_host_of_a_secondment_of_the_holder_sees_that_holding_and_no_other()
    {
        var bodies = await _admin.CouncilCcgAndSection113Async("Holder seconded");
        var secondment = Support.People.Secondment(bodies);
        var post = await _admin.PostAsync(bodies.Ccg.Id, "Chief Operating Officer", from: "2013-04-01");
        await _admin.HeldAsync(post.Id, Holdings.Holding(secondment.HolderReference, HoldingKind.Substantive, "2013-04-01", "2015-03-31"));
        await _admin.HeldAsync(post.Id, Holdings.Holding("E7200002", HoldingKind.Substantive, "2015-04-01"));
        (await _admin.PostJsonAsync("/api/v1/secondments", secondment)).EnsureSuccessStatusCode();
        var host = api.CreateClientAs("host-hr", bodies.Council.GssCode, "register:read", "people:read");

        var seen = await host.HoldersAsync(post.Id);

        Assert.Equal([secondment.HolderReference, null], seen.Select(h => h.HolderReference));
    }

    // a council post held substantively from 2013, with an acting holder from another post of the council, open-ended
    private async Task<(Support.People.Bodies Bodies, PostResponse Post, PostResponse Back, PostHoldingResponse Acting)> ActingPostAsync(string prefix)
    {
        var bodies = await _admin.CouncilCcgAndSection113Async(prefix);
        var post = await _admin.PostAsync(bodies.Council.Id, "Head of Safeguarding", from: "2013-04-01");
        var back = await _admin.PostAsync(bodies.Council.Id, "Safeguarding Manager", from: "2013-04-01");
        await _admin.HeldAsync(post.Id, Holdings.Holding(Substantive, HoldingKind.Substantive, "2013-04-01"));
        await _admin.HeldAsync(back.Id, Holdings.Holding(Acting, HoldingKind.Substantive, "2013-04-01"));
        var acting = await _admin.HeldAsync(post.Id, Holdings.Holding(Acting, HoldingKind.Acting, "2013-05-01", returnsTo: back.Id));
        return (bodies, post, back, acting);
    }
}
