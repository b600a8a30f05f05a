using System.Net;
using System.Text.Json.Nodes;
using IntegrationGovernance.Api.People;
using IntegrationGovernance.Api.Webhooks;
using IntegrationGovernance.IntegrationTests.Support;
using IntegrationGovernance.IntegrationTests.Webhooks;

namespace IntegrationGovernance.IntegrationTests.Contract;

/// <summary>A created record's <c>Location</c> comes from the named route that reads it: following it reads the record just made.</summary>
public sealed class LocationTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _admin = api.CreateClient();

    [Fact]
    public async Task Every_created_record_is_read_back_at_its_location()
    {
        var bodies = await _admin.CouncilCcgAndSection113Async("Located");
        var post = await _admin.PostAsync(bodies.Council.Id, "Located director");
        var report = await _admin.PostAsync(bodies.Council.Id, "Located head");
        await using var receiver = await Receiver.StartAsync();

        var created = new[]
        {
            await _admin.PostJsonAsync(Register.Organisations, Register.Organisation("Located Council")),
            await _admin.PostJsonAsync(Support.Agreements.Url, Support.Agreements.Section75("LOCATED-1", new(bodies.Council, bodies.Ccg), "2014-04-01", null)),
            await _admin.PostJsonAsync("/api/v1/posts", new PostRequest { OrganisationId = bodies.Council.Id, Title = "Located officer", StartsOn = new DateOnly(2013, 4, 1) }),
            await _admin.PostJsonAsync("/api/v1/accountability-lines", Support.People.Line(report, post)),
            await _admin.PostJsonAsync("/api/v1/secondments", Support.People.Secondment(bodies)),
            await _admin.PostJsonAsync("/api/v1/webhook-subscriptions", new WebhookSubscriptionRequest { TargetUrl = receiver.Url, Resources = ["agreements"] }),
        };

        foreach (var response in created)
        {
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
            var location = response.Headers.Location!.OriginalString;
            Assert.StartsWith("/api/v1/", location, StringComparison.Ordinal);
            var id = (string?)(body["subscription"] ?? body)["id"];
            var read = JsonNode.Parse(await (await _admin.GetAsync(location)).EnsureSuccessStatusCode().Content.ReadAsStringAsync())!;
            Assert.Equal(id, (string?)read["id"]);
            Assert.EndsWith(id, location, StringComparison.Ordinal);
        }
    }
}
