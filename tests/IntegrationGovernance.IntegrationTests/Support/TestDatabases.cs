using IntegrationGovernance.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace IntegrationGovernance.IntegrationTests.Support;

/// <summary>
/// Migrations run once per test run, into a template database; each test class gets its own copy of it
/// (CREATE DATABASE ... TEMPLATE), so classes run in parallel without seeing each other's rows.
/// </summary>
public static class TestDatabases
{
    /// <summary>The login the API uses in tests: a member of register_writer that owns nothing, as in production.</summary>
    public const string ApiRole = "register_api";

    private static readonly string TemplateName = $"ig_template_{Environment.ProcessId}";
    private static readonly Lazy<Task> Template = new(CreateTemplateAsync);
    private static readonly SemaphoreSlim CopyLock = new(1, 1);

    public static async Task<string> CreateAsync()
    {
        await Template.Value;
        var name = $"ig_test_{Guid.NewGuid():N}";
        await CopyLock.WaitAsync();
        try
        {
            await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{TemplateName}\"");
        }
        finally
        {
            CopyLock.Release();
        }
        return await ConnectionStringForAsync(name);
    }

    /// <summary>A database with nothing in it, not even the schema: for tests of the migration runner itself.</summary>
    public static async Task<string> CreateEmptyAsync()
    {
        await Template.Value; // which also creates the API's role
        var name = $"ig_empty_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE DATABASE \"{name}\"");
        return await ConnectionStringForAsync(name);
    }

    /// <summary>The same database, as the API's own role.</summary>
    public static string AsApiRole(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Username = ApiRole, Password = ApiRole }.ConnectionString;

    public static async Task DropAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using (var connection = new NpgsqlConnection(connectionString))
            NpgsqlConnection.ClearPool(connection);
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    /// <summary>
    /// A migrated database on a server of the test's own (one it may restart, say), with the API's role;
    /// returns its superuser connection string.
    /// </summary>
    public static async Task<string> CreateOnServerAsync(string serverConnectionString)
    {
        var database = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = $"ig_test_{Guid.NewGuid():N}" }.ConnectionString;
        await ExecuteAsync(serverConnectionString, $"CREATE DATABASE \"{new NpgsqlConnectionStringBuilder(database).Database}\"");
        await MigrateAsync(database);
        await EnsureApiRoleAsync(serverConnectionString);
        return database;
    }

    private static async Task CreateTemplateAsync()
    {
        var server = await PostgresServer.AdminConnectionStringAsync();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{TemplateName}\" WITH (FORCE)");
        await ExecuteAsync($"CREATE DATABASE \"{TemplateName}\"");
        await MigrateAsync(await ConnectionStringForAsync(TemplateName));
        await EnsureApiRoleAsync(server);
        // a template must have no open connections when it is copied
        NpgsqlConnection.ClearAllPools();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            // on a server the run started itself this is moot (it is gone); on a shared one it tidies up
            try { ExecuteAsync($"DROP DATABASE IF EXISTS \"{TemplateName}\" WITH (FORCE)").GetAwaiter().GetResult(); }
            catch (NpgsqlException) { }
        };
    }

    private static async Task MigrateAsync(string connectionString)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"ConnectionStrings:{DatabaseOptions.RegisterConnection}"] = connectionString })
            .Build();
        await new DatabaseMigrator(configuration, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
    }

    private static Task EnsureApiRoleAsync(string serverConnectionString) => ExecuteAsync(serverConnectionString, $"""
        DO $$
        BEGIN
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{ApiRole}') THEN
                CREATE ROLE {ApiRole} LOGIN PASSWORD '{ApiRole}' IN ROLE register_writer;
            END IF;
        END
        $$
        """);

    private static async Task<string> ConnectionStringForAsync(string database) =>
        new NpgsqlConnectionStringBuilder(await PostgresServer.AdminConnectionStringAsync()) { Database = database }.ConnectionString;

    private static async Task ExecuteAsync(string sql) => await ExecuteAsync(await PostgresServer.AdminConnectionStringAsync(), sql);

    private static async Task ExecuteAsync(string serverConnectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
