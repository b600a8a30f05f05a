using System.Net;
using IntegrationGovernance.Api.Organisations;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.Organisations;

/// <summary>An organisation's writer keeps its record, but cannot change who it is: tokens name it by its codes.</summary>
public sealed class OrganisationIdentityTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _admin = api.CreateClient();

    [Theory]
    [InlineData("type")]
    [InlineData("gssCode")]
    [InlineData("odsCode")]
    public async Task The_organisations_own_writer_cannot_change_its_type_or_codes_and_nothing_changes(string field)
    {
        var gss = Support.Agreements.UniqueGss();
        var (council, etag) = await _admin.CreateAsync(Register.Organisation($"Identity {field} Council", OrganisationType.UnitaryAuthority, gss: gss));
        var writer = api.CreateClientAs("clerk", gss, "register:write", "register:read");
        var changed = Register.Organisation(council.Name, OrganisationType.UnitaryAuthority, gss: gss) with
        {
            Type = field == "type" ? OrganisationType.MetropolitanBorough : OrganisationType.UnitaryAuthority,
            GssCode = field == "gssCode" ? Support.Agreements.UniqueGss() : gss,
            OdsCode = field == "odsCode" ? "Z9Z" : null,
        };

        var response = await writer.SendWithIfMatchAsync(HttpMethod.Put, $"{Register.Organisations}/{council.Id}", changed, etag);

        var problem = await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("urn:integration-governance:problem:identity-change-needs-admin", (string?)problem["type"]);
        var now = await (await _admin.GetAsync($"{Register.Organisations}/{council.Id}")).ReadAsync<OrganisationResponse>(HttpStatusCode.OK);
        Assert.Equal((OrganisationType.UnitaryAuthority, gss, (string?)null), (now.Type, now.GssCode, now.OdsCode));
    }

    [Fact]
    public async Task The_writer_may_rename_it_and_the_admin_may_change_its_type()
    {
        var gss = Support.Agreements.UniqueGss();
        var (council, etag) = await _admin.CreateAsync(Register.Organisation("Identity Rename Council", OrganisationType.DistrictCouncil, gss: gss));
        var writer = api.CreateClientAs("clerk", gss, "register:write", "register:read");

        var renamed = await writer.SendWithIfMatchAsync(HttpMethod.Put, $"{Register.Organisations}/{council.Id}",
            Register.Organisation("Identity Renamed Borough Council", OrganisationType.DistrictCouncil, gss: gss), etag);
        await renamed.ReadAsync<OrganisationResponse>(HttpStatusCode.OK);
        var unitary = await _admin.SendWithIfMatchAsync(HttpMethod.Put, $"{Register.Organisations}/{council.Id}",
            Register.Organisation("Identity Renamed Borough Council", OrganisationType.UnitaryAuthority, gss: gss), renamed.Headers.ETag!.Tag);

        Assert.Equal(OrganisationType.UnitaryAuthority, (await unitary.ReadAsync<OrganisationResponse>(HttpStatusCode.OK)).Type);
    }

    [Fact]
    public async Task If_match_star_names_no_version_and_changes_nothing()
    {
        var gss = Support.Agreements.UniqueGss();
        var (council, _) = await _admin.CreateAsync(Register.Organisation("Wildcard Council", OrganisationType.UnitaryAuthority, gss: gss));

        var response = await _admin.SendWithIfMatchAsync(HttpMethod.Put, $"{Register.Organisations}/{council.Id}",
            Register.Organisation("Wildcard Council (overwritten)", OrganisationType.UnitaryAuthority, gss: gss), "*");

        var problem = await response.ReadProblemAsync(HttpStatusCode.PreconditionRequired);
        Assert.Equal("urn:integration-governance:problem:precondition-required", (string?)problem["type"]);
        Assert.Equal("Wildcard Council", (await (await _admin.GetAsync($"{Register.Organisations}/{council.Id}")).ReadAsync<OrganisationResponse>(HttpStatusCode.OK)).Name);
    }
}
