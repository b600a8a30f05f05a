using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.IntegrationTests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace IntegrationGovernance.IntegrationTests.Security;

/// <summary>In production, an issuer named in configuration with its public keys pinned in a JSON Web Key Set file.</summary>
public sealed class PinnedIssuerKeysTests(PinnedIssuerKeysTests.PinnedKeysFactory api) : IClassFixture<PinnedIssuerKeysTests.PinnedKeysFactory>
{
    [Fact]
    public async Task A_token_of_the_pinned_issuer_signed_by_its_key_is_accepted()
    {
        var response = await SendAsync(PinnedKeysFactory.Key, PinnedKeysFactory.Issuer);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_token_signed_by_another_key_or_naming_another_issuer_is_refused()
    {
        using var other = RSA.Create(2048);

        await (await SendAsync(other, PinnedKeysFactory.Issuer)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        await (await SendAsync(PinnedKeysFactory.Key, "https://someone-else.example")).ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_development_key_is_not_trusted_there()
    {
        var client = api.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = SecurityOptions.DevelopmentIssuer,
            Audience = "integration-governance",
            Claims = new Dictionary<string, object> { ["sub"] = "pinned-test", ["scope"] = Scopes.RegisterRead },
            Expires = DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(new byte[32]), SecurityAlgorithms.HmacSha256),
        }));

        await (await client.GetAsync(Register.Organisations)).ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    private async Task<HttpResponseMessage> SendAsync(RSA key, string issuer)
    {
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = "integration-governance",
            Claims = new Dictionary<string, object> { ["sub"] = "pinned-test", ["scope"] = Scopes.RegisterRead },
            Expires = DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key) { KeyId = "pinned" }, SecurityAlgorithms.RsaSha256),
        });
        var client = api.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync(Register.Organisations);
    }

    public sealed class PinnedKeysFactory : RegisterApiFactory
    {
        public const string Issuer = "https://issuer.pinned.example";
        public static readonly RSA Key = RSA.Create(2048);
        private readonly string _keysFile = Path.Combine(Path.GetTempPath(), $"pinned-keys-{Guid.NewGuid():N}.json");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            var parameters = Key.ExportParameters(includePrivateParameters: false);
            File.WriteAllText(_keysFile, JsonSerializer.Serialize(new
            {
                keys = new[]
                {
                    new { kty = "RSA", use = "sig", kid = "pinned", n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) },
                },
            }));
            builder.UseEnvironment("Production");
            builder.UseSetting("Authentication:Issuer", Issuer);
            builder.UseSetting("Authentication:SigningKeysFile", _keysFile);
        }

        protected override async Task DropDatabaseAsync()
        {
            File.Delete(_keysFile);
            await base.DropDatabaseAsync();
        }
    }
}
