using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.IntegrationTests.Support;
using Microsoft.Playwright;

namespace IntegrationGovernance.IntegrationTests.Pages;

/// <summary>The organisation, structure and pooled fund pages in Chromium over the demo data, and who may see what.</summary>
[Collection(PagesCollection.Name)]
public sealed class RegisterPagesTests(PagesHost host)
{
    private async Task<string> IdOfAsync(string code)
    {
        var page = await host.CreateClientAs("reader", null, Scopes.RegisterRead).GetFromJsonAsync<JsonObject>($"/api/v1/organisations?code={code}");
        return (string)page!["items"]![0]!["id"]!;
    }

    private async Task<string> StocktonFundAsync()
    {
        var page = await host.CreateClientAs("finance", null, Scopes.FinanceRead).GetFromJsonAsync<JsonObject>("/api/v1/finance/summaries?financialYear=2008-09&limit=500");
        return (string)page!["items"]!.AsArray().First(f => ((string)f!["fundName"]!).StartsWith("Stockton", StringComparison.Ordinal))!["fundId"]!;
    }

    [Fact]
    public async Task An_organisation_page_draws_its_succession_chain_and_lists_the_agreements_binding_it_on_a_date()
    {
        var page = await host.SignInAsync("legal", null, Scopes.RegisterRead);
        await page.GotoAsync("/organisations?code=5FL");
        await page.ClickAsync("#results tbody a");

        var diagram = page.Locator("svg#succession-diagram");
        Assert.Equal("group", await diagram.GetAttributeAsync("role")); // its boxes link to each body's page
        var drawn = await diagram.TextContentAsync() ?? string.Empty;
        Assert.Contains("Integrated Care Board", drawn, StringComparison.Ordinal); // PCT → CCG → BSW CCG → ICB
        Assert.True(await page.Locator("svg#succession-diagram line").CountAsync() >= 3);
        await page.FillAsync("#on", "2010-01-01");
        await page.ClickAsync("button:has-text('Show')");
        await page.WaitForURLAsync(u => u.Contains("on=2010-01-01", StringComparison.Ordinal));
        Assert.Contains("BNES-S75-2008", await page.TextsAsync("#binding-list tbody tr td:first-child a"));
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync("organisation");

        await page.FillAsync("#on", "2000-01-01"); // before any of its agreements
        await page.ClickAsync("button:has-text('Show')");
        await page.WaitForURLAsync(u => u.Contains("on=2000-01-01", StringComparison.Ordinal));
        Assert.Equal(1, await page.Locator("#binding-none").CountAsync());
    }

    [Fact]
    public async Task An_organisations_binding_agreements_and_the_pooled_funds_page_as_the_api_pages_them_with_its_cursors()
    {
        var icb = await IdOfAsync("QOX");
        var page = await host.SignInAsync("legal", null, Scopes.RegisterRead, Scopes.FinanceRead);
        var reader = host.CreateClientAs("reader", null, Scopes.RegisterRead, Scopes.FinanceRead);

        await page.GotoAsync($"/organisations/{icb}?on=2026-11-23&limit=1");
        var firstBinding = await page.TextsAsync("#binding-list tbody tr td:first-child a");
        await page.ClickAsync("#binding-next");
        await page.WaitForURLAsync(u => u.Contains("cursor=", StringComparison.Ordinal));
        var secondBinding = await page.TextsAsync("#binding-list tbody tr td:first-child a");
        var apiFirst = await reader.GetFromJsonAsync<JsonObject>($"/api/v1/organisations/{icb}/agreements?activeOn=2026-11-23&limit=1");
        var apiSecond = await reader.GetFromJsonAsync<JsonObject>((string)apiFirst!["next"]!);
        Assert.Equal(References(apiFirst, a => a["agreement"]!["reference"]), firstBinding);
        Assert.Equal(References(apiSecond!, a => a["agreement"]!["reference"]), secondBinding);
        Assert.NotEqual(firstBinding, secondBinding);
        Assert.Equal(1, await page.Locator("#binding-first").CountAsync());
        await page.AssertAccessibleAsync();

        await page.GotoAsync("/pooled-funds?financialYear=2008-09&limit=1");
        var firstFund = await page.TextsAsync("#funds tbody tr td:first-child a");
        await page.ClickAsync("#funds-next");
        await page.WaitForURLAsync(u => u.Contains("cursor=", StringComparison.Ordinal));
        var secondFund = await page.TextsAsync("#funds tbody tr td:first-child a");
        var fundsFirst = await reader.GetFromJsonAsync<JsonObject>("/api/v1/finance/summaries?financialYear=2008-09&limit=1");
        var fundsSecond = await reader.GetFromJsonAsync<JsonObject>((string)fundsFirst!["next"]!);
        Assert.Equal(References(fundsFirst, f => f["fundName"]), firstFund);
        Assert.Equal(References(fundsSecond!, f => f["fundName"]), secondFund);
        Assert.NotEqual(firstFund, secondFund);
        // the next page's address opens the same funds when opened again
        var again = page.Url;
        await page.GotoAsync("/pooled-funds?financialYear=2008-09");
        await page.GotoAsync(again);
        Assert.Equal(secondFund, await page.TextsAsync("#funds tbody tr td:first-child a"));
    }

    private static List<string> References(JsonObject page, Func<JsonNode, JsonNode?> field) =>
        page["items"]!.AsArray().Select(item => ((string?)field(item!) ?? string.Empty).Trim()).ToList();

    [Fact]
    public async Task A_structure_page_draws_the_organisations_posts_on_a_date()
    {
        var stockton = await IdOfAsync("E06000004");
        var page = await host.SignInAsync("hr", "E06000004", Scopes.RegisterRead);
        await page.GotoAsync($"/organisations/{stockton}/structure?on=2010-01-01");

        var chart = await page.Locator("svg#structure-chart").TextContentAsync() ?? string.Empty;
        Assert.Contains("Head of Operations", chart, StringComparison.Ordinal);
        Assert.Contains("Head of Operations", await page.InnerTextAsync("#structure-list"), StringComparison.Ordinal);
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync("structure");

        await page.GotoAsync($"/organisations/{stockton}/structure?on=1990-01-01");
        Assert.Equal(1, await page.Locator("#no-posts").CountAsync());
    }

    [Fact]
    public async Task A_pooled_fund_page_shows_the_years_figures_charts_spend_by_period_and_downloads_the_apis_csv()
    {
        var fund = await StocktonFundAsync();
        var page = await host.SignInAsync("finance", "E06000004", Scopes.FinanceRead);
        await page.GotoAsync("/pooled-funds?financialYear=2008-09");
        await page.ClickAsync("#funds a:has-text('Stockton')");
        await page.WaitForURLAsync(u => u.Contains($"/pooled-funds/{fund}", StringComparison.Ordinal));

        Assert.Equal("£2,125,000.00", await page.InnerTextAsync("#contributions"));
        Assert.Equal("£2,145,500.50", await page.InnerTextAsync("#spend"));
        Assert.Equal("−£20,500.50", await page.InnerTextAsync("#variance"));
        Assert.Equal(12, await page.Locator("svg#spend-chart rect").CountAsync());
        Assert.Equal(2, await page.Locator("#partner-table tbody tr").CountAsync());
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync("pooled-fund");

        var rows = await page.DownloadCsvAsync("#download-csv");
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal("-20500.50", r["fund_variance"]));
        Assert.Equal(2125000.00m, rows.Sum(r => decimal.Parse(r["effective_contribution"], System.Globalization.CultureInfo.InvariantCulture)));

        await page.FillAsync("#toPeriod", "3"); // a filter changes the figures: spend for April to June only
        await page.ClickAsync("button:has-text('Show the year')");
        await page.WaitForURLAsync(u => u.Contains("toPeriod=3", StringComparison.Ordinal));
        Assert.NotEqual("£2,145,500.50", await page.InnerTextAsync("#spend"));
        Assert.Equal(3, await page.Locator("svg#spend-chart rect").CountAsync());
    }

    public static TheoryData<string, string, string> Gated() => new()
    {
        // page, the scope it needs (as its API operation), a scope that is not it
        { "/agreements", Scopes.RegisterRead, Scopes.PeopleRead },
        { "/agreements/worklist", Scopes.RegisterRead, Scopes.FinanceRead },
        { "/organisations", Scopes.RegisterRead, Scopes.FinanceRead },
        { "/pooled-funds?financialYear=2008-09", Scopes.FinanceRead, Scopes.RegisterRead },
    };

    [Theory]
    [MemberData(nameof(Gated))]
    public async Task A_session_without_the_scope_of_the_pages_api_operation_sees_none_of_its_data(string path, string needed, string other)
    {
        var page = await host.SignInAsync("lacks-scope", "E06000004", other);
        var response = await page.GotoAsync(path);

        Assert.Equal(403, response!.Status);
        Assert.Contains(needed, await page.InnerTextAsync("#status-message"), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("table").CountAsync());
        await page.AssertAccessibleAsync();
        // the API refuses the same person the same data
        var api = await host.CreateClientAs("lacks-scope", "E06000004", other).GetAsync("/api/v1" + (path.StartsWith("/pooled-funds", StringComparison.Ordinal)
            ? "/finance/summaries?financialYear=2008-09" : path.Replace("/worklist", "?overdue=true", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
    }

    [Fact]
    public async Task A_fund_page_without_finance_read_shows_no_figures_even_to_the_funds_own_organisation()
    {
        var fund = await StocktonFundAsync();
        var page = await host.SignInAsync("reader", "E06000004", Scopes.RegisterRead, Scopes.PeopleRead);
        var response = await page.GotoAsync($"/pooled-funds/{fund}?financialYear=2008-09");
        var csv = await page.Context.APIRequest.GetAsync($"/pooled-funds/{fund}/csv?financialYear=2008-09");

        Assert.Equal(403, response!.Status);
        Assert.DoesNotContain("2,125,000", await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Equal(403, csv.Status);
        Assert.DoesNotContain("2125000", await csv.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_signed_in_for_another_organisation_shows_what_the_api_gives_that_organisation_and_never_a_post_holder()
    {
        var ccg = await IdOfAsync("11E");
        var structure = await host.CreateClientAs("hr", "11E", Scopes.RegisterRead, Scopes.PeopleRead)
            .GetFromJsonAsync<JsonObject>($"/api/v1/organisations/{ccg}/structure?on=2015-01-01");
        var post = Nodes(structure!["roots"]!.AsArray()).First(n => ((string)n["title"]!).StartsWith("Senior Commissioning Manager", StringComparison.Ordinal));
        var asAdmin = await host.CreateClient().GetFromJsonAsync<JsonObject>($"/api/v1/posts/{post["postId"]}");
        var holder = (string)asAdmin!["holderReference"]!; // the register holds who holds the post

        var page = await host.SignInAsync("outsider", "E06000004", Scopes.RegisterRead, Scopes.PeopleRead);
        await page.GotoAsync($"/organisations/{ccg}/structure?on=2015-01-01");

        Assert.Contains("Senior Commissioning Manager", await page.InnerTextAsync("#structure-list"), StringComparison.Ordinal);
        Assert.DoesNotContain(holder, await page.ContentAsync(), StringComparison.Ordinal);
        // and the API, asked by the same outsider, gives the structure but not the holder either
        var asOutsider = await host.CreateClientAs("outsider", "E06000004", Scopes.RegisterRead, Scopes.PeopleRead).GetFromJsonAsync<JsonObject>($"/api/v1/posts/{post["postId"]}");
        Assert.Null((string?)asOutsider!["holderReference"]);
        var api = await host.CreateClientAs("outsider", "E06000004", Scopes.RegisterRead, Scopes.PeopleRead).GetAsync(await page.GetAttributeAsync("#api-link a", "href"));
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }

    private static IEnumerable<JsonObject> Nodes(JsonArray nodes) =>
        nodes.Select(n => n!.AsObject()).SelectMany(n => new[] { n }.Concat(Nodes(n["reports"]!.AsArray())));
}
