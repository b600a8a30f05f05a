using System.Net;
using IntegrationGovernance.Api.Webhooks;
using IntegrationGovernance.Infrastructure.Webhooks;
using IntegrationGovernance.IntegrationTests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationGovernance.IntegrationTests.Webhooks;

/// <summary>Targets under the production rules: https, and no address that is not public (not even loopback).</summary>
public sealed class WebhookTargetTests(WebhookTargetTests.ProductionRulesFactory api) : IClassFixture<WebhookTargetTests.ProductionRulesFactory>
{
    [Theory]
    [InlineData("https://10.1.2.3/hook")]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://192.168.0.10/hook")]
    [InlineData("https://100.64.0.1/hook")]
    [InlineData("https://198.18.0.1/hook")]
    [InlineData("https://[::ffff:169.254.169.254]/hook")]
    [InlineData("https://[64:ff9b::a00:1]/hook")]
    [InlineData("https://[2002:7f00:1::]/hook")]
    [InlineData("http://example.org/hook")]
    public async Task Outside_development_private_and_plain_http_targets_are_refused(string url)
    {
        var problem = await (await api.CreateClient().PostJsonAsync("/api/v1/webhook-subscriptions", new WebhookSubscriptionRequest { TargetUrl = url }))
            .ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.ErrorsFor("$.targetUrl"));
    }

    [Fact]
    public async Task A_name_that_was_public_when_subscribed_and_is_loopback_when_delivered_to_is_refused_as_it_connects()
    {
        await using var receiver = await Receiver.StartAsync();
        api.Names.Answer("rebinding.test", [IPAddress.Parse("81.2.69.142")], [IPAddress.Loopback]);
        var client = api.CreateClient();
        var created = await client.SubscribeAsync($"https://rebinding.test:{new Uri(receiver.Url).Port}/hook", "organisations");
        await client.CreateOrganisationAsync(Register.Organisation("Rebinding receiver's council"));

        await api.RunWebhookWorkerAsync();

        var delivery = Assert.Single(await client.DeliveriesAsync(created.Subscription.Id));
        Assert.Equal(DeliveryStatus.Failed, delivery.Status);
        var attempt = Assert.Single(delivery.Attempts);
        Assert.Equal(DeliveryFailures.RefusedTarget, attempt.Error);
        Assert.Empty(receiver.Requests);
    }

    /// <summary>The production rules for targets, in a host the tests can sign tokens for.</summary>
    public sealed class ProductionRulesFactory : RegisterApiFactory
    {
        public TestHostResolver Names { get; } = new();

        protected override bool AllowsLoopbackReceivers => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Webhooks:RequireHttps", "true");
            builder.UseSetting("Webhooks:AllowPrivateNetworks", "false");
            builder.ConfigureTestServices(services => services.AddSingleton<IHostResolver>(Names));
        }
    }
}
