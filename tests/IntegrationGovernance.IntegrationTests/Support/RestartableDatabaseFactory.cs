using Microsoft.AspNetCore.Hosting;

namespace IntegrationGovernance.IntegrationTests.Support;

/// <summary>
/// The API against a PostgreSQL cluster of its own, started with <c>scripts/postgres</c>, so a test can restart
/// the database under it without disturbing the other test classes.
/// </summary>
public sealed class RestartableDatabaseFactory : RegisterApiFactory
{
    private readonly string _folder = Path.Combine(Repository.Root, ".local", $"restartable-{Guid.NewGuid():N}");

    public override async Task InitializeAsync()
    {
        await Scripts.PostgresAsync("install");
        var (exitCode, output, error) = await Scripts.PostgresAsync("start", _folder);
        if (exitCode != 0)
            throw new InvalidOperationException($"scripts/postgres could not start a cluster for the restart tests: {error.Trim()}");
        ConnectionString = await TestDatabases.CreateOnServerAsync(output.Trim().Split('\n')[^1]);
    }

    /// <summary>Restarts the cluster (<c>fast</c>: sessions are ended cleanly; <c>immediate</c>: a crash and recovery) and waits until it accepts connections.</summary>
    public async Task RestartDatabaseAsync(string mode)
    {
        var (exitCode, _, error) = await Scripts.PostgresAsync("restart", _folder, mode);
        Assert.True(exitCode == 0, $"pg_ctl restart -m {mode} failed: {error}");
    }

    // stopping the cluster ends its connections; other classes' pools are not this one's to clear
    protected override Task DropDatabaseAsync() => Scripts.PostgresAsync("destroy", _folder);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // a dead connection is noticed on first use; a refused connect fails fast rather than after the default 15 s
        builder.UseSetting("ConnectionStrings:Register", $"{TestDatabases.AsApiRole(ConnectionString)};Timeout=5");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Fatal");
        // thousands of writes from one client in a few seconds are the point here, not a client to slow down
        builder.UseSetting("RateLimiting:PermitLimit", "1000000");
    }
}
