using IntegrationGovernance.IntegrationTests.Support;
using Npgsql;

namespace IntegrationGovernance.IntegrationTests.RecordKeeping;

/// <summary>
/// A new table of the register cannot go unaudited: every table is either a register record, with its recording
/// trigger, its grants to the writer role and its branch of record_parties(), or named here as something else.
/// </summary>
public sealed class RecordKeepingConventionTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    /// <summary>Tables that are not register records, and why.</summary>
    private static readonly Dictionary<string, string> NotRecords = new()
    {
        ["__ef_migrations_history"] = "the schema's own version",
        ["revisions"] = "the history the recording trigger writes",
        ["audit"] = "the audit trail the recording trigger writes",
        ["idempotency_keys"] = "stored responses for safe retries, kept for a day",
        ["agreement_terms"] = "an agreement's periods, written by the database from the agreement's row",
        ["agreement_party_terms"] = "the parties of those periods, written beside them",
        ["agreement_search"] = "an agreement's search document, written by the database from the agreement's row",
        ["succession_parties"] = "the index rows of a succession, written with it",
        ["ledger_lines"] = "the lines of a ledger booking, which is the record",
        ["ledger_period_totals"] = "running totals of the ledger lines per fund, year, period and category, written by the database with every line; the API's role only reads them",
        ["webhook_subscriptions"] = "delivery settings of one organisation, not a record of the register",
        ["webhook_deliveries"] = "the delivery log",
        ["webhook_delivery_leases"] = "which worker is delivering for a subscription",
        ["data_protection_keys"] = "the Data Protection key ring that webhook secrets and stored responses are encrypted with",
        ["record_provenance"] = "where a demo record comes from (paper, paragraphs, illustrative facts): written once by the demo loader beside the records it adds, never changed",
    };

    [Fact]
    public async Task Every_table_is_a_recorded_register_record_or_named_as_something_else()
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        var tables = await ListAsync(connection, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
        var recorded = await ListAsync(connection, """
            SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
            WHERE p.proname = 'register_record_change' AND NOT t.tgisinternal
            """);
        var writable = await ListAsync(connection, """
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r' AND has_table_privilege('register_writer', c.oid, 'SELECT')
              AND has_table_privilege('register_writer', c.oid, 'INSERT')
            """);
        var parties = await ListAsync(connection, "SELECT pg_get_functiondef('public.record_parties(text, uuid)'::regprocedure)");

        var records = tables.Where(t => !NotRecords.ContainsKey(t)).ToList();
        Assert.NotEmpty(records);
        Assert.All(records, table =>
        {
            Assert.True(recorded.Contains(table), $"{table} has no trigger running register_record_change()");
            Assert.True(writable.Contains(table), $"register_writer may not read and insert into {table}");
            Assert.True(parties[0].Contains($"WHEN '{table}'", StringComparison.Ordinal), $"record_parties() has no branch for {table}");
        });
        Assert.Empty(NotRecords.Keys.Except(tables));
    }

    [Fact]
    public async Task The_resources_the_contract_names_are_exactly_the_recorded_tables()
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        var recorded = await ListAsync(connection, """
            SELECT DISTINCT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
            WHERE p.proname = 'register_record_change' AND NOT t.tgisinternal ORDER BY c.relname
            """);

        // the change feed, history, audit trail and webhooks name a record by its table; the contract declares them as ChangeResource
        Assert.Equal(recorded.Order(StringComparer.Ordinal), Api.RecordKeeping.ChangeResources.All.Order(StringComparer.Ordinal));
        Assert.Empty(Api.RecordKeeping.ProvenanceResources.All.Except(recorded));
    }

    private static async Task<List<string>> ListAsync(NpgsqlConnection connection, string sql)
    {
        var found = new List<string>();
        await using var reader = await new NpgsqlCommand(sql, connection).ExecuteReaderAsync();
        while (await reader.ReadAsync())
            found.Add(reader.GetString(0));
        return found;
    }
}
