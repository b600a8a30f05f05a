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
        var folder = Path.Combine(Repository.Root, ".local", $"test-postgres-{Environment.ProcessId}");
        var (exitCode, output, error) = await Scripts.PostgresAsync("start", folder);
        if (exitCode != 0)
            throw new InvalidOperationException(
                "No PostgreSQL for the integration tests: INTEGRATION_TESTS_POSTGRES is not set, no Docker engine answers, "
                + $"and scripts/postgres could not start a local cluster ({error.Trim()}). "
                + "Install the server binaries (apt-get install -y postgresql), or set INTEGRATION_TESTS_POSTGRES to a server you own.");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Scripts.PostgresAsync("destroy", folder).GetAwaiter().GetResult();
        return output.Trim().Split('\n')[^1];
    }
}
