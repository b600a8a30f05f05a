using System.Net;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.RecordKeeping;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.IntegrationTests.Support;
using Npgsql;

namespace IntegrationGovernance.IntegrationTests.DemoData;

/// <summary>Every demo record says, in the register, which paper it comes from and which of its facts are illustrative.</summary>
public sealed class DemoProvenanceTests(DemoDataTests.SeededApiFactory api) : IClassFixture<DemoDataTests.SeededApiFactory>
{
    private static readonly string[] Papers =
        ["000_159dafa09115ce7c.txt", "001_fcba5aa4fc0dcaef.txt", "002_a0411d610d456d0b.txt", "003_2ca2add74d2ce439.txt", "004_739ba87461664785.txt"];

    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task Every_demo_record_of_every_kind_has_its_provenance()
    {
        // every table the register records (its recording trigger), and every row in it: the seeded register holds demo records only
        var records = await RecordsAsync();
        var provenance = await AllProvenanceAsync(_client);

        Assert.Subset(records.Select(r => r.Resource).ToHashSet(),
            new HashSet<string> { "accountability_lines", "agreements", "contributions", "ledger_bookings", "organisations", "pooled_funds", "posts", "secondments", "successions" });
        var found = provenance.ToDictionary(p => (p.Resource, p.RecordId));
        Assert.All(records, record => Assert.True(found.ContainsKey(record), $"{record.Resource} {record.Id} has no provenance"));
        Assert.Equal(records.Count, provenance.Count);
        Assert.All(provenance, p =>
        {
            Assert.False(string.IsNullOrWhiteSpace(p.Note));
            Assert.All(p.Illustrative, path => Assert.StartsWith("$", path, StringComparison.Ordinal));
            if (p.Paper is null)
                Assert.Contains(p.Resource, new[] { "organisations", "successions" }); // successor bodies and successions: the public record
            else
                Assert.Contains(p.Paper, Papers);
            Assert.Equal(p.Paper is null, p.PaperTitle is null);
        });
        Assert.All(Papers, paper => Assert.Contains(provenance, p => p.Paper == paper));
    }

    [Fact]
    public async Task A_records_provenance_is_found_by_resource_and_id_and_a_papers_by_paper()
    {
        var posts = await (await _client.GetAsync("/api/v1/provenance?resource=posts&limit=500")).ReadAsync<Page<ProvenanceResponse>>(HttpStatusCode.OK);
        var one = posts.Items.First(p => p.Paper == "000_159dafa09115ce7c.txt");

        var byId = await (await _client.GetAsync($"/api/v1/provenance?resource=posts&recordId={one.RecordId}")).ReadAsync<Page<ProvenanceResponse>>(HttpStatusCode.OK);
        var byPaper = await (await _client.GetAsync("/api/v1/provenance?paper=000_159dafa09115ce7c.txt&limit=500")).ReadAsync<Page<ProvenanceResponse>>(HttpStatusCode.OK);
        var unknown = await (await _client.GetAsync("/api/v1/provenance?resource=people")).ReadProblemAsync(HttpStatusCode.BadRequest);

        var found = Assert.Single(byId.Items);
        Assert.Equal((one.Resource, one.RecordId, one.Paper, one.Note), (found.Resource, found.RecordId, found.Paper, found.Note));
        Assert.Equal(one.Illustrative, found.Illustrative);
        Assert.All(byPaper.Items, p => Assert.Equal("000_159dafa09115ce7c.txt", p.Paper));
        Assert.Contains(byPaper.Items, p => p.Resource == "agreements");
        Assert.Contains(byPaper.Items, p => p.Resource == "accountability_lines");
        Assert.NotEmpty(unknown.ErrorsFor("resource"));
    }

    [Fact]
    public async Task Pages_of_provenance_follow_one_another_without_a_gap()
    {
        var all = await AllProvenanceAsync(_client);
        var seen = new List<(string, Guid)>();
        string? next = "/api/v1/provenance?limit=7";
        while (next is not null)
        {
            var page = await (await _client.GetAsync(next)).ReadAsync<Page<ProvenanceResponse>>(HttpStatusCode.OK);
            seen.AddRange(page.Items.Select(p => (p.Resource, p.RecordId)));
            next = page.Next;
        }

        Assert.Equal(all.Select(p => (p.Resource, p.RecordId)), seen);
    }

    [Fact]
    public async Task A_secondments_provenance_is_shown_only_to_who_may_see_the_secondment()
    {
        var stockton = await Sql.ScalarAsync<Guid>(api.ConnectionString, "SELECT id FROM organisations WHERE gss_code = 'E06000004'");
        var harrow = "E09000015";

        var host = await AllProvenanceAsync(api.CreateClientAs("hr", "E06000004", Scopes.RegisterRead, Scopes.PeopleRead), "secondments");
        var unrelated = await AllProvenanceAsync(api.CreateClientAs("hr", harrow, Scopes.RegisterRead, Scopes.PeopleRead), "secondments");
        var withoutScope = await AllProvenanceAsync(api.CreateClientAs("reader", "E06000004", Scopes.RegisterRead), "secondments");

        var hosted = Assert.Single(host);
        Assert.Equal(stockton, await Sql.ScalarAsync<Guid>(api.ConnectionString, $"SELECT host_id FROM secondments WHERE id = '{hosted.RecordId}'"));
        Assert.Empty(unrelated);
        Assert.Empty(withoutScope);
        Assert.Equal(2, (await AllProvenanceAsync(_client, "secondments")).Count);
    }

    private static async Task<List<ProvenanceResponse>> AllProvenanceAsync(HttpClient client, string? resource = null)
    {
        var all = new List<ProvenanceResponse>();
        string? next = resource is null ? "/api/v1/provenance?limit=500" : $"/api/v1/provenance?resource={resource}&limit=500";
        while (next is not null)
        {
            var page = await (await client.GetAsync(next)).ReadAsync<Page<ProvenanceResponse>>(HttpStatusCode.OK);
            all.AddRange(page.Items);
            next = page.Next;
        }
        return all;
    }

    private async Task<List<(string Resource, Guid Id)>> RecordsAsync()
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var reader = await new NpgsqlCommand("""
            SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
            WHERE p.proname = 'register_record_change' AND NOT t.tgisinternal ORDER BY c.relname
            """, connection).ExecuteReaderAsync())
            while (await reader.ReadAsync())
                tables.Add(reader.GetString(0));
        var records = new List<(string, Guid)>();
        foreach (var table in tables)
        {
            // the table names come from the catalogue, not from input
            await using var reader = await new NpgsqlCommand($"SELECT id FROM \"{table}\"", connection).ExecuteReaderAsync();
            while (await reader.ReadAsync())
                records.Add((table, reader.GetGuid(0)));
        }
        return records;
    }
}
