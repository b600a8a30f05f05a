using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using IntegrationGovernance.Api.Pages.Shared;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntegrationGovernance.Api.Pages.SignIn;

/// <summary>
/// Signing in to the pages. In Development, a local page: pick an organisation and scopes, and the session carries
/// exactly the claims a development token would. Anywhere else that page does not exist (404, as the development
/// token key is refused there): <c>/sign-in</c> starts OpenID Connect against the issuer the API trusts.
/// </summary>
public static partial class SignInEndpoints
{
    public static IEndpointRouteBuilder MapSignInPages(this IEndpointRouteBuilder pages)
    {
        pages.MapGet("/sign-in", ShowSignIn).AllowAnonymous();
        // antiforgery is checked in the handler, after the environment: outside Development the page does not exist at all (404)
        pages.MapPost("/sign-in", SignInLocally).AllowAnonymous().DisableAntiforgery();
        pages.MapPost("/sign-out", SignOut).RequireAuthorization(PageAccess.SignedIn).DisableAntiforgery();
        return pages;
    }

    private static async Task<IResult> ShowSignIn(string? returnUrl, HttpContext http, IHostEnvironment environment, PageShells shells,
        IOptions<PagesOptions> options, RegisterDbContext db, CancellationToken cancellationToken)
    {
        var target = LocalOnly(returnUrl);
        if (!environment.IsDevelopment())
        {
            if (options.Value.OpenIdConnect.Configured)
                return TypedResults.Challenge(new AuthenticationProperties { RedirectUri = target }, [PageAccess.OpenIdConnectScheme]);
            return PageResults.Status(await shells.CreateAsync(http, "Page not found", null, cancellationToken: cancellationToken), StatusCodes.Status404NotFound,
                "Signing in to the pages is not configured here: set Pages:OpenIdConnect:ClientId (and its secret) for the issuer in Authentication:Authority.");
        }
        return await FormAsync(http, shells, db, new SignInForm { ReturnUrl = target }, null, StatusCodes.Status200OK, cancellationToken);
    }

    private static async Task<IResult> SignInLocally(HttpContext http, IHostEnvironment environment, IAntiforgery antiforgery, PageShells shells,
        RegisterDbContext db, CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment())
            return PageResults.Status(await shells.CreateAsync(http, "Page not found", null, cancellationToken: cancellationToken), StatusCodes.Status404NotFound,
                "The local sign-in exists only in the Development environment.");
        if (!http.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(http))
            return PageResults.Status(await shells.CreateAsync(http, "Sign in (Development)", null, cancellationToken: cancellationToken), StatusCodes.Status400BadRequest,
                "The form had expired or did not come from this site. Open the sign-in page again.");
        var posted = await http.Request.ReadFormAsync(cancellationToken);
        var form = new SignInForm
        {
            Subject = Bounded(posted["subject"], 64),
            Organisation = Bounded(posted["organisation"], 40),
            Scopes = posted["scopes"].Take(Scopes.All.Count + 1).Select(s => Bounded(s, 40) ?? string.Empty).ToArray(),
            ReturnUrl = Bounded(posted["returnUrl"], 2000),
        };
        var errors = new Dictionary<string, string[]>();
        var subject = form.Subject?.Trim() ?? string.Empty;
        if (!SubjectShape().IsMatch(subject))
            errors["subject"] = ["Enter a name for yourself: 1 to 64 letters, digits, dots, hyphens or underscores."];
        var scopes = (form.Scopes ?? []).Distinct().ToList();
        if (scopes.Count == 0)
            errors["scopes"] = ["Select at least one scope."];
        else if (scopes.Except(Scopes.All).Any())
            errors["scopes"] = [$"Select scopes from: {string.Join(", ", Scopes.All)}."];
        string? organisation = null;
        if (!string.IsNullOrEmpty(form.Organisation))
        {
            if (!Guid.TryParse(form.Organisation, out var id) || !await db.Organisations.AnyAsync(o => o.Id == id, cancellationToken))
                errors["organisation"] = ["Select an organisation from the list, or none."];
            else
                organisation = id.ToString();
        }
        if (errors.Count > 0)
            return await FormAsync(http, shells, db, form, errors, StatusCodes.Status400BadRequest, cancellationToken);

        await http.SignInAsync(PageAccess.CookieScheme, PageAccess.Principal(subject, organisation, scopes),
            new AuthenticationProperties { IsPersistent = false, ExpiresUtc = DateTimeOffset.UtcNow.AddHours(8) });
        return Results.Redirect(LocalOnly(form.ReturnUrl), permanent: false, preserveMethod: false);
    }

    private static async Task<IResult> SignOut(HttpContext http, IAntiforgery antiforgery, PageShells shells, CancellationToken cancellationToken)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
            return PageResults.Status(await shells.CreateAsync(http, "You are still signed in", null, cancellationToken: cancellationToken), StatusCodes.Status400BadRequest,
                "The sign-out form had expired or did not come from this site. Use the Sign out button on a page of the register.");
        await http.SignOutAsync(PageAccess.CookieScheme);
        return Results.Redirect("/sign-in");
    }

    private static async Task<IResult> FormAsync(HttpContext http, PageShells shells, RegisterDbContext db, SignInForm form,
        IReadOnlyDictionary<string, string[]>? errors, int status, CancellationToken cancellationToken)
    {
        var shell = await shells.CreateAsync(http, "Sign in (Development)", null, errors: errors, cancellationToken: cancellationToken);
        var organisations = await db.Organisations.AsNoTracking().OrderBy(o => o.Name)
            .Select(o => new SignInOrganisation(o.Id, o.Name, o.OdsCode ?? o.GssCode)).Take(2000).ToListAsync(cancellationToken);
        return PageResults.Page<SignInPage>(shell, new SignInModel(form, organisations), status);
    }

    private static string? Bounded(string? value, int maxLength) => value is null ? null : value.Length > maxLength ? value[..maxLength] : value;

    /// <summary>Only a path on this site: never an absolute or protocol-relative address (no open redirect).</summary>
    public static string LocalOnly(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Contains('\r') && !url.Contains('\n')
            ? url
            : "/";

    [GeneratedRegex(@"\A[A-Za-z0-9._-]{1,64}\z")]
    private static partial Regex SubjectShape();
}

/// <summary>The local sign-in form (Development only).</summary>
public sealed class SignInForm
{
    [MaxLength(64)]
    public string? Subject { get; set; }

    [MaxLength(40)]
    public string? Organisation { get; set; }

    [MaxLength(10)]
    public string[]? Scopes { get; set; }

    [MaxLength(2000)]
    public string? ReturnUrl { get; set; }
}

public sealed record SignInOrganisation(Guid Id, string Name, string? Code);

public sealed record SignInModel(SignInForm Form, IReadOnlyList<SignInOrganisation> Organisations);
