using System.Net;
using IntegrationGovernance.Api.Agreements;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.IntegrationTests.Support;
using Microsoft.Playwright;

namespace IntegrationGovernance.IntegrationTests.Pages;

/// <summary>The agreements pages in Chromium, over the demo data: the search and its CSV, one agreement, the legal worklist.</summary>
[Collection(PagesCollection.Name)]
public sealed class AgreementPagesTests(PagesHost host)
{
    private static readonly System.Text.RegularExpressions.Regex AgreementPage = new("/agreements/[0-9a-f-]{36}");

    [Fact]
    public async Task Development_sign_in_opens_a_session_acting_for_the_organisation_picked_with_the_scopes_picked()
    {
        var page = await host.SignInAsync("banes-legal", "E06000022", Scopes.RegisterRead);

        var signedIn = await page.InnerTextAsync("#signed-in");
        Assert.Contains("banes-legal", signedIn, StringComparison.Ordinal);
        Assert.Contains("Bath and North East Somerset", signedIn, StringComparison.Ordinal);
        Assert.Contains(Scopes.RegisterRead, signedIn, StringComparison.Ordinal);
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync("home");

        await page.ClickAsync("button:has-text('Sign out')");
        await page.WaitForURLAsync(u => u.Contains("/sign-in", StringComparison.Ordinal));
        await page.GotoAsync("/agreements");
        Assert.Contains("/sign-in", page.Url, StringComparison.Ordinal); // the session has ended
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync("sign-in");
    }

    [Fact]
    public async Task The_search_lists_the_demo_agreements_and_a_filter_narrows_them_to_what_the_api_gives()
    {
        var page = await host.SignInAsync("legal", null, Scopes.RegisterRead);
        await page.GotoAsync("/agreements");
        var all = await page.TextsAsync("#results tbody tr td:first-child a");
        Assert.Contains("BNES-S75-2013", all);
        Assert.Contains("HARROW-S31-2005", all);
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync("agreements");

        await page.SelectOptionAsync("#basis", "Section113LocalGovernmentAct1972");
        await page.ClickAsync("#apply-filters");
        await page.WaitForURLAsync(u => u.Contains("basis=Section113LocalGovernmentAct1972", StringComparison.Ordinal));
        var narrowed = await page.TextsAsync("#results tbody tr td:first-child a");
        Assert.DoesNotContain("asOf=", page.Url, StringComparison.Ordinal); // the address holds only the filters chosen

        Assert.NotEmpty(narrowed);
        Assert.True(narrowed.Count < all.Count, "the basis filter should leave fewer agreements");
        Assert.All(await page.TextsAsync("#results tbody tr td:nth-child(2)"), basis => Assert.Equal("Section 113, Local Government Act 1972", basis));
        // the page says which API request gives the same data, and that request gives these agreements
        var api = await page.GetAttributeAsync("#api-link a", "href");
        var answer = await host.CreateClientAs("legal", null, Scopes.RegisterRead).GetAsync(api);
        var fromApi = await answer.ReadAsync<Page<AgreementResponse>>(HttpStatusCode.OK);
        Assert.Equal(fromApi.Items.Select(a => a.Reference), narrowed);
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task The_organisation_filter_finds_agreements_passed_to_a_successor_and_keeps_its_filters_in_the_address()
    {
        var page = await host.SignInAsync("legal", null, Scopes.RegisterRead);
        await page.GotoAsync("/agreements?organisation=QOX&activeOn=2026-11-23");

        var found = await page.TextsAsync("#results tbody tr td:first-child a");
        Assert.Contains("BNES-S75-2013", found); // made by the PCT, bound on the ICB by novation
        Assert.DoesNotContain("HARROW-S31-2005", found);
        Assert.Equal("QOX", await page.InputValueAsync("#organisation"));
        Assert.Equal("2026-11-23", await page.InputValueAsync("#activeOn"));

        await page.GotoAsync("/agreements?organisation=QOX&activeOn=2022-06-30"); // the ICB did not exist yet
        Assert.Equal(0, await page.Locator("#results tbody tr").CountAsync());
    }

    [Fact]
    public async Task The_search_pages_as_the_api_pages_and_its_next_link_keeps_working_when_opened_again()
    {
        var page = await host.SignInAsync("legal", null, Scopes.RegisterRead);
        await page.GotoAsync("/agreements?limit=2");
        var first = await page.TextsAsync("#results tbody tr td:first-child a");
        Assert.Equal(2, first.Count);
        Assert.Equal(0, await page.Locator("a[rel=prev]").CountAsync());

        await page.ClickAsync("#next-page");
        await page.WaitForURLAsync(u => u.Contains("cursor=", StringComparison.Ordinal));
        var second = await page.TextsAsync("#results tbody tr td:first-child a");
        var nextAddress = page.Url;

        // the API's own list, walked with its own cursors, gives the same two pages
        var api = host.CreateClientAs("legal", null, Scopes.RegisterRead);
        var apiFirst = await (await api.GetAsync("/api/v1/agreements?limit=2")).ReadAsync<Page<AgreementResponse>>(HttpStatusCode.OK);
        var apiSecond = await (await api.GetAsync(apiFirst.Next)).ReadAsync<Page<AgreementResponse>>(HttpStatusCode.OK);
        Assert.Equal(apiFirst.Items.Select(a => a.Reference), first);
        Assert.Equal(apiSecond.Items.Select(a => a.Reference), second);
        Assert.Empty(first.Intersect(second));
        // the page's link to the API names the list (its first page): the page's cursor is sealed to the page's own address
        Assert.DoesNotContain("cursor=", await page.GetAttributeAsync("#api-link a", "href") ?? string.Empty, StringComparison.Ordinal);

        // the next page's address, pasted into another session, opens the same page
        var other = await host.SignInAsync("legal-2", null, Scopes.RegisterRead);
        var reopened = await other.GotoAsync(nextAddress);
        Assert.Equal(200, reopened!.Status);
        Assert.Equal(second, await other.TextsAsync("#results tbody tr td:first-child a"));
        await other.AssertAccessibleAsync();

        // a cursor moved onto other filters is refused, naming it, never read as a key of this list
        var moved = await other.GotoAsync(nextAddress.Replace("limit=2", "limit=2&basis=Section75NhsAct2006", StringComparison.Ordinal));
        Assert.Equal(400, moved!.Status);
        Assert.Equal("#cursor", await other.GetAttributeAsync(".govuk-error-summary a", "href"));
    }

    [Fact]
    public async Task A_filter_that_is_not_an_iso_date_is_named_in_an_error_summary_not_answered()
    {
        var page = await host.SignInAsync("legal", null, Scopes.RegisterRead);
        var response = await page.GotoAsync("/agreements?activeOn=31/12/2020");

        Assert.Equal(400, response!.Status);
        Assert.Contains("year-month-day", await page.InnerTextAsync(".govuk-error-summary"), StringComparison.Ordinal);
        Assert.Equal("#activeOn", await page.GetAttributeAsync(".govuk-error-summary a", "href"));
        Assert.Equal(0, await page.Locator("#results").CountAsync());
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task The_csv_download_parses_and_holds_exactly_the_agreements_the_search_shows()
    {
        var page = await host.SignInAsync("legal", null, Scopes.RegisterRead);
        await page.GotoAsync("/agreements?q=health&activeOn=2016-01-01");
        var shown = await page.TextsAsync("#results tbody tr td:first-child a");

        var rows = await page.DownloadCsvAsync("#download-csv");

        Assert.NotEmpty(shown);
        Assert.Equal(shown, rows.Select(r => r["reference"]));
        Assert.All(rows, r => Assert.Equal("2016-01-01", r["active_on"]));
        Assert.All(rows, r => Assert.False(string.IsNullOrEmpty(r["parties"])));
    }

    [Fact]
    public async Task An_agreement_page_shows_the_parties_in_force_on_a_date_its_timeline_schedules_and_history()
    {
        var page = await host.SignInAsync("legal", null, Scopes.RegisterRead);
        await page.GotoAsync("/agreements?q=BNES-S75-2013");
        await page.ClickAsync("#results a:text-is('BNES-S75-2013')");
        await page.WaitForURLAsync(AgreementPage); // the agreement's page, before its form is used
        await page.FillAsync("#on", "2021-01-01");
        await page.ClickAsync("button:has-text('Show')");
        await page.WaitForURLAsync(u => u.Contains("on=2021-01-01", StringComparison.Ordinal));

        var inForce = await page.InnerTextAsync("#on-date + .govuk-summary-list");
        Assert.Contains("Bath and North East Somerset, Swindon and Wiltshire Clinical Commissioning Group", inForce, StringComparison.Ordinal);
        var timeline = await page.InnerTextAsync(".app-timeline");
        Assert.Contains("Novation 4", timeline, StringComparison.Ordinal);
        Assert.Contains("Novation 5", timeline, StringComparison.Ordinal);
        Assert.True(await page.Locator("#history ~ table tbody tr").CountAsync() > 0);
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync("agreement");

        await page.GotoAsync("/agreements?q=HARROW-S31-2005");
        await page.ClickAsync("#results a:text-is('HARROW-S31-2005')");
        await page.WaitForURLAsync(AgreementPage); // the agreement's page, before its form is used
        Assert.Contains("HARROW-S31-2005/CYP", await page.TextsAsync("#schedules + ul a"));
    }

    [Fact]
    public async Task The_legal_worklist_lists_what_is_overdue_on_the_date_chosen()
    {
        var page = await host.SignInAsync("legal", null, Scopes.RegisterRead);
        await page.GotoAsync("/agreements/worklist?on=2026-11-23");

        Assert.Contains("DUDLEY-0-5-PH-2015", await page.TextsAsync("#overdue-list tbody tr td:first-child a"));
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync("worklist");

        await page.FillAsync("#on", "2015-06-01");
        await page.ClickAsync("button:has-text('Show the worklist')");
        await page.WaitForURLAsync(u => u.Contains("on=2015-06-01", StringComparison.Ordinal));
        Assert.DoesNotContain("DUDLEY-0-5-PH-2015", await page.TextsAsync("#overdue-list tbody tr td:first-child a"));
    }

    [Fact]
    public async Task An_agreement_page_as_the_register_stood_at_a_moment_shows_what_it_said_then()
    {
        var admin = host.CreateClient();
        var parties = await admin.CouncilAndPctAsync($"Pages asOf {Guid.NewGuid():N}");
        var request = Support.Agreements.Section75($"PAGES-ASOF-{Guid.NewGuid():N}"[..30], parties) with { Title = "Joint commissioning as first drafted" };
        var (agreement, etag) = await admin.CreateAgreementAsync(request);
        var history = await (await admin.GetAsync($"{Support.Agreements.Url}/{agreement.Id}/history")).ReadAsync<Page<IntegrationGovernance.Api.RecordKeeping.RevisionResponse<AgreementResponse>>>(HttpStatusCode.OK);
        var drafted = history.Items[^1].CommittedAt!.Value;
        (await admin.SendWithIfMatchAsync(HttpMethod.Put, $"{Support.Agreements.Url}/{agreement.Id}", request with { Title = "Joint commissioning as revised" }, etag))
            .EnsureSuccessStatusCode();

        var page = await host.SignInAsync("legal", null, Scopes.RegisterRead);
        await page.GotoAsync($"/agreements/{agreement.Id}");
        Assert.Contains("as revised", await page.InnerTextAsync("h1"), StringComparison.Ordinal);
        await page.GotoAsync($"/agreements/{agreement.Id}?asOf={Uri.EscapeDataString(Bindings.Moment(drafted))}");

        Assert.Contains("as first drafted", await page.InnerTextAsync("h1"), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("#as-of").CountAsync());
        Assert.Contains($"asOf={Uri.EscapeDataString(Bindings.Moment(drafted))}", await page.GetAttributeAsync("#api-link a", "href"), StringComparison.Ordinal);

        // each revision in the history opens the agreement as it stood when that revision was made
        await page.GotoAsync($"/agreements/{agreement.Id}");
        await page.ClickAsync("#history ~ table tbody tr:first-child a");
        Assert.Contains("as first drafted", await page.InnerTextAsync("h1"), StringComparison.Ordinal);
    }
}
