using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace IntegrationGovernance.IntegrationTests.Support;

/// <summary>The API in-process, over HTTP, against its own freshly migrated PostgreSQL database.</summary>
public class RegisterApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>The test database, as a superuser (for setting up and inspecting what the API cannot).</summary>
    public string ConnectionString { get; protected set; } = string.Empty;

    public virtual async Task InitializeAsync() => ConnectionString = await TestDatabases.CreateAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (ConnectionString.Length > 0)
            await TestDatabases.DropAsync(ConnectionString);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Register", TestDatabases.AsApiRole(ConnectionString));
        builder.UseSetting("ConnectionStrings:RegisterMigrations", ConnectionString);
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
    }
}
