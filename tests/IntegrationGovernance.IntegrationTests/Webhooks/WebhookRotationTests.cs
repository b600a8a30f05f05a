using System.Net;
using IntegrationGovernance.Api.Webhooks;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.Webhooks;

/// <summary>A subscriber rotates its secret without refusing a delivery: for a grace period both secrets sign.</summary>
public sealed class WebhookRotationTests(WebhookTests.WebhookFactory api) : IClassFixture<WebhookTests.WebhookFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task After_a_rotation_a_delivery_is_signed_with_the_new_secret_and_the_old_one_until_the_grace_ends()
    {
        await using var receiver = await Receiver.StartAsync();
        var created = await _client.SubscribeAsync(receiver.Url, "organisations");

        var rotated = await (await _client.PostAsync($"/api/v1/webhook-subscriptions/{created.Subscription.Id}/secret", null))
            .ReadAsync<CreatedWebhookSubscriptionResponse>(HttpStatusCode.OK);
        await _client.CreateOrganisationAsync(Register.Organisation("Rotation council A"));
        await api.RunWebhookWorkerAsync();
        await Sql.ExecuteAsync(api.ConnectionString,
            $"UPDATE webhook_subscriptions SET previous_secret_until = now() - interval '1 second' WHERE id = '{created.Subscription.Id}'");
        await _client.CreateOrganisationAsync(Register.Organisation("Rotation council B"));
        await api.RunWebhookWorkerAsync();

        Assert.NotEqual(created.Secret, rotated.Secret);
        Assert.Equal(2, receiver.Requests.Count);
        var (during, after) = (receiver.Requests.ElementAt(0), receiver.Requests.ElementAt(1));
        Assert.Equal($"{WebhookTests.Expected(rotated.Secret!, during)} {WebhookTests.Expected(created.Secret!, during)}", during.Signature);
        Assert.Equal(WebhookTests.Expected(rotated.Secret!, after), after.Signature);
        Assert.DoesNotContain(created.Secret!["whsec_".Length..], await Sql.ScalarAsync<string>(api.ConnectionString,
            $"SELECT previous_protected_secret FROM webhook_subscriptions WHERE id = '{created.Subscription.Id}'"));
    }

    [Fact]
    public async Task Another_organisation_cannot_rotate_a_subscription_it_does_not_hold()
    {
        await using var receiver = await Receiver.StartAsync();
        var created = await _client.SubscribeAsync(receiver.Url, "organisations");
        var other = await _client.CreateOrganisationAsync(Register.Organisation("Rotation outsider", gss: Support.Agreements.UniqueGss()));

        var refused = await api.CreateClientAs("outsider", other.GssCode, "register:read")
            .PostAsync($"/api/v1/webhook-subscriptions/{created.Subscription.Id}/secret", null);

        await refused.ReadProblemAsync(HttpStatusCode.NotFound);
    }
}
