using System.Net;
using IntegrationGovernance.Api.Organisations;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.Security;

/// <summary>A body that has closed still reads what it was party to, but its tokens change nothing.</summary>
public sealed class ClosedOrganisationTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _admin = api.CreateClient();

    [Fact]
    public async Task A_token_acting_for_a_closed_organisation_reads_but_cannot_write()
    {
        var gss = Support.Agreements.UniqueGss();
        var (council, etag) = await _admin.CreateAsync(Register.Organisation("Closed District Council", OrganisationType.DistrictCouncil, gss: gss, from: "1974-04-01"));
        var closed = await _admin.SendWithIfMatchAsync(HttpMethod.Post, $"{Register.Organisations}/{council.Id}/close", new CloseOrganisationRequest { LastDay = new DateOnly(2023, 3, 31) }, etag);
        await closed.ReadAsync<OrganisationResponse>(HttpStatusCode.OK);
        var writer = api.CreateClientAs("clerk", gss, "register:write", "register:read");

        var read = await writer.GetAsync($"{Register.Organisations}/{council.Id}");
        var rename = await writer.SendWithIfMatchAsync(HttpMethod.Put, $"{Register.Organisations}/{council.Id}",
            Register.Organisation("Closed District Council (renamed)", OrganisationType.DistrictCouncil, gss: gss, from: "1974-04-01", to: "2023-03-31"),
            closed.Headers.ETag!.Tag);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var problem = await rename.ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("urn:integration-governance:problem:not-a-party", (string?)problem["type"]);
        Assert.Equal("Closed District Council", (await (await _admin.GetAsync($"{Register.Organisations}/{council.Id}")).ReadAsync<OrganisationResponse>(HttpStatusCode.OK)).Name);
    }
}
