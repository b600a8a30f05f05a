using IntegrationGovernance.Api.Security;

namespace IntegrationGovernance.Api.Pages;

/// <summary>
/// <c>Pages</c>: how officers sign in to the pages outside Development, by OpenID Connect against the issuer the API
/// trusts (<c>Authentication:Authority</c>). In Development they sign in on a local page instead, and this is not read.
/// </summary>
public sealed class PagesOptions
{
    public const string Section = "Pages";

    public OpenIdConnectClientOptions OpenIdConnect { get; set; } = new();
}

/// <summary>The pages' client at the issuer: a confidential client using the authorisation code flow with PKCE.</summary>
public sealed class OpenIdConnectClientOptions
{
    /// <summary>The client id the issuer knows the pages by; the pages are off outside Development without it.</summary>
    public string? ClientId { get; set; }

    /// <summary>The client's secret (keep it in a secret store, not in appsettings).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// The scopes asked for besides <c>openid</c>: the register's own, which the issuer puts in the access token it
    /// issues for the API's audience, as it does for any API client.
    /// </summary>
    public List<string> Scopes { get; set; } = [Security.Scopes.RegisterRead, Security.Scopes.FinanceRead, Security.Scopes.PeopleRead];

    /// <summary>Where the issuer sends the browser back with the code.</summary>
    public string CallbackPath { get; set; } = "/sign-in/callback";

    public bool Configured => !string.IsNullOrWhiteSpace(ClientId);
}
