using System.Net;
using IntegrationGovernance.Infrastructure.Webhooks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationGovernance.IntegrationTests.Support;

/// <summary>
/// The API in-process, over HTTP, against its own freshly migrated PostgreSQL database.
/// <see cref="WebApplicationFactory{T}.CreateClient()"/> gives a client with an admin token; use
/// <see cref="CreateClientAs"/> or <see cref="CreateAnonymousClient"/> to be someone else.
/// </summary>
public class RegisterApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>The test database, as a superuser (for setting up and inspecting what the API cannot).</summary>
    public string ConnectionString { get; protected set; } = string.Empty;

    public virtual async Task InitializeAsync() => ConnectionString = await TestDatabases.CreateAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await DropDatabaseAsync();
    }

    protected virtual async Task DropDatabaseAsync()
    {
        if (ConnectionString.Length > 0)
            await TestDatabases.DropAsync(ConnectionString);
    }

    /// <summary>
    /// Whether webhook deliveries may reach loopback, where the tests' receivers listen. The API itself never
    /// allows it (only <c>Webhooks:AllowPrivateNetworks</c> opens the guard): this is the tests' own allowance.
    /// </summary>
    protected virtual bool AllowsLoopbackReceivers => true;

    public HttpClient CreateClientAs(string subject, string? organisation, params string[] scopes) =>
        CreateAnonymousClient().WithToken(TestTokens.Mint(Services, subject, organisation, scopes));

    public HttpClient CreateAnonymousClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = null;
        return client;
    }

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        // outside Development (a factory that says so) there is no development key to mint with
        if (Services.GetRequiredService<Api.Security.DevelopmentTokens>().Available)
            TestTokens.Authorise(client, TestTokens.Mint(Services, TestTokens.AdminSubject, null, "admin"));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Development, whose configuration holds the key tests sign their tokens with
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Register", TestDatabases.AsApiRole(ConnectionString));
        builder.UseSetting("ConnectionStrings:RegisterMigrations", ConnectionString);
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        // tests run webhook deliveries themselves (WebhookDispatcher.RunOnceAsync), quickly
        builder.UseSetting("Webhooks:WorkerEnabled", "false");
        builder.UseSetting("Webhooks:RetryBaseDelay", "00:00:00.010");
        if (AllowsLoopbackReceivers)
            builder.ConfigureTestServices(services => services.AddSingleton(
                new WebhookAddressAllowance(new IPNetwork(IPAddress.Loopback, 8), new IPNetwork(IPAddress.IPv6Loopback, 128))));
    }
}
