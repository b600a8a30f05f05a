using System.Net;
using System.Net.Http.Headers;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.IntegrationTests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace IntegrationGovernance.IntegrationTests.Security;

/// <summary>The signing algorithm is the register's choice, not the token's.</summary>
public sealed class SigningAlgorithmTests(SigningAlgorithmTests.LongKeyFactory api) : IClassFixture<SigningAlgorithmTests.LongKeyFactory>
{
    [Fact]
    public async Task With_the_right_key_a_token_is_accepted_only_when_signed_with_the_pinned_algorithm()
    {
        var pinned = await SendAsync(SecurityAlgorithms.HmacSha256);
        var other = await SendAsync(SecurityAlgorithms.HmacSha512);

        Assert.Equal(HttpStatusCode.OK, pinned.StatusCode);
        await other.ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    private async Task<HttpResponseMessage> SendAsync(string algorithm)
    {
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = SecurityOptions.DevelopmentIssuer,
            Audience = "integration-governance",
            Claims = new Dictionary<string, object> { ["sub"] = "algorithm-test", ["scope"] = Scopes.RegisterRead },
            Expires = DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(LongKeyFactory.Key), algorithm),
        });
        var client = api.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync(Register.Organisations);
    }

    /// <summary>A development key long enough for HS512 too, so only the pinning can refuse it.</summary>
    public sealed class LongKeyFactory : RegisterApiFactory
    {
        public static readonly byte[] Key = Enumerable.Range(1, 64).Select(i => (byte)i).ToArray();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Authentication:DevelopmentSigningKey", Convert.ToBase64String(Key));
        }
    }
}
