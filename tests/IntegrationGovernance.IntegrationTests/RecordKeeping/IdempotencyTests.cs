using System.Net;
using IntegrationGovernance.Api.Organisations;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using IntegrationGovernance.IntegrationTests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IntegrationGovernance.IntegrationTests.RecordKeeping;

public sealed class IdempotencyTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task Ten_concurrent_posts_with_one_key_create_one_record_and_all_get_the_same_response()
    {
        var key = Guid.NewGuid().ToString();
        var request = Register.Organisation("Idempotent Council");

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => PostAsync(request, key)));

        var bodies = await Task.WhenAll(responses.Select(r => r.ReadAsync<OrganisationResponse>(HttpStatusCode.Created)));
        Assert.Single(bodies.Select(b => b.Id).Distinct());
        Assert.Single(responses.Select(r => r.Headers.Location).Distinct());
        Assert.Single(responses.Select(r => r.Headers.ETag?.ToString()).Distinct());
        Assert.Equal(9, responses.Count(r => r.Headers.Contains("Idempotent-Replayed")));
        Assert.Equal(1L, await Sql.ScalarAsync<long>(api.ConnectionString, "SELECT count(*) FROM organisations WHERE name = 'Idempotent Council'"));
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_refused_with_422_and_creates_nothing()
    {
        var key = Guid.NewGuid().ToString();
        await (await PostAsync(Register.Organisation("First use of a key"), key)).ReadAsync<OrganisationResponse>(HttpStatusCode.Created);

        var problem = await (await PostAsync(Register.Organisation("Second use of a key"), key)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("urn:integration-governance:problem:idempotency-key-reused", (string?)problem["type"]);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(api.ConnectionString, "SELECT count(*) FROM organisations WHERE name = 'Second use of a key'"));
    }

    [Fact]
    public async Task A_refused_request_is_replayed_as_refused_without_running_again()
    {
        var key = Guid.NewGuid().ToString();
        var bad = Register.Organisation("Bad code PCT", Domain.Organisations.OrganisationType.PrimaryCareTrust, ods: "RXT");

        var first = await PostAsync(bad, key);
        var again = await PostAsync(bad, key);

        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        await again.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(again.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task A_malformed_key_is_a_400_problem()
    {
        var problem = await (await PostAsync(Register.Organisation("Keyless"), new string('k', 256))).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.ErrorsFor("Idempotency-Key"));
    }

    [Fact]
    public async Task Keys_older_than_the_retention_are_forgotten_and_newer_ones_kept()
    {
        await Sql.ExecuteAsync(api.ConnectionString, """
            INSERT INTO idempotency_keys (scope, key, request_hash, created_at) VALUES
                ('cleanup', 'old', 'x', now() - interval '25 hours'),
                ('cleanup', 'new', 'x', now() - interval '23 hours')
            """);

        await api.Services.GetRequiredService<IdempotencyStore>().DeleteExpiredAsync(TimeSpan.FromHours(24), CancellationToken.None);

        Assert.Equal("new", await Sql.ScalarAsync<string>(api.ConnectionString, "SELECT string_agg(key, ',') FROM idempotency_keys WHERE scope = 'cleanup'"));
    }

    private Task<HttpResponseMessage> PostAsync(OrganisationRequest body, string key) => _client.PostWithKeyAsync(body, key);
}

/// <summary>With a short wait, so a repeat gives up on a first request that does not finish.</summary>
public sealed class IdempotencyInFlightTests(IdempotencyInFlightTests.ShortWaitFactory api) : IClassFixture<IdempotencyInFlightTests.ShortWaitFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task A_repeat_while_the_first_is_still_in_flight_gets_409_with_retry_after()
    {
        var key = Guid.NewGuid().ToString();
        // stand in for a first request that is still running: its key row is inserted but not committed
        await using var first = new NpgsqlConnection(api.ConnectionString);
        await first.OpenAsync();
        await using var transaction = await first.BeginTransactionAsync();
        await using (var claim = new NpgsqlCommand(
            $"INSERT INTO idempotency_keys (scope, key, request_hash, created_at) VALUES ('integration-governance-development|{TestTokens.AdminSubject}|', '{key}', 'first', now())", first, transaction))
            await claim.ExecuteNonQueryAsync();

        var response = await _client.PostWithKeyAsync(Register.Organisation("Impatient Council"), key);

        var problem = await response.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("urn:integration-governance:problem:idempotency-key-in-flight", (string?)problem["type"]);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    public sealed class ShortWaitFactory : RegisterApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Idempotency:Wait", "00:00:00.500");
        }
    }
}

internal static class IdempotentPosts
{
    public static async Task<HttpResponseMessage> PostWithKeyAsync(this HttpClient client, OrganisationRequest body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Register.Organisations)
        {
            Content = System.Net.Http.Json.JsonContent.Create(body, options: ApiJson.Options),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return await client.SendAsync(request);
    }
}
