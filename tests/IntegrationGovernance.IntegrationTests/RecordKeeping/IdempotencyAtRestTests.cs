using System.Net;
using IntegrationGovernance.Api.People;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.RecordKeeping;

/// <summary>A response kept for an Idempotency-Key may hold personal data for a day (issue 14 item 14): it is kept encrypted.</summary>
public sealed class IdempotencyAtRestTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task A_secondment_kept_for_its_idempotency_key_is_stored_encrypted_and_replays_as_first_sent()
    {
        var bodies = await _client.CouncilCcgAndSection113Async("At rest");
        var secondment = Support.People.Secondment(bodies);
        var key = Guid.NewGuid().ToString();

        var first = await PostWithKeyAsync(secondment, key);
        var again = await PostWithKeyAsync(secondment, key);

        var sent = await first.Content.ReadAsStringAsync();
        Assert.Contains(secondment.HolderReference!, sent);
        Assert.Equal(sent, await again.Content.ReadAsStringAsync());
        Assert.True(again.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(0, await Sql.ScalarAsync<int>(api.ConnectionString,
            $"SELECT position(convert_to('{secondment.HolderReference}', 'UTF8') IN body) FROM idempotency_keys WHERE key = '{key}'"));
        Assert.True(await Sql.ScalarAsync<bool>(api.ConnectionString, $"SELECT body_protected FROM idempotency_keys WHERE key = '{key}'"));
        await first.ReadAsync<SecondmentResponse>(HttpStatusCode.Created);
    }

    private async Task<HttpResponseMessage> PostWithKeyAsync(SecondmentRequest body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/secondments")
        {
            Content = System.Net.Http.Json.JsonContent.Create(body, options: ApiJson.Options),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return await _client.SendAsync(request);
    }
}
