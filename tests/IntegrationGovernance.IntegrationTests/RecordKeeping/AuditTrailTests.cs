using System.Net;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.RecordKeeping;
using IntegrationGovernance.IntegrationTests.Support;
using Npgsql;

namespace IntegrationGovernance.IntegrationTests.RecordKeeping;

public sealed class AuditTrailTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task Every_write_leaves_an_audit_row_with_before_and_after()
    {
        var (created, etag) = await _client.CreateAsync(Register.Organisation("Dudley PCT", Domain.Organisations.OrganisationType.PrimaryCareTrust));
        await _client.SendWithIfMatchAsync(HttpMethod.Put, $"{Register.Organisations}/{created.Id}",
            Register.Organisation("Dudley Primary Care Trust", Domain.Organisations.OrganisationType.PrimaryCareTrust), etag);

        var audit = await (await _client.GetAsync($"/api/v1/audit?recordId={created.Id}")).ReadAsync<Page<AuditEntryResponse>>(HttpStatusCode.OK);

        Assert.Equal(["UpdateOrganisation", "CreateOrganisation"], audit.Items.Select(a => a.Action));
        Assert.All(audit.Items, a => Assert.Equal("organisations", a.Resource));
        Assert.All(audit.Items, a => Assert.Equal(TestTokens.AdminSubject, a.Actor.Subject));
        Assert.Null(audit.Items[1].Before);
        Assert.Equal("Dudley PCT", audit.Items[0].Before!.Value.GetProperty("name").GetString());
        Assert.Equal("Dudley Primary Care Trust", audit.Items[0].After.GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(audit.Items[0].CorrelationId));
    }

    [Fact]
    public async Task A_successions_audit_row_says_who_succeeded_whom()
    {
        var before = await _client.CreateOrganisationAsync(Register.Organisation($"Audited predecessor {Guid.NewGuid():N}"));
        var after = await _client.CreateOrganisationAsync(Register.Organisation($"Audited successor {Guid.NewGuid():N}"));
        var succession = await _client.RecordSuccessionAsync(Register.Succession([before], [after], "2013-04-01", Domain.Successions.SuccessionKind.Rename));

        var audit = await (await _client.GetAsync($"/api/v1/audit?recordId={succession.Id}")).ReadAsync<Page<AuditEntryResponse>>(HttpStatusCode.OK);

        var entry = Assert.Single(audit.Items);
        Assert.Equal("CreateSuccession", entry.Action);
        var history = await (await _client.GetAsync($"{Register.Successions}/{succession.Id}/history"))
            .ReadAsync<Page<Api.RecordKeeping.RevisionResponse<Api.Organisations.SuccessionResponse>>>(HttpStatusCode.OK);
        Assert.Equal([before.Id], Assert.Single(history.Items).Record.PredecessorIds);
        Assert.Equal(before.Id, entry.After.GetProperty("predecessor_ids")[0].GetGuid());
        Assert.Equal(after.Id, entry.After.GetProperty("successor_ids")[0].GetGuid());
    }

    [Theory]
    [InlineData("UPDATE audit SET action = 'tampered'")]
    [InlineData("DELETE FROM audit")]
    [InlineData("TRUNCATE audit")]
    [InlineData("UPDATE revisions SET data = '{}'::jsonb")]
    [InlineData("DELETE FROM revisions")]
    public async Task The_api_role_cannot_change_or_delete_the_record_of_changes(string sql)
    {
        await _client.CreateOrganisationAsync(Register.Organisation($"Tamper target {Guid.NewGuid():N}"));
        var before = await CountAsync();

        await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecuteAsync(TestDatabases.AsApiRole(api.ConnectionString), sql));

        Assert.Equal(before, await CountAsync());
    }

    [Theory]
    [InlineData("UPDATE audit SET action = 'tampered'")]
    [InlineData("DELETE FROM audit")]
    [InlineData("TRUNCATE audit")]
    public async Task Even_the_owner_is_refused_by_the_audit_triggers(string sql)
    {
        await _client.CreateOrganisationAsync(Register.Organisation($"Owner tamper target {Guid.NewGuid():N}"));

        var refusal = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecuteAsync(api.ConnectionString, sql));

        Assert.Contains("append-only", refusal.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_that_does_not_say_who_makes_it_is_refused_by_the_database()
    {
        var refusal = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecuteAsync(TestDatabases.AsApiRole(api.ConnectionString), """
            INSERT INTO organisations (id, name, type, created_at, updated_at)
            VALUES (gen_random_uuid(), 'Unrecorded body', 'PartnershipBoard', now(), now())
            """));

        Assert.Contains("does not say who makes it", refusal.MessageText, StringComparison.Ordinal);
    }

    private Task<long> CountAsync() =>
        Sql.ScalarAsync<long>(api.ConnectionString, "SELECT (SELECT count(*) FROM audit) * 1000000 + (SELECT count(*) FROM revisions)");
}
