using IntegrationGovernance.Api.Pages.Agreements;
using IntegrationGovernance.Api.Pages.Organisations;
using IntegrationGovernance.Api.Pages.People;
using IntegrationGovernance.Api.Pages.PooledFunds;
using IntegrationGovernance.Api.Pages.Shared;
using IntegrationGovernance.Api.Pages.SignIn;
using IntegrationGovernance.Api.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationGovernance.Api.Pages;

/// <summary>
/// The register as pages for officers: read-only, in the GOV.UK style, served beside the API. Each page reads through
/// the API's own handler for the same question, so it shows what that handler would give the same person, no more.
/// </summary>
public static class PagesServiceCollectionExtensions
{
    public static IServiceCollection AddRegisterPages(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var security = configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        var pages = configuration.GetSection(PagesOptions.Section).Get<PagesOptions>() ?? new PagesOptions();
        services.Configure<PagesOptions>(configuration.GetSection(PagesOptions.Section));
        services.AddRazorComponents();
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "register-antiforgery";
            options.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });
        var openIdConnect = !environment.IsDevelopment() && pages.OpenIdConnect.Configured;
        var authentication = services.AddAuthentication()
            .AddCookie(PageAccess.CookieScheme, options =>
            {
                options.Cookie.Name = "register-session";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = false;
                options.LoginPath = "/sign-in";
                options.ReturnUrlParameter = "returnUrl";
                if (openIdConnect)
                    options.ForwardChallenge = PageAccess.OpenIdConnectScheme;
                options.Events = new CookieAuthenticationEvents { OnRedirectToAccessDenied = DeniedAsync };
            });
        if (openIdConnect)
            authentication.AddPagesOpenIdConnect(security, pages.OpenIdConnect, environment);
        services.AddAuthorizationBuilder().AddPagePolicies();
        services.AddScoped<PageShells>();
        services.AddScoped<OrganisationNames>();
        return services;
    }

    /// <summary>The pages' CSS, fonts, images and script (built by scripts/frontend): public, before any access rule.</summary>
    public static WebApplication UseRegisterPageAssets(this WebApplication app)
    {
        app.UseStaticFiles();
        return app;
    }

    /// <summary>After the access middleware: antiforgery (it reads the signed-in person), then the pages themselves.</summary>
    public static WebApplication UseRegisterPages(this WebApplication app)
    {
        app.UseAntiforgery();
        var pages = app.MapGroup(string.Empty).ExcludeFromDescription();
        pages.MapGet("/", Home).RequireAuthorization(PageAccess.SignedIn);
        pages.MapSignInPages();
        pages.MapAgreementPages();
        pages.MapOrganisationPages();
        pages.MapFundPages();
        pages.MapStructurePages();
        return app;
    }

    private static async Task<RazorComponentResult<HomePage>> Home(HttpContext http, PageShells shells, CancellationToken cancellationToken) =>
        PageResults.Page<HomePage>(await shells.CreateAsync(http, "Integration governance register", null, cancellationToken: cancellationToken), null);

    /// <summary>Signed in, but without the scope the page needs: 403, saying which, as the API would.</summary>
    private static async Task DeniedAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        var http = context.HttpContext;
        var scope = http.GetEndpoint()?.Metadata.GetMetadata<RequiredScope>()?.Scope;
        var shell = await http.RequestServices.GetRequiredService<PageShells>().CreateAsync(http, "You cannot see this page", null, cancellationToken: http.RequestAborted);
        await PageResults.Status(shell, StatusCodes.Status403Forbidden,
            scope is null ? "Your sign-in does not allow this page." : $"This page needs the scope {scope}, which your sign-in does not hold. Ask your organisation's register administrator.")
            .ExecuteAsync(http);
    }
}
