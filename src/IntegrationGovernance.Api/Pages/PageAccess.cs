using System.Security.Claims;
using IntegrationGovernance.Api.Security;
using Microsoft.AspNetCore.Authorization;

namespace IntegrationGovernance.Api.Pages;

/// <summary>
/// Who may see a page. Pages sign people in with a cookie of their own (never a bearer token), carrying the same three
/// claims a token does (<c>sub</c>, <c>scope</c>, <c>org</c>), so each page is allowed by the same scope as the API
/// operation it reads through, and the caller's organisation is found by the same <see cref="CallerOrganisation"/>.
/// </summary>
public static class PageAccess
{
    /// <summary>The pages' cookie session; the API's default scheme stays the bearer token.</summary>
    public const string CookieScheme = "RegisterPages";

    /// <summary>OpenID Connect sign-in for the pages outside Development (authorisation code flow, then the cookie).</summary>
    public const string OpenIdConnectScheme = "RegisterPagesOpenIdConnect";

    /// <summary>The policy of pages any signed-in person may open (the home page).</summary>
    public const string SignedIn = "pages";

    public static string PolicyFor(string scope) => $"pages:{scope}";

    /// <summary>One policy per scope, each judged from the pages' cookie only, with the API's own scope test.</summary>
    public static AuthorizationBuilder AddPagePolicies(this AuthorizationBuilder builder)
    {
        builder.AddPolicy(SignedIn, policy => policy.AddAuthenticationSchemes(CookieScheme).RequireAuthenticatedUser());
        foreach (var scope in Scopes.All)
            builder.AddPolicy(PolicyFor(scope), policy => policy.AddAuthenticationSchemes(CookieScheme).RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.HasScope(scope)));
        return builder;
    }

    /// <summary>The page needs what the API operation it reads through needs: <paramref name="scope"/>.</summary>
    public static TBuilder RequirePageScope<TBuilder>(this TBuilder builder, string scope) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(PolicyFor(scope)).WithMetadata(new RequiredScope(scope));

    /// <summary>The cookie's principal: exactly the claims a bearer token for the same person carries.</summary>
    public static ClaimsPrincipal Principal(string subject, string? organisation, IEnumerable<string> scopes, string? displayName = null)
    {
        var claims = new List<Claim> { new("sub", subject), new(Scopes.ScopeClaim, string.Join(' ', scopes)) };
        if (!string.IsNullOrWhiteSpace(organisation))
            claims.Add(new Claim(Scopes.OrganisationClaim, organisation));
        if (!string.IsNullOrWhiteSpace(displayName))
            claims.Add(new Claim("name", displayName));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieScheme, "sub", null));
    }

    /// <summary>The scopes the principal holds, as its claims say.</summary>
    public static IReadOnlyList<string> ScopesOf(ClaimsPrincipal user) =>
        user.FindAll(Scopes.ScopeClaim).SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct().ToList();
}
