using System.Diagnostics;
using DotNet.Testcontainers.Builders;
using Testcontainers.PostgreSql;

namespace IntegrationGovernance.IntegrationTests.Support;

/// <summary>
/// The one PostgreSQL server of a test run, found in this order: a connection string in
/// <c>INTEGRATION_TESTS_POSTGRES</c>; a container, when a Docker engine answers; a throwaway local cluster
/// started with the repository's own <c>scripts/postgres</c>. If none works the run fails, saying what to install.
/// </summary>
public static class PostgresServer
{
    public const string ConnectionStringVariable = "INTEGRATION_TESTS_POSTGRES";

    private static readonly Lazy<Task<string>> Server = new(StartAsync);

    /// <summary>A superuser connection string to the server's <c>postgres</c> database.</summary>
    public static Task<string> AdminConnectionStringAsync() => Server.Value;

    private static async Task<string> StartAsync()
    {
        if (Environment.GetEnvironmentVariable(ConnectionStringVariable) is { Length: > 0 } given)
            return given;
        try
        {
            var container = new PostgreSqlBuilder("postgres:16-alpine").Build();
            await container.StartAsync();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => container.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return container.GetConnectionString();
        }
        catch (DockerUnavailableException)
        {
            return await StartLocalClusterAsync();
        }
    }

    private static async Task<string> StartLocalClusterAsync()
    {
        var root = Repository.Root;
        var script = Path.Combine(root, "scripts", "postgres");
        var folder = Path.Combine(root, ".local", $"test-postgres-{Environment.ProcessId}");
        var (exitCode, output, error) = await RunAsync(script, "start", folder);
        if (exitCode != 0)
            throw new InvalidOperationException(
                "No PostgreSQL for the integration tests: INTEGRATION_TESTS_POSTGRES is not set, no Docker engine answers, "
                + $"and scripts/postgres could not start a local cluster ({error.Trim()}). "
                + "Install the server binaries (apt-get install -y postgresql), or set INTEGRATION_TESTS_POSTGRES to a server you own.");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => RunAsync(script, "destroy", folder).GetAwaiter().GetResult();
        return output.Trim().Split('\n')[^1];
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        // a test cluster need not survive a power cut
        start.Environment["PGLOCAL_FSYNC"] = "off";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not run {file}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
