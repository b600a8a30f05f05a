using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.IntegrationTests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace IntegrationGovernance.IntegrationTests.Security;

public sealed class TokenValidationTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    [Fact]
    public async Task A_valid_development_token_is_accepted()
    {
        var response = await SendAsync(Token());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var problem = await (await SendAsync(Token(expires: DateTime.UtcNow.AddMinutes(-5)))).ReadProblemAsync(HttpStatusCode.Unauthorized);

        Assert.Equal("urn:integration-governance:problem:unauthorized", (string?)problem["type"]);
    }

    [Fact]
    public async Task A_token_for_another_audience_is_refused() =>
        await (await SendAsync(Token(audience: "some-other-api"))).ReadProblemAsync(HttpStatusCode.Unauthorized);

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused() =>
        await (await SendAsync(Token(key: new SymmetricSecurityKey(new byte[32])))).ReadProblemAsync(HttpStatusCode.Unauthorized);

    [Fact]
    public async Task A_token_from_another_issuer_is_refused() =>
        await (await SendAsync(Token(issuer: "someone-else"))).ReadProblemAsync(HttpStatusCode.Unauthorized);

    [Fact]
    public async Task No_token_is_a_401_problem_with_a_bearer_challenge()
    {
        var response = await api.CreateAnonymousClient().GetAsync(Register.Organisations);

        await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public void The_development_key_is_refused_outside_development()
    {
        var key = api.Services.GetRequiredService<IConfiguration>()["Authentication:DevelopmentSigningKey"];
        using var production = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Authentication:DevelopmentSigningKey", key);
        });

        var refusal = Assert.ThrowsAny<Exception>(() => production.CreateClient());

        Assert.Contains("only for Development", Flatten(refusal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_accepts_no_token_signed_with_the_development_key()
    {
        // without an issuer Production does not start at all (StartupCheckTests); with one, the development key means nothing
        using var production = new WebApplicationFactory<Program>().WithWebHostBuilder(builder => builder.UseEnvironment("Production")
            .UseSetting("Authentication:Authority", "https://issuer.invalid"));
        var client = production.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token());

        var response = await client.GetAsync(Register.Organisations);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<HttpResponseMessage> SendAsync(string token)
    {
        var client = api.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync(Register.Organisations);
    }

    private string Token(string audience = "integration-governance", string issuer = SecurityOptions.DevelopmentIssuer,
        DateTime? expires = null, SecurityKey? key = null)
    {
        key ??= new SymmetricSecurityKey(Convert.FromBase64String(api.Services.GetRequiredService<IConfiguration>()["Authentication:DevelopmentSigningKey"]!));
        var end = expires ?? DateTime.UtcNow.AddMinutes(10);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = new Dictionary<string, object> { ["sub"] = "token-test", ["scope"] = Scopes.RegisterRead },
            NotBefore = end.AddMinutes(-20),
            IssuedAt = end.AddMinutes(-20),
            Expires = end,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }

    private static string Flatten(Exception exception) =>
        exception.InnerException is null ? exception.Message : exception.Message + " " + Flatten(exception.InnerException);
}

public sealed class RequestLimitTests(RequestLimitTests.TightLimitsFactory api) : IClassFixture<RequestLimitTests.TightLimitsFactory>
{
    [Fact]
    public async Task A_client_over_its_rate_limit_gets_429_with_retry_after_while_others_carry_on()
    {
        var greedy = api.CreateClientAs("greedy", null, Scopes.RegisterRead);
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await greedy.GetAsync("/api/v1/changes")).StatusCode);

        var refused = await greedy.GetAsync("/api/v1/changes");

        var problem = await refused.ReadProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("urn:integration-governance:problem:rate-limited", (string?)problem["type"]);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.OK, (await api.CreateClientAs("modest", null, Scopes.RegisterRead).GetAsync("/api/v1/changes")).StatusCode);
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_413_and_writes_nothing()
    {
        var client = api.CreateClientAs("big-sender", null, Scopes.Admin);
        var name = new string('x', 3000);
        var body = new JsonObject { ["name"] = name, ["type"] = "PartnershipBoard" }.ToJsonString();

        var problem = await (await client.PostRawJsonAsync(Register.Organisations, body)).ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal("urn:integration-governance:problem:payload-too-large", (string?)problem["type"]);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(api.ConnectionString, "SELECT count(*) FROM organisations"));
    }

    public sealed class TightLimitsFactory : RegisterApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("RateLimiting:PermitLimit", "5");
            builder.UseSetting("RateLimiting:Window", "00:10:00");
            builder.UseSetting("Limits:MaxRequestBodyBytes", "2048");
        }
    }
}
