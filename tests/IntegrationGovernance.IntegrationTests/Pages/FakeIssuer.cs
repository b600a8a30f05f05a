using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace IntegrationGovernance.IntegrationTests.Pages;

/// <summary>
/// A minimal OpenID Connect issuer on a loopback port, for the pages' sign-in outside Development: discovery, keys, an
/// authorise endpoint that answers with the code it would send back, and a token endpoint issuing an ID token and an
/// access token for the API's audience with the scopes and organisation the test chose.
/// </summary>
public sealed class FakeIssuer : IAsyncDisposable
{
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, (string Nonce, string ClientId)> _codes = new();
    private WebApplication? _app;

    public string Url { get; private set; } = string.Empty;

    /// <summary>What the next access token says of the person.</summary>
    public string Subject { get; set; } = "officer-1";

    public string Scope { get; set; } = "register:read";

    public string? Organisation { get; set; }

    private RsaSecurityKey Key => new(_rsa) { KeyId = "fake-issuer-key" };

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Url,
            ["authorization_endpoint"] = Url + "/authorize",
            ["token_endpoint"] = Url + "/token",
            ["jwks_uri"] = Url + "/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        _app.MapGet("/jwks", () =>
        {
            var key = _rsa.ExportParameters(false);
            return Results.Json(new
            {
                keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = Key.KeyId,
                n = Base64UrlEncoder.Encode(key.Modulus), e = Base64UrlEncoder.Encode(key.Exponent) } }
            });
        });
        // a real issuer would ask the person to sign in, then send the browser back; this says where and with what
        _app.MapGet("/authorize", (HttpRequest request) =>
        {
            var code = Guid.NewGuid().ToString("N");
            _codes[code] = (request.Query["nonce"].ToString(), request.Query["client_id"].ToString());
            return Results.Json(new Dictionary<string, string?>
            {
                ["code"] = code,
                ["state"] = request.Query["state"],
                ["redirect_uri"] = request.Query["redirect_uri"],
                ["response_mode"] = request.Query["response_mode"],
                ["code_challenge_method"] = request.Query["code_challenge_method"],
                ["scope"] = request.Query["scope"],
                ["response_type"] = request.Query["response_type"],
            });
        });
        _app.MapPost("/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            if (form["grant_type"] != "authorization_code" || string.IsNullOrEmpty(form["code_verifier"])
                || !_codes.TryRemove(form["code"].ToString(), out var issued))
                return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
            return Results.Json(new
            {
                id_token = Sign(issued.ClientId, new Dictionary<string, object> { ["nonce"] = issued.Nonce, ["name"] = "Officer One" }),
                access_token = AccessToken(),
                token_type = "Bearer",
                expires_in = 3600,
            });
        });
        await _app.StartAsync();
        Url = _app.Urls.First().TrimEnd('/');
    }

    /// <summary>An access token for the API, as the issuer would give any client.</summary>
    public string AccessToken()
    {
        var claims = new Dictionary<string, object> { ["scope"] = Scope };
        if (Organisation is not null)
            claims["org"] = Organisation;
        return Sign("integration-governance", claims);
    }

    private string Sign(string audience, Dictionary<string, object> claims)
    {
        claims["sub"] = Subject;
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Url,
            Audience = audience,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
        _rsa.Dispose();
    }
}
