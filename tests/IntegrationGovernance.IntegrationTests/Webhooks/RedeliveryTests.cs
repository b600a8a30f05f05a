using System.Net;
using IntegrationGovernance.Api.Webhooks;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.Webhooks;

/// <summary>On-demand redelivery calls the receiver from inside the request (issue 14 item 10): no transaction may span the call.</summary>
public sealed class RedeliveryTests(WebhookTests.WebhookFactory api) : IClassFixture<WebhookTests.WebhookFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task A_redelivery_with_an_idempotency_key_holds_no_transaction_while_the_receiver_has_it_and_replays_after()
    {
        await using var receiver = await Receiver.StartAsync();
        var created = await _client.SubscribeAsync(receiver.Url, "organisations");
        await _client.CreateOrganisationAsync(Register.Organisation("Redelivered council"));
        await api.RunWebhookWorkerAsync();
        var logged = Assert.Single(await _client.DeliveriesAsync(created.Subscription.Id));
        var url = $"/api/v1/webhook-subscriptions/{created.Subscription.Id}/deliveries/{logged.Id}/redeliver";
        var key = Guid.NewGuid().ToString();
        receiver.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var redelivery = PostWithKeyAsync(url, key);
        HttpResponseMessage first;
        try
        {
            await receiver.Arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
            var open = await Sql.ScalarAsync<long>(api.ConnectionString, $"""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND usename = '{TestDatabases.ApiRole}' AND state LIKE 'idle in transaction%'
                """);
            Assert.Equal(0, open);
            var meanwhile = await PostWithKeyAsync(url, key);
            Assert.Equal("urn:integration-governance:problem:idempotency-key-in-flight",
                (string?)(await meanwhile.ReadProblemAsync(HttpStatusCode.Conflict))["type"]);
        }
        finally
        {
            receiver.Hold.SetResult();
            first = await redelivery;
        }

        var sent = await first.ReadAsync<WebhookDeliveryResponse>(HttpStatusCode.OK);
        var again = await PostWithKeyAsync(url, key);
        Assert.Equal(sent.Id, (await again.ReadAsync<WebhookDeliveryResponse>(HttpStatusCode.OK)).Id);
        Assert.True(again.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(2, receiver.Requests.Count);
    }

    [Fact]
    public async Task A_redelivery_whose_first_request_died_without_answering_is_run_by_its_retry_once_the_claim_is_abandoned()
    {
        await using var receiver = await Receiver.StartAsync();
        var created = await _client.SubscribeAsync(receiver.Url, "organisations");
        await _client.CreateOrganisationAsync(Register.Organisation("Abandoned redelivery council"));
        await api.RunWebhookWorkerAsync();
        var logged = Assert.Single(await _client.DeliveriesAsync(created.Subscription.Id));
        var url = $"/api/v1/webhook-subscriptions/{created.Subscription.Id}/deliveries/{logged.Id}/redeliver";
        var key = Guid.NewGuid().ToString();
        var first = await PostWithKeyAsync(url, key);
        first.EnsureSuccessStatusCode();
        // as if the first request's process had died after claiming the key: claimed, committed, never answered
        await Sql.ExecuteAsync(api.ConnectionString, $"""
            UPDATE idempotency_keys SET status = NULL, body = NULL, created_at = now() - interval '11 minutes' WHERE key = '{key}'
            """);

        var retry = await PostWithKeyAsync(url, key);

        await retry.ReadAsync<WebhookDeliveryResponse>(HttpStatusCode.OK);
        Assert.False(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(3, receiver.Requests.Count);
    }

    private async Task<HttpResponseMessage> PostWithKeyAsync(string url, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return await _client.SendAsync(request);
    }
}
