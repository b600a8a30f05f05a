using System.Collections.Concurrent;
using System.Net;
using IntegrationGovernance.Api.RecordKeeping;
using IntegrationGovernance.IntegrationTests.Support;
using Npgsql;

namespace IntegrationGovernance.IntegrationTests.RecordKeeping;

public sealed class ChangeFeedTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task With_eight_concurrent_writers_a_poller_sees_every_change_once_and_in_order()
    {
        var start = (await ReadAsync(0, 500)).LastPosition;
        var seen = new List<ChangeResponse>();
        using var writersDone = new CancellationTokenSource();

        var poller = Task.Run(async () =>
        {
            var after = start;
            while (true)
            {
                var finished = writersDone.IsCancellationRequested;
                var page = await ReadAsync(after, 7);
                seen.AddRange(page.Items);
                after = page.LastPosition;
                if (finished && page.Items.Count == 0)
                    return;
            }
        });
        var written = new ConcurrentBag<Guid>();
        var writers = Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                var (created, etag) = await _client.CreateAsync(Register.Organisation($"Writer {writer} body {i}"));
                await _client.SendWithIfMatchAsync(HttpMethod.Put, $"{Register.Organisations}/{created.Id}",
                    Register.Organisation($"Writer {writer} body {i} renamed"), etag);
                written.Add(created.Id);
            }
        }));
        await Task.WhenAll(writers);
        await writersDone.CancelAsync();
        await poller;

        Assert.Equal(Enumerable.Range(1, seen.Count).Select(i => start + i), seen.Select(c => c.Position));
        Assert.Equal(80, seen.Count);
        Assert.Equal(written.Order(), seen.Select(c => c.Id).Distinct().Order());
        Assert.All(seen.GroupBy(c => c.Id), record => Assert.Equal([1, 2], record.Select(c => c.Revision)));
        Assert.Equal(written.Count, seen.Count(c => c.Kind == "created"));
    }

    [Fact]
    public async Task A_transaction_that_commits_after_a_later_one_is_not_skipped()
    {
        var before = (await ReadAsync(0, 500)).LastPosition;
        // a writer that starts first and commits last
        await using var slow = new NpgsqlConnection(TestDatabases.AsApiRole(api.ConnectionString));
        await slow.OpenAsync();
        await using var transaction = await slow.BeginTransactionAsync();
        var slowId = Guid.NewGuid();
        await using (var insert = new NpgsqlCommand($"""
            SELECT set_config('register.actor_subject', 'slow-writer', true);
            INSERT INTO organisations (id, name, type, created_at, updated_at)
            VALUES ('{slowId}', 'Slow writer body', 'PartnershipBoard', now(), now());
            """, slow, transaction))
            await insert.ExecuteNonQueryAsync();

        var fast = await _client.CreateOrganisationAsync(Register.Organisation("Fast writer body"));
        var whileSlowIsOpen = await ReadAsync(before, 500);
        await transaction.CommitAsync();
        var afterCommit = await ReadAsync(whileSlowIsOpen.LastPosition, 500);

        Assert.Equal([fast.Id], whileSlowIsOpen.Items.Select(c => c.Id));
        Assert.Equal([slowId], afterCommit.Items.Select(c => c.Id));
        Assert.Equal(whileSlowIsOpen.LastPosition + 1, afterCommit.Items[0].Position);
    }

    [Fact]
    public async Task A_change_has_its_position_and_commit_time_as_it_commits_with_no_reader_needed()
    {
        await _client.CreateOrganisationAsync(Register.Organisation("Positioned at commit body"));
        await using (var outside = new NpgsqlConnection(TestDatabases.AsApiRole(api.ConnectionString)))
        {
            await outside.OpenAsync();
            await using var insert = new NpgsqlCommand($"""
                BEGIN;
                SELECT set_config('register.actor_subject', 'outside-writer', true);
                INSERT INTO organisations (id, name, type, created_at, updated_at)
                VALUES ('{Guid.NewGuid()}', 'Written outside the API', 'PartnershipBoard', now(), now());
                COMMIT;
                """, outside);
            await insert.ExecuteNonQueryAsync();
        }

        Assert.Equal(0L, await Sql.ScalarAsync<long>(api.ConnectionString,
            "SELECT count(*) FROM revisions WHERE position IS NULL OR committed_at IS NULL"));
    }

    [Fact]
    public async Task A_transaction_that_rolls_back_after_taking_positions_leaves_no_gap()
    {
        var before = (await ReadAsync(0, 500)).LastPosition;
        await using (var failing = new NpgsqlConnection(TestDatabases.AsApiRole(api.ConnectionString)))
        {
            await failing.OpenAsync();
            // SET CONSTRAINTS ... IMMEDIATE runs the commit-time positioning now; the rollback then gives the positions back
            await using var insert = new NpgsqlCommand($"""
                BEGIN;
                SELECT set_config('register.actor_subject', 'failing-writer', true);
                INSERT INTO organisations (id, name, type, created_at, updated_at)
                VALUES ('{Guid.NewGuid()}', 'Rolled back body', 'PartnershipBoard', now(), now());
                SET CONSTRAINTS ALL IMMEDIATE;
                ROLLBACK;
                """, failing);
            await insert.ExecuteNonQueryAsync();
        }

        var written = await _client.CreateOrganisationAsync(Register.Organisation("After the rollback body"));
        var after = await ReadAsync(before, 500);

        Assert.Equal([written.Id], after.Items.Select(c => c.Id));
        Assert.Equal(before + 1, after.Items[0].Position);
    }

    [Fact]
    public async Task The_next_link_asks_from_the_last_position()
    {
        await _client.CreateOrganisationAsync(Register.Organisation("Feed link body"));

        var page = await ReadAsync(0, 1);
        var next = await (await _client.GetAsync(new Uri(page.Next).PathAndQuery)).ReadAsync<ChangesPage>(HttpStatusCode.OK);

        Assert.Contains($"after={page.LastPosition}", page.Next, StringComparison.Ordinal);
        Assert.All(next.Items, c => Assert.True(c.Position > page.LastPosition));
    }

    [Theory]
    [InlineData("?after=-1", "after")]
    [InlineData("?limit=0", "limit")]
    public async Task Bad_feed_parameters_are_400_problems(string query, string parameter)
    {
        var problem = await (await _client.GetAsync($"/api/v1/changes{query}")).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.ErrorsFor(parameter));
    }

    private async Task<ChangesPage> ReadAsync(long after, int limit) =>
        await (await _client.GetAsync($"/api/v1/changes?after={after}&limit={limit}")).ReadAsync<ChangesPage>(HttpStatusCode.OK);
}
