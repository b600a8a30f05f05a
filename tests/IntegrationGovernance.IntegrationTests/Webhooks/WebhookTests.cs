using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationGovernance.Api.Webhooks;
using IntegrationGovernance.Infrastructure.Webhooks;
using IntegrationGovernance.IntegrationTests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationGovernance.IntegrationTests.Webhooks;

public sealed class WebhookTests(WebhookTests.WebhookFactory api) : IClassFixture<WebhookTests.WebhookFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task A_receiver_gets_every_change_once_in_order_with_a_signature_that_verifies()
    {
        await using var receiver = await Receiver.StartAsync();
        var created = await SubscribeAsync(receiver.Url, ["organisations"]);
        var (first, etag) = await _client.CreateAsync(Register.Organisation("Hooked Council A"));
        await _client.CreateOrganisationAsync(Register.Organisation("Hooked Council B"));
        await _client.SendWithIfMatchAsync(HttpMethod.Put, $"{Register.Organisations}/{first.Id}", Register.Organisation("Hooked Council A renamed"), etag);

        await RunWorkerAsync();
        await RunWorkerAsync();

        var received = receiver.Requests.ToList();
        Assert.Equal(3, received.Count);
        var positions = received.Select(r => (long)JsonNode.Parse(r.Body)!["data"]!["position"]!).ToList();
        Assert.Equal(positions.Order(), positions);
        Assert.Equal(received.Count, received.Select(r => r.Id).Distinct().Count());
        Assert.Equal(["organisations.created", "organisations.created", "organisations.updated"], received.Select(r => (string)JsonNode.Parse(r.Body)!["type"]!));
        Assert.All(received, r => Assert.Equal(Expected(created.Secret!, r), r.Signature));
    }

    [Fact]
    public async Task A_receiver_that_fails_twice_then_succeeds_shows_the_retries_in_the_delivery_log()
    {
        await using var receiver = await Receiver.StartAsync();
        receiver.FailFirst = 2;
        var created = await SubscribeAsync(receiver.Url, ["organisations"]);
        await _client.CreateOrganisationAsync(Register.Organisation("Flaky receiver's council"));

        await RunWorkerAsync();

        var log = await (await _client.GetAsync($"/api/v1/webhook-subscriptions/{created.Subscription.Id}/deliveries"))
            .ReadItemsAsync<WebhookDeliveryResponse>(HttpStatusCode.OK);
        var delivery = Assert.Single(log);
        Assert.Equal(DeliveryStatus.Delivered, delivery.Status);
        Assert.Equal([500, 500, 200], delivery.Attempts.Select(a => a.StatusCode));
    }

    [Fact]
    public async Task A_receiver_that_always_fails_opens_the_circuit_and_pauses_the_subscription()
    {
        await using var receiver = await Receiver.StartAsync();
        receiver.FailFirst = -1;
        var created = await SubscribeAsync(receiver.Url, ["organisations"]);
        await _client.CreateOrganisationAsync(Register.Organisation("Unreachable receiver's council"));

        var subscription = created.Subscription;
        for (var round = 0; round < 5 && subscription.Status == SubscriptionStatus.Active; round++)
        {
            await RunWorkerAsync();
            subscription = await (await _client.GetAsync($"/api/v1/webhook-subscriptions/{subscription.Id}")).ReadAsync<WebhookSubscriptionResponse>(HttpStatusCode.OK);
        }

        Assert.Equal(SubscriptionStatus.Paused, subscription.Status);
        Assert.Contains("circuit", subscription.PausedReason, StringComparison.Ordinal);
        var log = await (await _client.GetAsync($"/api/v1/webhook-subscriptions/{subscription.Id}/deliveries")).ReadItemsAsync<WebhookDeliveryResponse>(HttpStatusCode.OK);
        Assert.Contains(log, d => d.Attempts.Any(a => a.Error?.Contains("circuit open", StringComparison.Ordinal) == true));
        Assert.All(log, d => Assert.Equal(DeliveryStatus.Failed, d.Status));
    }

    [Fact]
    public async Task Two_workers_never_send_the_same_delivery_at_once()
    {
        await using var receiver = await Receiver.StartAsync();
        receiver.Delay = TimeSpan.FromMilliseconds(20);
        await SubscribeAsync(receiver.Url, ["organisations"]);
        for (var i = 0; i < 10; i++)
            await _client.CreateOrganisationAsync(Register.Organisation($"Contended council {i}"));

        await Task.WhenAll(RunWorkerAsync(), RunWorkerAsync());
        await RunWorkerAsync();

        Assert.Equal(10, receiver.Requests.Count);
        Assert.Equal(10, receiver.Requests.Select(r => r.Id).Distinct().Count());
        Assert.Equal(1, receiver.MaxInFlight);
    }

    [Fact]
    public async Task A_subscription_belongs_to_its_organisation_and_is_invisible_to_others()
    {
        await using var receiver = await Receiver.StartAsync();
        var mine = await _client.CouncilAndPctAsync("Subscriber");
        var other = await _client.CouncilAndPctAsync("Other subscriber");
        var owner = api.CreateClientAs("owner", mine.Council.GssCode, "register:read");
        var created = await (await owner.PostJsonAsync("/api/v1/webhook-subscriptions", new WebhookSubscriptionRequest { TargetUrl = receiver.Url }))
            .ReadAsync<CreatedWebhookSubscriptionResponse>(HttpStatusCode.Created);

        var outsider = api.CreateClientAs("outsider", other.Council.GssCode, "register:read");

        await (await outsider.GetAsync($"/api/v1/webhook-subscriptions/{created.Subscription.Id}")).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(mine.Council.Id, created.Subscription.OrganisationId);
    }

    [Fact]
    public async Task An_organisation_can_ask_for_its_own_records_only_and_never_hears_of_others_secondments()
    {
        await using var own = await Receiver.StartAsync();
        await using var everything = await Receiver.StartAsync();
        var mine = await _client.CouncilCcgAndSection113Async("Own records");
        var other = await _client.CouncilCcgAndSection113Async("Other records");
        var subscriber = api.CreateClientAs("subscriber", mine.Council.GssCode, "register:read");
        await (await subscriber.PostJsonAsync("/api/v1/webhook-subscriptions", new WebhookSubscriptionRequest
        {
            TargetUrl = own.Url, Resources = ["agreements", "secondments"], OnlyPartyRecords = true,
        })).ReadAsync<CreatedWebhookSubscriptionResponse>(HttpStatusCode.Created);
        await (await subscriber.PostJsonAsync("/api/v1/webhook-subscriptions", new WebhookSubscriptionRequest
        {
            TargetUrl = everything.Url, Resources = ["agreements", "secondments"],
        })).ReadAsync<CreatedWebhookSubscriptionResponse>(HttpStatusCode.Created);
        var (agreement, _) = await _client.CreateAgreementAsync(Support.Agreements.Section75("OWN-1", new(mine.Council, await _client.CreateOrganisationAsync(
            Register.Organisation("Own records PCT", Domain.Organisations.OrganisationType.PrimaryCareTrust, from: "2002-04-01")))));
        await _client.CreateAgreementAsync(Support.Agreements.Section75("OTHER-1", new(other.Council, await _client.CreateOrganisationAsync(
            Register.Organisation("Other records PCT", Domain.Organisations.OrganisationType.PrimaryCareTrust, from: "2002-04-01")))));
        await _client.PostJsonAsync("/api/v1/secondments", Support.People.Secondment(mine));
        await _client.PostJsonAsync("/api/v1/secondments", Support.People.Secondment(other));

        await RunWorkerAsync();

        var ownIds = own.Requests.Select(r => (string)JsonNode.Parse(r.Body)!["data"]!["resource"]! + ":" + (string)JsonNode.Parse(r.Body)!["data"]!["id"]!).ToList();
        Assert.Equal(2, ownIds.Count);
        Assert.Contains($"agreements:{agreement.Id}", ownIds);
        Assert.Single(ownIds, i => i.StartsWith("secondments:", StringComparison.Ordinal));
        // without the option it hears of every agreement, but still only of its own secondments (personal data)
        var all = everything.Requests.Select(r => (string)JsonNode.Parse(r.Body)!["data"]!["resource"]!).ToList();
        Assert.Equal(2, all.Count(r => r == "agreements"));
        Assert.Equal(1, all.Count(r => r == "secondments"));
    }

    [Fact]
    public async Task An_organisation_may_hold_only_so_many_subscriptions_even_when_it_asks_for_more_at_once()
    {
        await using var receiver = await Receiver.StartAsync();
        var capped = await _client.CouncilAndPctAsync("Capped subscriber");
        var other = await _client.CouncilAndPctAsync("Uncapped neighbour");
        var subscriber = api.CreateClientAs("capped", capped.Council.GssCode, "register:read");

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            subscriber.PostJsonAsync("/api/v1/webhook-subscriptions", new WebhookSubscriptionRequest { TargetUrl = receiver.Url })));

        Assert.Equal(3, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.Created))
        {
            var problem = await refused.ReadProblemAsync(HttpStatusCode.Conflict);
            Assert.Equal("urn:integration-governance:problem:subscription-limit", (string?)problem["type"]);
        }
        var held = await (await subscriber.GetAsync("/api/v1/webhook-subscriptions")).ReadItemsAsync<WebhookSubscriptionResponse>(HttpStatusCode.OK);
        Assert.Equal(3, held.Count);
        var neighbour = api.CreateClientAs("neighbour", other.Council.GssCode, "register:read");
        await (await neighbour.PostJsonAsync("/api/v1/webhook-subscriptions", new WebhookSubscriptionRequest { TargetUrl = receiver.Url }))
            .ReadAsync<CreatedWebhookSubscriptionResponse>(HttpStatusCode.Created);
    }

    private async Task<CreatedWebhookSubscriptionResponse> SubscribeAsync(string url, string[] resources) =>
        await (await _client.PostJsonAsync("/api/v1/webhook-subscriptions", new WebhookSubscriptionRequest { TargetUrl = url, Resources = resources }))
            .ReadAsync<CreatedWebhookSubscriptionResponse>(HttpStatusCode.Created);

    private async Task RunWorkerAsync()
    {
        await using var scope = api.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<WebhookDispatcher>().RunOnceAsync(CancellationToken.None);
    }

    /// <summary>The Standard Webhooks signature, computed here independently of the API's code.</summary>
    internal static string Expected(string secret, Received received)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{received.Id}.{received.Timestamp}.{received.Body}"));
        return "v1," + Convert.ToBase64String(mac);
    }

    public sealed class WebhookFactory : RegisterApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Webhooks:Retries", "2");
            builder.UseSetting("Webhooks:CircuitBreakAfter", "2");
            builder.UseSetting("Webhooks:PauseAfterFailures", "5");
            builder.UseSetting("Webhooks:MaxSubscriptionsPerOrganisation", "3");
        }
    }
}
