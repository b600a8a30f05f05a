using System.Globalization;
using CsvHelper;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace IntegrationGovernance.IntegrationTests.Pages;

/// <summary>What every page test checks the same way: axe's WCAG 2.2 A and AA rules, screenshots, CSV downloads.</summary>
public static class PageChecks
{
    private static readonly AxeRunOptions WcagAandAA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"] },
    };

    /// <summary>No WCAG 2.2 A or AA violation that axe can find on the page as it stands.</summary>
    public static async Task AssertAccessibleAsync(this IPage page)
    {
        var result = await page.RunAxe(WcagAandAA);
        var found = result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(" | ", v.Nodes.Select(n => n.Html))}").ToList();
        Assert.True(found.Count == 0, $"axe found WCAG A/AA violations on {page.Url}:\n" + string.Join("\n", found));
    }

    /// <summary>A full-page screenshot into the git-ignored screenshots folder, for a reviewer.</summary>
    public static Task ScreenshotAsync(this IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PagesHost.Screenshots, name + ".png"), FullPage = true });

    /// <summary>Clicks the link and reads the file the browser downloads as CSV rows (header names, then values).</summary>
    public static async Task<List<Dictionary<string, string>>> DownloadCsvAsync(this IPage page, string selector)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync(selector));
        var path = await download.PathAsync();
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var rows = new List<Dictionary<string, string>>();
        await csv.ReadAsync();
        csv.ReadHeader();
        var header = csv.HeaderRecord!;
        while (await csv.ReadAsync())
            rows.Add(header.ToDictionary(h => h, h => csv.GetField(h) ?? string.Empty));
        return rows;
    }

    public static async Task<IReadOnlyList<string>> TextsAsync(this IPage page, string selector) =>
        (await page.Locator(selector).AllInnerTextsAsync()).Select(t => t.Trim()).ToList();
}
