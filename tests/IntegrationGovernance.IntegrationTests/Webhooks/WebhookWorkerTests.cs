using System.Net;
using IntegrationGovernance.Api.Webhooks;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.Webhooks;

/// <summary>The delivery worker is fair: narrow subscriptions move on, and a slow receiver holds nothing others wait for.</summary>
public sealed class WebhookWorkerTests(WebhookTests.WebhookFactory api) : IClassFixture<WebhookTests.WebhookFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task A_subscription_to_its_own_records_moves_past_the_changes_that_are_not_for_it()
    {
        await using var receiver = await Receiver.StartAsync();
        var mine = await _client.CouncilAndPctAsync("Quiet subscriber");
        var subscriber = api.CreateClientAs("quiet", mine.Council.GssCode, "register:read");
        var created = await (await subscriber.PostJsonAsync("/api/v1/webhook-subscriptions", new WebhookSubscriptionRequest
        {
            TargetUrl = receiver.Url,
            Resources = ["agreements"],
            OnlyPartyRecords = true,
        })).ReadAsync<CreatedWebhookSubscriptionResponse>(HttpStatusCode.Created);
        var others = await _client.CouncilAndPctAsync("Busy neighbours");
        await _client.CreateAgreementAsync(Support.Agreements.Section75("BUSY-1", others));
        await _client.CreateAgreementAsync(Support.Agreements.Section75("BUSY-2", others));

        await api.RunWebhookWorkerAsync();

        var latest = await Sql.ScalarAsync<long>(api.ConnectionString, "SELECT max(position) FROM revisions");
        var read = await (await subscriber.GetAsync($"/api/v1/webhook-subscriptions/{created.Subscription.Id}"))
            .ReadAsync<WebhookSubscriptionResponse>(HttpStatusCode.OK);
        Assert.True(latest > created.Subscription.LastPosition);
        Assert.Equal(latest, read.LastPosition);
        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public async Task A_delivery_on_the_wire_holds_no_transaction_and_no_lock_on_its_subscription()
    {
        await using var receiver = await Receiver.StartAsync();
        receiver.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var created = await _client.SubscribeAsync(receiver.Url, "organisations");
        await _client.CreateOrganisationAsync(Register.Organisation("Slow receiver's council"));

        var worker = api.RunWebhookWorkerAsync();
        try
        {
            await receiver.Arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));

            var open = await Sql.ScalarAsync<long>(api.ConnectionString, $"""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND usename = '{TestDatabases.ApiRole}' AND state LIKE 'idle in transaction%'
                """);
            Assert.Equal(0, open);
            // throws lock_not_available (55P03) if a worker holds the row
            await Sql.ExecuteAsync(api.ConnectionString, $"SELECT id FROM webhook_subscriptions WHERE id = '{created.Subscription.Id}' FOR UPDATE NOWAIT");
        }
        finally
        {
            receiver.Hold.SetResult();
            await worker;
        }
        Assert.Single(receiver.Requests);
    }
}
