using IntegrationGovernance.Api.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace IntegrationGovernance.Api.Pages.SignIn;

/// <summary>
/// OpenID Connect for the pages: the authorisation code flow (with PKCE) against the issuer the API trusts. The person's
/// scopes and organisation are not taken from the ID token: the access token the issuer issues for the API's audience is
/// validated exactly as the API validates a bearer token (same issuer, audience, algorithms and keys), and its
/// <c>sub</c>, <c>scope</c> and <c>org</c> become the session's claims, so a page allows what the API would, no more.
/// </summary>
public static class OpenIdConnectSignIn
{
    public static AuthenticationBuilder AddPagesOpenIdConnect(this AuthenticationBuilder authentication, SecurityOptions security,
        OpenIdConnectClientOptions client, IHostEnvironment environment) =>
        authentication.AddOpenIdConnect(PageAccess.OpenIdConnectScheme, options =>
        {
            options.Authority = security.Authority;
            options.ClientId = client.ClientId;
            options.ClientSecret = client.ClientSecret;
            options.ResponseType = OpenIdConnectResponseType.Code;
            options.UsePkce = true;
            options.RequireHttpsMetadata = !environment.IsDevelopment();
            options.CallbackPath = client.CallbackPath;
            options.SignInScheme = PageAccess.CookieScheme;
            options.MapInboundClaims = false;
            options.SaveTokens = false; // the session keeps the claims, never the tokens
            options.GetClaimsFromUserInfoEndpoint = false;
            options.Scope.Clear();
            options.Scope.Add(OpenIdConnectScope.OpenId);
            foreach (var scope in client.Scopes)
                options.Scope.Add(scope);
            options.Events = new OpenIdConnectEvents { OnTokenValidated = AdoptAccessTokenAsync };
        });

    /// <summary>Replaces the ID token's principal with the access token's claims, validated as the API validates them.</summary>
    public static async Task AdoptAccessTokenAsync(Microsoft.AspNetCore.Authentication.OpenIdConnect.TokenValidatedContext context)
    {
        var accessToken = context.TokenEndpointResponse?.AccessToken;
        if (string.IsNullOrEmpty(accessToken))
        {
            context.Fail("The issuer returned no access token, so the register cannot tell this person's scopes and organisation.");
            return;
        }
        var jwt = context.HttpContext.RequestServices.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        var parameters = jwt.TokenValidationParameters.Clone();
        if (jwt.ConfigurationManager is { } manager)
        {
            // as JwtBearerHandler does: the issuer and signing keys from the issuer's metadata, beside any configured
            var configuration = await manager.GetConfigurationAsync(context.HttpContext.RequestAborted);
            parameters.ValidIssuers = [.. parameters.ValidIssuers ?? [], configuration.Issuer];
            parameters.IssuerSigningKeys = [.. parameters.IssuerSigningKeys ?? [], .. configuration.SigningKeys];
        }
        var result = await new JsonWebTokenHandler { MapInboundClaims = false }.ValidateTokenAsync(accessToken, parameters);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken token)
        {
            context.Fail(result.Exception ?? new SecurityTokenInvalidTypeExceptionAdapter());
            return;
        }
        var subject = token.Subject;
        if (string.IsNullOrEmpty(subject))
        {
            context.Fail("The access token names no subject (sub).");
            return;
        }
        token.TryGetPayloadValue<string>(Scopes.ScopeClaim, out var scope);
        token.TryGetPayloadValue<string>(Scopes.OrganisationClaim, out var organisation);
        var name = context.Principal?.FindFirst("name")?.Value;
        context.Principal = PageAccess.Principal(subject, organisation, (scope ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries), name);
        // the session lasts no longer than the access token it stands for
        context.Properties!.ExpiresUtc = token.ValidTo;
        context.Properties.IsPersistent = false;
    }

    private sealed class SecurityTokenInvalidTypeExceptionAdapter() : Exception("The access token is not a JWT the register can read.");
}
