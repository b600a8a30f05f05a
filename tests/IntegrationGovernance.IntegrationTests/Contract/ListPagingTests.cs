using System.Net;
using System.Text.Json.Nodes;
using IntegrationGovernance.Api.Agreements;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.People;
using IntegrationGovernance.Api.PooledFunds;
using IntegrationGovernance.Api.Webhooks;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.IntegrationTests.Support;
using IntegrationGovernance.IntegrationTests.Webhooks;

namespace IntegrationGovernance.IntegrationTests.Contract;

/// <summary>
/// Every list is paged with the same keyset cursor: walked two at a time through its <c>next</c> links it gives, page by page,
/// exactly what one large page gives, in the same stable order, each item once.
/// </summary>
public sealed class ListPagingTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _admin = api.CreateClient();

    [Fact]
    public async Task Secondments_are_paged_in_start_order()
    {
        var bodies = await _admin.CouncilCcgAndSection113Async("Paged secondments");
        foreach (var starts in new[] { "2014-04-01", "2013-04-01", "2015-04-01", "2013-04-01" })
            await (await _admin.PostJsonAsync("/api/v1/secondments", Support.People.Secondment(bodies, starts))).ReadAsync<SecondmentResponse>(HttpStatusCode.Created);

        var walked = await WalkedInPagesOfTwoAsync<SecondmentResponse>($"/api/v1/secondments?organisationId={bodies.Council.Id}", s => s.Id);

        Assert.Equal(4, walked.Count);
        Assert.Equal(walked.OrderBy(s => s.StartsOn).ThenBy(s => s.Id).Select(s => s.Id), walked.Select(s => s.Id));
    }

    [Fact]
    public async Task The_agreements_that_bind_an_organisation_are_paged_in_reference_order_past_the_old_cut_off()
    {
        var parties = await _admin.CouncilAndPctAsync("Paged binding");
        foreach (var reference in new[] { "BIND-C", "BIND-A", "BIND-B" })
            await _admin.CreateAgreementAsync(Support.Agreements.Section75($"{reference}-{Guid.NewGuid():N}"[..20], parties));

        var walked = await WalkedInPagesOfTwoAsync<BindingAgreementResponse>($"{Register.Organisations}/{parties.Council.Id}/agreements", b => b.Agreement.Id);

        Assert.Equal(3, walked.Count);
        Assert.Equal(walked.Select(b => b.Agreement.Reference).Order(StringComparer.Ordinal), walked.Select(b => b.Agreement.Reference));
    }

    [Fact]
    public async Task Only_an_organisations_own_agreements_page_without_those_it_inherited()
    {
        var council = await _admin.CreateOrganisationAsync(Register.Organisation("Paged own Council", OrganisationType.UnitaryAuthority, gss: Support.Agreements.UniqueGss()));
        var pct = await _admin.CreateOrganisationAsync(Register.Organisation("Paged own PCT", OrganisationType.PrimaryCareTrust, from: "2002-04-01", to: "2013-03-31"));
        var ccg = await _admin.CreateOrganisationAsync(Register.Organisation("Paged own CCG", OrganisationType.ClinicalCommissioningGroup, from: "2013-04-01"));
        await _admin.RecordSuccessionAsync(Register.Succession([pct], [ccg], "2013-04-01"));
        var inherited = new List<Guid>();
        foreach (var reference in new[] { "OWN-B-PCT", "OWN-D-PCT" })
            inherited.Add((await _admin.ActiveAgreementAsync(Support.Agreements.Section75(reference, new(council, pct), "2008-04-01", null), council.Id)).Agreement.Id);
        var own = new List<Guid>();
        foreach (var reference in new[] { "OWN-A-CCG", "OWN-C-CCG", "OWN-E-CCG" })
            own.Add((await _admin.CreateAgreementAsync(Support.Agreements.Section75(reference, new(council, ccg), "2014-04-01", null))).Agreement.Id);

        var onlyOwn = await WalkedAsync<BindingAgreementResponse>($"{Register.Organisations}/{ccg.Id}/agreements?includePredecessors=false&limit=1", b => b.Agreement.Id);
        var all = await WalkedInPagesOfTwoAsync<BindingAgreementResponse>($"{Register.Organisations}/{ccg.Id}/agreements", b => b.Agreement.Id);

        Assert.Equal(own, onlyOwn.Select(b => b.Agreement.Id));
        Assert.Equal(own.Concat(inherited).Order(), all.Select(b => b.Agreement.Id).Order());
        Assert.All(all.Where(b => inherited.Contains(b.Agreement.Id)), b => Assert.Equal(pct.Id, b.BoundThroughId));
    }

    [Fact]
    public async Task Schedules_are_paged_in_reference_order_at_any_depth()
    {
        var parties = await _admin.CouncilAndPctAsync("Paged schedules");
        var (parent, _) = await _admin.CreateAgreementAsync(Support.Agreements.Section75("PAGED-TOP", parties));
        var (first, _) = await _admin.CreateAgreementAsync(Support.Agreements.Section75("PAGED-TOP/B", parties) with { ParentId = parent.Id });
        await _admin.CreateAgreementAsync(Support.Agreements.Section75("PAGED-TOP/A", parties) with { ParentId = parent.Id });
        await _admin.CreateAgreementAsync(Support.Agreements.Section75("PAGED-TOP/B/1", parties) with { ParentId = first.Id });

        var walked = await WalkedInPagesOfTwoAsync<AgreementResponse>($"{Support.Agreements.Url}/{parent.Id}/schedules", a => a.Id);

        Assert.Equal(["PAGED-TOP/A", "PAGED-TOP/B", "PAGED-TOP/B/1"], walked.Select(a => a.Reference));
    }

    [Fact]
    public async Task A_posts_lines_and_reports_are_paged()
    {
        var council = await _admin.CreateOrganisationAsync(Register.Organisation("Paged lines Council", gss: Support.Agreements.UniqueGss()));
        var manager = await _admin.PostAsync(council.Id, "Director");
        foreach (var title in new[] { "Head of A", "Head of B", "Head of C" })
            await _admin.LineAsync(Support.People.Line(await _admin.PostAsync(council.Id, title), manager));

        var lines = await WalkedInPagesOfTwoAsync<AccountabilityLineResponse>($"/api/v1/posts/{manager.Id}/lines", l => l.Id);
        var reports = await WalkedInPagesOfTwoAsync<AccountabilityLineResponse>($"/api/v1/posts/{manager.Id}/reports?on=2015-01-01", l => l.Id);

        Assert.Equal(3, lines.Count);
        Assert.Equal(lines.Select(l => l.Id).Order(), reports.Select(l => l.Id).Order());
        Assert.Equal(reports.OrderBy(l => l.PostId).Select(l => l.Id), reports.Select(l => l.Id));
    }

    [Fact]
    public async Task An_organisations_funds_and_the_fund_summaries_are_paged_in_name_order()
    {
        var (fund, parties) = await _admin.FundAsync("Paged funds C");
        foreach (var name in new[] { "Paged funds A", "Paged funds B" })
        {
            var (agreement, _) = await _admin.ActiveAgreementAsync(Support.Agreements.Section75($"FUNDS-{Guid.NewGuid():N}"[..20], parties, "2012-04-01", null), parties.Council.Id);
            await (await _admin.PostJsonAsync(Funds.Url, new PooledFundRequest
            {
                AgreementId = agreement.Id, Name = name, HostOrganisationId = parties.Council.Id, Manager = "Director", StartsOn = new DateOnly(2012, 4, 1),
            })).ReadAsync<PooledFundResponse>(HttpStatusCode.Created);
        }

        var held = await WalkedInPagesOfTwoAsync<OrganisationFundResponse>($"{Register.Organisations}/{parties.Council.Id}/pooled-funds?financialYear=2015-16", f => f.Fund.Id);
        var summaries = await WalkedInPagesOfTwoAsync<FundSummaryResponse>(
            $"/api/v1/finance/summaries?financialYear=2015-16&organisationId={parties.Council.Id}", s => s.FundId);

        Assert.Equal(["Paged funds A", "Paged funds B", fund.Name], held.Select(f => f.Fund.Name));
        Assert.Equal(held.Select(f => f.Fund.Id), summaries.Select(s => s.FundId));
    }

    [Fact]
    public async Task Webhook_subscriptions_and_their_delivery_log_are_paged()
    {
        await using var receiver = await Receiver.StartAsync();
        var subscription = await _admin.SubscribeAsync(receiver.Url, "organisations");
        await _admin.SubscribeAsync(receiver.Url, "agreements");
        await _admin.SubscribeAsync(receiver.Url, "posts");
        foreach (var name in new[] { "Hooked paging A", "Hooked paging B", "Hooked paging C" })
            await _admin.CreateOrganisationAsync(Register.Organisation(name));
        await api.RunWebhookWorkerAsync();

        var subscriptions = await WalkedInPagesOfTwoAsync<WebhookSubscriptionResponse>("/api/v1/webhook-subscriptions", s => s.Id);
        var deliveries = await WalkedInPagesOfTwoAsync<WebhookDeliveryResponse>($"/api/v1/webhook-subscriptions/{subscription.Subscription.Id}/deliveries", d => d.Id);

        Assert.Equal(3, subscriptions.Count);
        Assert.Equal(3, deliveries.Count);
        Assert.Equal(deliveries.Select(d => d.Id).OrderDescending(), deliveries.Select(d => d.Id));
    }

    /// <summary>
    /// The list walked two at a time through its <c>next</c> links: at least two pages, the same items in the same order as one
    /// page of 500, none twice.
    /// </summary>
    private async Task<List<T>> WalkedInPagesOfTwoAsync<T>(string url, Func<T, object> idOf)
    {
        var separator = url.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var whole = await (await _admin.GetAsync($"{url}{separator}limit=500")).ReadItemsAsync<T>(HttpStatusCode.OK);
        var (walked, pages) = await WalkAsync<T>($"{url}{separator}limit=2");

        Assert.True(pages >= 2, $"{url}: {pages} page(s) of two for {whole.Count} items");
        Assert.Equal(whole.Select(idOf), walked.Select(idOf));
        Assert.Equal(walked.Count, walked.Select(idOf).Distinct().Count());
        return walked;
    }

    private async Task<List<T>> WalkedAsync<T>(string url, Func<T, object> idOf)
    {
        var (walked, _) = await WalkAsync<T>(url);
        Assert.Equal(walked.Count, walked.Select(idOf).Distinct().Count());
        return walked;
    }

    private async Task<(List<T> Items, int Pages)> WalkAsync<T>(string url)
    {
        var items = new List<T>();
        var pages = 0;
        for (string? next = url; next is not null && pages < 50; pages++)
        {
            var page = await (await _admin.GetAsync(next)).ReadAsync<Page<T>>(HttpStatusCode.OK);
            Assert.Equal(page.Next is null, page.NextCursor is null);
            items.AddRange(page.Items);
            next = page.Next;
        }
        return (items, pages);
    }
}

/// <summary>A cursor is good only as this API issued it, for the list that issued it: anything else is a 400 naming <c>cursor</c>.</summary>
public sealed class CursorRefusalTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _admin = api.CreateClient();

    [Theory]
    [InlineData("eyJOYW1lIjoienp6IiwiSWQiOiIwMTkzYTZiMi03YzFlLTdkNGYtOWE1MS0yZjNjNGQ1ZTZmNzAifQ")] // {"Name":"zzz","Id":"0193a6b2-..."}: a key of the right shape
    [InlineData("OTk5OTk")]                                                                          // 99999
    [InlineData("bm90IGEgY3Vyc29y")]
    public async Task A_forged_cursor_is_refused_not_answered_with_an_empty_page(string forged)
    {
        var problem = await (await _admin.GetAsync($"{Register.Organisations}?cursor={forged}")).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("urn:integration-governance:problem:validation", (string?)problem["type"]);
        Assert.NotEmpty(problem.ErrorsFor("cursor"));
    }

    [Fact]
    public async Task A_cursor_with_one_character_changed_is_refused()
    {
        var cursor = await FirstCursorAsync($"{Register.Organisations}?limit=1");
        var middle = cursor.Length / 2;
        var tampered = cursor[..middle] + (cursor[middle] == 'A' ? 'B' : 'A') + cursor[(middle + 1)..];

        var problem = await (await _admin.GetAsync($"{Register.Organisations}?limit=1&cursor={tampered}")).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.ErrorsFor("cursor"));
    }

    [Theory]
    [InlineData("/api/v1/audit?limit=1")]                       // another list
    [InlineData("/api/v1/organisations?limit=1&type=NhsTrust")] // the same list with other filters
    public async Task A_cursor_issued_for_another_list_is_refused(string elsewhere)
    {
        var cursor = await FirstCursorAsync($"{Register.Organisations}?limit=1");

        var problem = await (await _admin.GetAsync($"{elsewhere}&cursor={cursor}")).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.ErrorsFor("cursor"));
    }

    [Fact]
    public async Task The_cursor_a_page_gives_reads_the_next_page_whatever_its_size()
    {
        var cursor = await FirstCursorAsync($"{Register.Organisations}?limit=1");

        var next = await (await _admin.GetAsync($"{Register.Organisations}?limit=2&cursor={cursor}")).ReadAsync<Page<JsonObject>>(HttpStatusCode.OK);

        Assert.NotEmpty(next.Items);
    }

    private async Task<string> FirstCursorAsync(string url)
    {
        foreach (var name in new[] { "Cursor Council A", "Cursor Council B", "Cursor Council C" })
            await _admin.CreateOrganisationAsync(Register.Organisation($"{name} {Guid.NewGuid():N}"));
        var page = await (await _admin.GetAsync(url)).ReadAsync<Page<JsonObject>>(HttpStatusCode.OK);
        return page.NextCursor ?? throw new InvalidOperationException("The first page had no next cursor.");
    }
}
