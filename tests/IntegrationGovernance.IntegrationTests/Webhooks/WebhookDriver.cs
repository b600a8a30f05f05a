using System.Net;
using IntegrationGovernance.Api.Webhooks;
using IntegrationGovernance.Infrastructure.Webhooks;
using IntegrationGovernance.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationGovernance.IntegrationTests.Webhooks;

/// <summary>Subscribing, running the delivery worker once, and reading the log, as the webhook tests do.</summary>
public static class WebhookDriver
{
    public static async Task<CreatedWebhookSubscriptionResponse> SubscribeAsync(this HttpClient client, string url, params string[] resources) =>
        await (await client.PostJsonAsync("/api/v1/webhook-subscriptions", new WebhookSubscriptionRequest { TargetUrl = url, Resources = resources }))
            .ReadAsync<CreatedWebhookSubscriptionResponse>(HttpStatusCode.Created);

    public static async Task RunWebhookWorkerAsync(this RegisterApiFactory api)
    {
        await using var scope = api.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<WebhookDispatcher>().RunOnceAsync(CancellationToken.None);
    }

    public static async Task<List<WebhookDeliveryResponse>> DeliveriesAsync(this HttpClient client, Guid subscription) =>
        await (await client.GetAsync($"/api/v1/webhook-subscriptions/{subscription}/deliveries")).ReadItemsAsync<WebhookDeliveryResponse>(HttpStatusCode.OK);
}
