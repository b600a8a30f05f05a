using System.Net;
using IntegrationGovernance.Infrastructure.Webhooks;
using IntegrationGovernance.IntegrationTests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationGovernance.IntegrationTests.Webhooks;

/// <summary>How a delivery reaches its receiver: the address that was vetted, no redirects, and failures told coarsely.</summary>
public sealed class WebhookConnectionTests(WebhookConnectionTests.ConnectionFactory api) : IClassFixture<WebhookConnectionTests.ConnectionFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task A_receiver_answering_a_redirect_to_an_internal_address_is_not_followed()
    {
        await using var inside = await Receiver.StartAsync();
        await using var redirecting = await Receiver.StartAsync();
        redirecting.RedirectTo = inside.Url;
        var created = await _client.SubscribeAsync(redirecting.Url, "organisations");
        await _client.CreateOrganisationAsync(Register.Organisation("Redirecting receiver's council"));

        await api.RunWebhookWorkerAsync();

        Assert.Empty(inside.Requests);
        var delivery = Assert.Single(await _client.DeliveriesAsync(created.Subscription.Id));
        Assert.Equal(DeliveryStatus.Failed, delivery.Status);
        Assert.All(delivery.Attempts, a => Assert.Equal((302, "redirect not followed: HTTP 302"), (a.StatusCode, a.Error)));
    }

    [Fact]
    public async Task A_delivery_connects_to_the_address_its_name_was_vetted_as_without_looking_it_up_again()
    {
        await using var receiver = await Receiver.StartAsync();
        api.Names.Answer("receiver.test", [IPAddress.Loopback]);
        var created = await _client.SubscribeAsync($"http://receiver.test:{new Uri(receiver.Url).Port}/hook", "organisations");
        api.Names.Lookups.Clear();
        await _client.CreateOrganisationAsync(Register.Organisation("Named receiver's council"));

        await api.RunWebhookWorkerAsync();

        Assert.Single(receiver.Requests);
        Assert.Equal(DeliveryStatus.Delivered, Assert.Single(await _client.DeliveriesAsync(created.Subscription.Id)).Status);
        Assert.Equal(new[] { "receiver.test" }, api.Names.Lookups.ToArray());
    }

    [Fact]
    public async Task A_failed_delivery_records_a_generic_reason_not_the_socket_message()
    {
        var receiver = await Receiver.StartAsync();
        var closed = receiver.Url;
        await receiver.DisposeAsync();
        await using var failing = await Receiver.StartAsync();
        failing.FailFirst = -1;
        var unreachable = await _client.SubscribeAsync(closed, "organisations");
        var refusing = await _client.SubscribeAsync(failing.Url, "organisations");
        await _client.CreateOrganisationAsync(Register.Organisation("Generic failures' council"));

        await api.RunWebhookWorkerAsync();

        var nobody = Assert.Single(await _client.DeliveriesAsync(unreachable.Subscription.Id));
        Assert.All(nobody.Attempts, a => Assert.Equal((null, "connection failed"), (a.StatusCode, a.Error)));
        var refused = Assert.Single(await _client.DeliveriesAsync(refusing.Subscription.Id));
        Assert.All(refused.Attempts, a => Assert.Equal((500, "refused by the receiver: HTTP 500"), (a.StatusCode, a.Error)));
    }

    /// <summary>Loopback receivers allowed (the tests' allowance), names the test chooses, one retry.</summary>
    public sealed class ConnectionFactory : RegisterApiFactory
    {
        public TestHostResolver Names { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Webhooks:Retries", "1");
            builder.UseSetting("Webhooks:CircuitBreakAfter", "5");
            builder.ConfigureTestServices(services => services.AddSingleton<IHostResolver>(Names));
        }
    }
}
