using IntegrationGovernance.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IntegrationGovernance.IntegrationTests.Resilience;

/// <summary>One request cannot hold a connection for long (issue 14 item 10): the API's own sessions carry both timeouts.</summary>
public sealed class ConnectionTimeoutTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    [Fact]
    public async Task The_APIs_own_connections_time_out_long_statements_and_idle_transactions()
    {
        _ = api.CreateClient(); // starts the host
        await using var connection = await api.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();

        Assert.Equal(TestDatabases.ApiRole, await ShowAsync(connection, "SELECT current_user"));
        Assert.Equal("30s", await ShowAsync(connection, "SHOW statement_timeout"));
        Assert.Equal("1min", await ShowAsync(connection, "SHOW idle_in_transaction_session_timeout"));
    }

    private static async Task<string> ShowAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
