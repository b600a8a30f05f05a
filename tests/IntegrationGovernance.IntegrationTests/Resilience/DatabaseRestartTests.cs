using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IntegrationGovernance.Api.Organisations;
using IntegrationGovernance.IntegrationTests.Support;
using Npgsql;

namespace IntegrationGovernance.IntegrationTests.Resilience;

/// <summary>
/// The database restarts under write load (R1 <c>pg_ctl restart -m fast</c>, R2 <c>-m immediate</c>, a crash and
/// recovery), and a client retries with its Idempotency-Key (R3): nothing acknowledged is lost or doubled, the
/// outage is answered 503 with Retry-After, and the register serves again once the database does.
/// </summary>
public sealed class DatabaseRestartTests(RestartableDatabaseFactory api) : IClassFixture<RestartableDatabaseFactory>
{
    private const int Writers = 8;
    private static readonly TimeSpan ServesAgainWithin = TimeSpan.FromSeconds(5);

    private sealed record Outcome(string Name, string Key, HttpStatusCode Status, string? MediaType, bool HasRetryAfter, string Body);

    [Fact]
    public async Task Posts_across_a_fast_and_an_immediate_restart_are_recorded_exactly_once_or_refused_with_503()
    {
        const int total = 2000;
        var client = api.CreateClient();
        var outcomes = new ConcurrentBag<Outcome>();
        var next = -1;
        var completed = 0;
        var reached = new[] { (At: total / 4, Mode: "fast"), (At: total * 3 / 5, Mode: "immediate") }
            .Select(r => (r.At, r.Mode, Signal: new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously))).ToArray();
        // a writer told 503 waits for the database to be back before its next request, as a client honouring Retry-After would
        var databaseBack = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        databaseBack.SetResult();

        async Task WriteAsync()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < total)
            {
                var outcome = await PostAsync(client, $"Restart Council {index:D4}", $"restart-{index:D4}", CancellationToken.None);
                outcomes.Add(outcome);
                var done = Interlocked.Increment(ref completed);
                foreach (var point in reached.Where(p => p.At == done))
                    point.Signal.TrySetResult();
                if (outcome.Status == HttpStatusCode.ServiceUnavailable)
                    await Volatile.Read(ref databaseBack).Task;
            }
        }

        async Task<TimeSpan[]> RestartAsync()
        {
            var recoveries = new List<TimeSpan>();
            foreach (var (_, mode, signal) in reached)
            {
                await signal.Task;
                var outage = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                Volatile.Write(ref databaseBack, outage);
                await api.RestartDatabaseAsync(mode);
                recoveries.Add(await TimeUntilServingAsync(client));
                outage.SetResult();
            }
            return [.. recoveries];
        }

        var restarts = RestartAsync();
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => WriteAsync()));
        var recoveries = await restarts;

        Assert.All(recoveries, r => Assert.True(r <= ServesAgainWithin, $"The register served again {r.TotalSeconds:0.0} s after the database"));
        Assert.Equal(total, outcomes.Count);
        var refused = outcomes.Where(o => o.Status != HttpStatusCode.Created).ToList();
        Assert.All(refused, AssertAnsweredAsOutage);
        Assert.NotEmpty(refused); // else the restarts missed the load, and the test proved nothing

        var recorded = await RecordedAsync("Restart Council %");
        var acknowledged = outcomes.Where(o => o.Status == HttpStatusCode.Created).ToList();
        Assert.All(acknowledged, o => Assert.True(recorded.TryGetValue(o.Name, out var ids) && ids.Count == 1, $"{o.Name} was acknowledged but recorded {CountOf(recorded, o.Name)} times"));
        Assert.All(recorded, r => Assert.True(r.Value.Count == 1, $"{r.Key} was recorded {r.Value.Count} times"));
        // a refused request that committed after all (its acknowledgement lost with the connection) replays to its retry
        var committedButRefused = refused.Where(o => recorded.ContainsKey(o.Name)).Select(o => o.Key).ToArray();
        Assert.Equal(committedButRefused.Length, await StoredResponsesAsync(committedButRefused));
        await AssertAuditAndFeedMatchAsync(client, recorded.Values.SelectMany(ids => ids).ToList());
    }

    [Fact]
    public async Task A_client_that_retries_every_failure_with_the_same_key_ends_with_one_record_per_key()
    {
        const int keys = 300;
        var client = api.CreateClient();
        var acknowledged = new ConcurrentDictionary<string, Guid>();
        var attempts = 0;
        var next = -1;
        var halfway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        async Task RetryingClientAsync()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < keys)
            {
                if (index == keys / 2)
                    halfway.TrySetResult();
                var name = $"Retrying Council {index:D3}";
                acknowledged[name] = await PostUntilAcknowledgedAsync(client, name, $"retrying-{index:D3}", index, () => Interlocked.Increment(ref attempts));
            }
        }

        var restart = halfway.Task.ContinueWith(_ => api.RestartDatabaseAsync("immediate")).Unwrap();
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => RetryingClientAsync()));
        await restart;

        Assert.Equal(keys, acknowledged.Count);
        Assert.True(attempts > keys, "no request failed or timed out, so nothing was retried");
        var recorded = await RecordedAsync("Retrying Council %");
        Assert.Equal(keys, recorded.Count);
        Assert.All(acknowledged, a => Assert.Equal(new List<Guid> { a.Value }, recorded[a.Key]));
        await AssertAuditAndFeedMatchAsync(client, [.. acknowledged.Values]);
    }

    /// <summary>Posts until a 201 arrives, retrying with the same key after any failure, 503, 409 in flight or its own timeout.</summary>
    private static async Task<Guid> PostUntilAcknowledgedAsync(HttpClient client, string name, string key, int seed, Action attempted)
    {
        var random = new Random(seed);
        for (var attempt = 1; attempt <= 200; attempt++)
        {
            attempted();
            // every fourth attempt gives up early, as a client with a short timeout would, while the server may finish
            using var timeout = new CancellationTokenSource(random.Next(4) == 0 ? TimeSpan.FromMilliseconds(random.Next(1, 40)) : TimeSpan.FromSeconds(30));
            Outcome outcome;
            try
            {
                outcome = await PostAsync(client, name, key, timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                continue;
            }
            if (outcome.Status == HttpStatusCode.Created)
                return JsonSerializer.Deserialize<OrganisationResponse>(outcome.Body, ApiJson.Options)!.Id;
            Assert.True(outcome.Status is HttpStatusCode.ServiceUnavailable or HttpStatusCode.Conflict,
                $"{name}: {(int)outcome.Status} {outcome.Body}");
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(20, 100))); // back off before retrying, as Retry-After asks
        }
        throw new Xunit.Sdk.XunitException($"{name} was never acknowledged");
    }

    private static async Task<Outcome> PostAsync(HttpClient client, string name, string key, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Register.Organisations)
        {
            Content = JsonContent.Create(Register.Organisation(name), options: ApiJson.Options),
        };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await client.SendAsync(request, cancellationToken);
        return new Outcome(name, key, response.StatusCode, response.Content.Headers.ContentType?.MediaType,
            response.Headers.RetryAfter is not null, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    private static void AssertAnsweredAsOutage(Outcome outcome)
    {
        Assert.True(outcome.Status == HttpStatusCode.ServiceUnavailable, $"{outcome.Name}: {(int)outcome.Status} {outcome.Body}");
        Assert.Equal("application/problem+json", outcome.MediaType);
        Assert.True(outcome.HasRetryAfter, $"{outcome.Name}: 503 without Retry-After");
        Assert.Contains("urn:integration-governance:problem:service-unavailable", outcome.Body, StringComparison.Ordinal);
    }

    /// <summary>From the database's return until the register answers a read again.</summary>
    private static async Task<TimeSpan> TimeUntilServingAsync(HttpClient client)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed <= ServesAgainWithin)
        {
            using var response = await client.GetAsync($"{Register.Organisations}?limit=1");
            if (response.IsSuccessStatusCode)
                return clock.Elapsed;
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            await Task.Delay(TimeSpan.FromMilliseconds(50)); // the interval between probes, not a wait for the outcome
        }
        return clock.Elapsed;
    }

    private async Task<Dictionary<string, List<Guid>>> RecordedAsync(string namePattern)
    {
        var recorded = new Dictionary<string, List<Guid>>();
        await using var connection = await OpenUnpooledAsync();
        await using var command = new NpgsqlCommand("SELECT name, id FROM organisations WHERE name LIKE @pattern", connection);
        command.Parameters.AddWithValue("pattern", namePattern);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            if (!recorded.TryGetValue(reader.GetString(0), out var ids))
                recorded[reader.GetString(0)] = ids = [];
            ids.Add(reader.GetGuid(1));
        }
        return recorded;
    }

    private async Task<int> StoredResponsesAsync(string[] keys)
    {
        await using var connection = await OpenUnpooledAsync();
        await using var command = new NpgsqlCommand("SELECT count(*)::int FROM idempotency_keys WHERE key = ANY(@keys) AND status = 201", connection);
        command.Parameters.AddWithValue("keys", keys);
        return (int)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Each record has exactly one audit row and one revision, and the change feed (once read) has given each a position.</summary>
    private async Task AssertAuditAndFeedMatchAsync(HttpClient client, IReadOnlyList<Guid> ids)
    {
        // reading the feed positions any change whose writer lost the database between commit and positioning
        (await client.GetAsync("/api/v1/changes?limit=1")).EnsureSuccessStatusCode();
        await using var connection = await OpenUnpooledAsync();
        await using var command = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM audit WHERE resource = 'organisations' AND record_id = ANY(@ids))::int,
                   (SELECT count(DISTINCT record_id) FROM audit WHERE resource = 'organisations' AND record_id = ANY(@ids))::int,
                   (SELECT count(*) FROM revisions WHERE resource = 'organisations' AND record_id = ANY(@ids) AND position IS NOT NULL)::int,
                   (SELECT count(DISTINCT position) FROM revisions WHERE resource = 'organisations' AND record_id = ANY(@ids))::int
            """, connection);
        command.Parameters.AddWithValue("ids", ids.ToArray());
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(ids.Count, reader.GetInt32(0));
        Assert.Equal(ids.Count, reader.GetInt32(1));
        Assert.Equal(ids.Count, reader.GetInt32(2));
        Assert.Equal(ids.Count, reader.GetInt32(3));
    }

    /// <summary>A connection of the test's own, never one from a pool the restart may have broken.</summary>
    private async Task<NpgsqlConnection> OpenUnpooledAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(api.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static int CountOf(Dictionary<string, List<Guid>> recorded, string name) =>
        recorded.TryGetValue(name, out var ids) ? ids.Count : 0;
}
