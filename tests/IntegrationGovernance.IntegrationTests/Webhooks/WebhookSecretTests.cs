using System.Net;
using IntegrationGovernance.Api.Webhooks;
using IntegrationGovernance.Infrastructure.Webhooks;
using IntegrationGovernance.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationGovernance.IntegrationTests.Webhooks;

/// <summary>Signing secrets at rest (issue 14 item 14): protected in the database, never kept for a retry.</summary>
public sealed class WebhookSecretTests(WebhookTests.WebhookFactory api) : IClassFixture<WebhookTests.WebhookFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task A_signing_secret_is_stored_only_protected_and_still_signs_each_delivery()
    {
        await using var receiver = await Receiver.StartAsync();
        var created = await _client.SubscribeAsync(receiver.Url, "organisations");
        await _client.CreateOrganisationAsync(Register.Organisation("Protected secret council"));

        await api.RunWebhookWorkerAsync();

        var stored = await StoredSecretAsync(created.Subscription.Id);
        Assert.StartsWith("whsec_", created.Secret);
        Assert.DoesNotContain(created.Secret!["whsec_".Length..], stored);
        Assert.True(await Sql.ScalarAsync<long>(api.ConnectionString, "SELECT count(*) FROM data_protection_keys") > 0);
        var delivery = Assert.Single(receiver.Requests);
        Assert.Equal(WebhookTests.Expected(created.Secret!, delivery), delivery.Signature);
    }

    [Fact]
    public async Task A_secret_stored_in_plain_before_protection_still_signs_and_is_protected_in_place()
    {
        await using var receiver = await Receiver.StartAsync();
        var created = await _client.SubscribeAsync(receiver.Url, "organisations");
        var plain = "whsec_" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await Sql.ExecuteAsync(api.ConnectionString, $"UPDATE webhook_subscriptions SET protected_secret = '{plain}' WHERE id = '{created.Subscription.Id}'");
        await _client.CreateOrganisationAsync(Register.Organisation("Legacy secret council A"));
        await api.RunWebhookWorkerAsync();

        var protectedNow = await api.Services.GetRequiredService<LegacyWebhookSecrets>().ProtectAsync(CancellationToken.None);
        await _client.CreateOrganisationAsync(Register.Organisation("Legacy secret council B"));
        await api.RunWebhookWorkerAsync();

        Assert.Equal(1, protectedNow);
        Assert.DoesNotContain(plain["whsec_".Length..], await StoredSecretAsync(created.Subscription.Id));
        Assert.Equal(2, receiver.Requests.Count);
        Assert.All(receiver.Requests, r => Assert.Equal(WebhookTests.Expected(plain, r), r.Signature));
    }

    [Fact]
    public async Task A_subscribe_retried_with_its_idempotency_key_replays_the_subscription_without_the_secret()
    {
        await using var receiver = await Receiver.StartAsync();
        var key = Guid.NewGuid().ToString();

        var first = await SubscribeWithKeyAsync(receiver.Url, key);
        var again = await SubscribeWithKeyAsync(receiver.Url, key);

        var shown = await first.ReadAsync<CreatedWebhookSubscriptionResponse>(HttpStatusCode.Created);
        var replayed = await again.ReadAsync<CreatedWebhookSubscriptionResponse>(HttpStatusCode.Created);
        Assert.NotNull(shown.Secret);
        Assert.False(first.Headers.Contains(WithheldHeader));
        Assert.Equal(shown.Subscription.Id, replayed.Subscription.Id);
        Assert.Null(replayed.Secret);
        Assert.Equal("secret", Assert.Single(again.Headers.GetValues(WithheldHeader)));
        Assert.True(again.Headers.Contains("Idempotent-Replayed"));
    }

    private const string WithheldHeader = "Idempotent-Replay-Withheld";

    private Task<string> StoredSecretAsync(Guid subscription) =>
        Sql.ScalarAsync<string>(api.ConnectionString, $"SELECT protected_secret FROM webhook_subscriptions WHERE id = '{subscription}'");

    private async Task<HttpResponseMessage> SubscribeWithKeyAsync(string url, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/webhook-subscriptions")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new WebhookSubscriptionRequest { TargetUrl = url, Resources = ["organisations"] }, options: ApiJson.Options),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return await _client.SendAsync(request);
    }
}
