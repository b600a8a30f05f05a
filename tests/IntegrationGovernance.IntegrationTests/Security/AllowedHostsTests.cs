using System.Net;
using IntegrationGovernance.IntegrationTests.Support;
using Microsoft.AspNetCore.Hosting;

namespace IntegrationGovernance.IntegrationTests.Security;

/// <summary>With AllowedHosts set, as a deployment sets it, a forged Host header is refused, so no link is built from it.</summary>
public sealed class AllowedHostsTests(AllowedHostsTests.OneHostFactory api) : IClassFixture<AllowedHostsTests.OneHostFactory>
{
    [Fact]
    public async Task A_request_naming_another_host_is_refused_and_links_name_the_registers_own()
    {
        var client = api.CreateClient();

        using var forged = new HttpRequestMessage(HttpMethod.Get, "/api/v1/organisations?limit=1");
        forged.Headers.Host = "attacker.example";
        using var own = new HttpRequestMessage(HttpMethod.Get, "/api/v1/organisations?limit=1");
        own.Headers.Host = "register.example.nhs.uk";
        await client.CreateOrganisationAsync(Register.Organisation($"Hosts {Guid.NewGuid():N}"));
        await client.CreateOrganisationAsync(Register.Organisation($"Hosts {Guid.NewGuid():N}"));

        var refused = await client.SendAsync(forged);
        var page = await (await client.SendAsync(own)).Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("\"next\":\"http://register.example.nhs.uk/api/v1/organisations?", page, StringComparison.Ordinal);
    }

    public sealed class OneHostFactory : RegisterApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("AllowedHosts", "register.example.nhs.uk;localhost");
        }
    }
}
