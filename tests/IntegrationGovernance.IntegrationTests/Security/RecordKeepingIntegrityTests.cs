using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.IntegrationTests.Support;
using Npgsql;

namespace IntegrationGovernance.IntegrationTests.Security;

/// <summary>
/// Connected as the API's own database role, nothing forges the record: history, audit, the time a change became
/// visible and an agreement's periods are written only by the database's own functions.
/// </summary>
public sealed class RecordKeepingIntegrityTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _admin = api.CreateClient();

    [Theory]
    [InlineData("INSERT INTO revisions (resource, record_id, revision, kind, recorded_at, actor_subject, changed_fields, data) "
        + "VALUES ('organisations', gen_random_uuid(), 1, 'created', now(), 'forger', '{}', '{}')")]
    [InlineData("INSERT INTO audit (occurred_at, actor_subject, action, resource, record_id) VALUES (now(), 'forger', 'created', 'organisations', gen_random_uuid())")]
    [InlineData("UPDATE revisions SET committed_at = now() - interval '10 years' WHERE id = (SELECT min(id) FROM revisions)")]
    [InlineData("UPDATE revisions SET position = NULL WHERE id = (SELECT min(id) FROM revisions)")]
    [InlineData("INSERT INTO agreement_terms (agreement_id, recorded_in, valid, reference, basis, status, active, party_ids, party_roles, services) "
        + "SELECT id, 1, daterange('2000-01-01', NULL), reference, basis, 'Active', true, '{}', '{}', '{}' FROM agreements LIMIT 1")]
    [InlineData("UPDATE agreement_party_terms SET superseded_in = 1")]
    [InlineData("INSERT INTO agreement_search (agreement_id, recorded_in, reference, document) SELECT id, 1, reference, to_tsvector('forged') FROM agreements LIMIT 1")]
    public async Task The_api_role_cannot_write_what_the_record_keeping_keeps(string forgery)
    {
        await _admin.CreateOrganisationAsync(Register.Organisation("Integrity Council", OrganisationType.UnitaryAuthority, gss: Support.Agreements.UniqueGss()));
        await using var connection = new NpgsqlConnection(TestDatabases.AsApiRole(api.ConnectionString));
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await new NpgsqlCommand("SELECT set_config('register.actor_subject', 'forger', true)", connection, transaction).ExecuteScalarAsync();

        var refused = await Assert.ThrowsAsync<PostgresException>(() => new NpgsqlCommand(forgery, connection, transaction).ExecuteNonQueryAsync());

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }

    [Fact]
    public async Task A_temporary_table_named_like_the_history_does_not_take_the_record_of_a_change()
    {
        var (council, _) = await _admin.CreateAsync(Register.Organisation("Shadowed Council", OrganisationType.UnitaryAuthority, gss: Support.Agreements.UniqueGss()));
        await using var connection = new NpgsqlConnection(TestDatabases.AsApiRole(api.ConnectionString));
        await connection.OpenAsync();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await new NpgsqlCommand("""
                CREATE TEMP TABLE revisions (LIKE public.revisions INCLUDING DEFAULTS) ON COMMIT DROP;
                CREATE TEMP TABLE audit (LIKE public.audit INCLUDING DEFAULTS) ON COMMIT DROP;
                SELECT set_config('register.actor_subject', 'shadow-test', true);
                """, connection, transaction).ExecuteNonQueryAsync();
            await new NpgsqlCommand($"UPDATE organisations SET name = 'Shadowed Council (renamed)' WHERE id = '{council.Id}'", connection, transaction).ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }

        Assert.Equal(1L, await Sql.ScalarAsync<long>(api.ConnectionString,
            $"SELECT count(*) FROM public.revisions WHERE record_id = '{council.Id}' AND actor_subject = 'shadow-test'"));
        Assert.Equal(1L, await Sql.ScalarAsync<long>(api.ConnectionString,
            $"SELECT count(*) FROM public.audit WHERE record_id = '{council.Id}' AND actor_subject = 'shadow-test'"));
    }
}
