using System.Net;
using IntegrationGovernance.IntegrationTests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace IntegrationGovernance.IntegrationTests.Pages;

/// <summary>
/// The application on a real Kestrel port, over the tests' PostgreSQL with the demo data loaded as <c>scripts/run</c>
/// loads it, and Debian's Chromium (scripts/chromium installs it) driven by Playwright. Never a downloaded browser.
/// </summary>
public sealed class PagesHost : RegisterApiFactory
{
    public const string Chromium = "/usr/bin/chromium";

    private static readonly string[] ChromiumArguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the pages are served, e.g. http://127.0.0.1:40123.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>Screenshots of the main pages go here, for a reviewer to look at (git ignores the folder).</summary>
    public static string Screenshots { get; } = Path.Combine(Repository.Root, "tests", "IntegrationGovernance.IntegrationTests", "Pages", "screenshots");

    public override async Task InitializeAsync()
    {
        ConnectionString = await TestDatabases.CreateEmptyAsync();
        if (!File.Exists(Path.Combine(Repository.Root, "src", "IntegrationGovernance.Api", "wwwroot", "assets", "govuk-frontend.min.css")))
            throw new InvalidOperationException("The pages' assets are not built: run scripts/frontend (scripts/test does).");
        if (!File.Exists(Chromium))
            throw new InvalidOperationException($"No Chromium at {Chromium}: run scripts/chromium install (scripts/test does).");
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        // Playwright for .NET only downloads a browser when told to install one; this says so too
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ChromiumArguments,
        });
        Directory.CreateDirectory(Screenshots);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Database:SeedDemoData", "true");
        // a page load fetches its CSS, fonts and script: the tests make many, from one address
        builder.UseSetting("RateLimiting:PermitLimit", "100000");
    }

    /// <summary>A new browser session signed in on the Development sign-in page, as a person would.</summary>
    public async Task<IPage> SignInAsync(string subject, string? organisationCode, params string[] scopes)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, AcceptDownloads = true, Locale = "en-GB" });
        // Chromium, the server and PostgreSQL share two cores with the rest of the suite: a page can take longer than
        // Playwright's 30 s default to load there (seen once in CI on a filter's submit); a wait still ends in failure
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        var page = await context.NewPageAsync();
        // twice in CI (of many runs) the click on Sign in never led to the home page within 90 s, for reasons not yet
        // found: the form is filled and sent once more, and what the page showed is written to the test log; a second
        // failure fails the test with it
        string? firstAttempt = null;
        for (var attempt = 1; ; attempt++)
        {
            await SubmitSignInAsync(page, subject, organisationCode, scopes);
            try
            {
                await page.WaitForURLAsync(BaseUrl + "/", new PageWaitForURLOptions { Timeout = 45_000 });
                break;
            }
            catch (TimeoutException) when (attempt == 1)
            {
                firstAttempt = $"sign-in as {subject} did not reach {BaseUrl}/: at {page.Url}: {await BodyTextAsync(page)}";
                Console.Error.WriteLine(firstAttempt);
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException($"{firstAttempt}; then again at {page.Url}: {await BodyTextAsync(page)}", e);
            }
        }
        return page;
    }

    private static async Task SubmitSignInAsync(IPage page, string subject, string? organisationCode, string[] scopes)
    {
        await page.GotoAsync("/sign-in?returnUrl=%2F");
        await page.FillAsync("#subject", subject);
        if (organisationCode is not null)
        {
            var option = page.Locator("#organisation option", new PageLocatorOptions { HasTextString = $"({organisationCode})" });
            await page.SelectOptionAsync("#organisation", new SelectOptionValue { Value = await option.First.GetAttributeAsync("value") });
        }
        var wanted = scopes.ToHashSet();
        foreach (var box in await page.Locator("#scopes input[type=checkbox]").AllAsync())
            await box.SetCheckedAsync(wanted.Contains(await box.GetAttributeAsync("value") ?? string.Empty));
        await page.ClickAsync("button:has-text('Sign in')");
    }

    private static async Task<string> BodyTextAsync(IPage page)
    {
        var text = await page.InnerTextAsync("body", new PageInnerTextOptions { Timeout = 5_000 });
        return text.Length > 600 ? text[..600] : text;
    }

    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PagesCollection : ICollectionFixture<PagesHost>
{
    public const string Name = "pages in a browser";
}
