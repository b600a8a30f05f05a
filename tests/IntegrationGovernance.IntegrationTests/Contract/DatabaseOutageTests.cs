using System.Net;
using IntegrationGovernance.IntegrationTests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace IntegrationGovernance.IntegrationTests.Contract;

/// <summary>With the database unreachable the API answers 503 with Retry-After, never a 500 with internals.</summary>
public sealed class DatabaseOutageTests(DatabaseOutageTests.UnreachableDatabaseFactory api) : IClassFixture<DatabaseOutageTests.UnreachableDatabaseFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task Reads_are_answered_503_with_retry_after()
    {
        var response = await _client.GetAsync(Register.Organisations);

        var problem = await response.ReadProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("urn:integration-governance:problem:service-unavailable", (string?)problem["type"]);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.DoesNotContain("Npgsql", problem.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Writes_are_answered_503_with_retry_after()
    {
        var response = await _client.PostJsonAsync(Register.Organisations, Register.Organisation("Unreachable Council"));

        await response.ReadProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task Ready_fails_while_live_still_answers()
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await _client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/health/live")).StatusCode);
    }

    public sealed class UnreachableDatabaseFactory : WebApplicationFactory<Program>
    {
        protected override void ConfigureClient(HttpClient client)
        {
            base.ConfigureClient(client);
            TestTokens.Authorise(client, TestTokens.Mint(Services, TestTokens.AdminSubject, null, "admin"));
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            // port 9 (discard) on loopback: nothing listens, so every connection is refused at once
            builder.UseSetting("ConnectionStrings:Register", "Host=127.0.0.1;Port=9;Username=nobody;Database=nothing;Timeout=2");
            builder.UseSetting("Database:MaxRetryCount", "1");
            builder.UseSetting("Serilog:MinimumLevel:Default", "Fatal");
        }
    }
}
