using System.Net;
using IntegrationGovernance.Api.Organisations;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.Organisations;

/// <summary>A body that became another kind of body on a date keeps its identity; its type is read on the date asked about.</summary>
public sealed class OrganisationTypeOverTimeTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _admin = api.CreateClient();

    [Fact]
    public async Task A_district_council_that_became_unitary_keeps_its_earlier_type_to_the_day_before_and_the_past_reads_it_as_it_was()
    {
        var (council, etag) = await _admin.CreateAsync(Register.Organisation($"Stockton-on-Tees {Guid.NewGuid():N}", OrganisationType.DistrictCouncil,
            gss: Support.Agreements.UniqueGss(), from: "1974-04-01"));
        var before = DateTimeOffset.UtcNow;

        var changed = await (await Change(council.Id, OrganisationType.UnitaryAuthority, "1996-04-01", etag)).ReadAsync<OrganisationResponse>(HttpStatusCode.OK);
        var past = await (await _admin.GetAsync($"{Register.Organisations}/{council.Id}?asOf={Uri.EscapeDataString(before.ToString("O"))}"))
            .ReadAsync<OrganisationResponse>(HttpStatusCode.OK);

        Assert.Equal(OrganisationType.UnitaryAuthority, changed.Type);
        Assert.Equal([new EarlierTypeContract { Type = OrganisationType.DistrictCouncil, Until = new DateOnly(1996, 3, 31) }], changed.EarlierTypes);
        Assert.Equal((OrganisationType.DistrictCouncil, 0), (past.Type, past.EarlierTypes.Count));
    }

    [Fact]
    public async Task Only_an_admin_changes_a_type_and_a_change_names_what_is_wrong_and_changes_nothing()
    {
        var gss = Support.Agreements.UniqueGss();
        var (council, etag) = await _admin.CreateAsync(Register.Organisation($"Retype {Guid.NewGuid():N}", OrganisationType.DistrictCouncil, gss: gss, from: "1974-04-01"));
        var writer = api.CreateClientAs("clerk", gss, "register:write", "register:read");

        var byWriter = await writer.SendWithIfMatchAsync(HttpMethod.Post, $"{Register.Organisations}/{council.Id}/type-changes",
            new TypeChangeRequest { Type = OrganisationType.UnitaryAuthority, From = new DateOnly(1996, 4, 1) }, etag);
        var sameType = await (await Change(council.Id, OrganisationType.DistrictCouncil, "1996-04-01", etag)).ReadProblemAsync(HttpStatusCode.BadRequest);
        var beforeItExisted = await (await Change(council.Id, OrganisationType.UnitaryAuthority, "1974-04-01", etag)).ReadProblemAsync(HttpStatusCode.BadRequest);
        var toABoard = await (await Change(council.Id, OrganisationType.HealthAndWellbeingBoard, "2013-04-01", etag)).ReadProblemAsync(HttpStatusCode.BadRequest);
        var unconditional = await _admin.PostJsonAsync($"{Register.Organisations}/{council.Id}/type-changes",
            new TypeChangeRequest { Type = OrganisationType.UnitaryAuthority, From = new DateOnly(1996, 4, 1) });

        Assert.Equal(HttpStatusCode.Forbidden, byWriter.StatusCode);
        Assert.NotEmpty(sameType.ErrorsFor("$.type"));
        Assert.NotEmpty(beforeItExisted.ErrorsFor("$.from"));
        Assert.NotEmpty(toABoard.ErrorsFor("$.type"));
        Assert.Equal(HttpStatusCode.PreconditionRequired, unconditional.StatusCode);
        var now = await (await _admin.GetAsync($"{Register.Organisations}/{council.Id}")).ReadAsync<OrganisationResponse>(HttpStatusCode.OK);
        Assert.Equal((OrganisationType.DistrictCouncil, 0), (now.Type, now.EarlierTypes.Count));
    }

    [Fact]
    public async Task Its_operational_dates_cannot_be_moved_to_leave_a_recorded_type_change_outside_its_life()
    {
        var gss = Support.Agreements.UniqueGss();
        var name = $"Retyped then redated {Guid.NewGuid():N}";
        var (council, etag) = await _admin.CreateAsync(Register.Organisation(name, OrganisationType.DistrictCouncil, gss: gss, from: "1974-04-01"));
        var changed = await Change(council.Id, OrganisationType.UnitaryAuthority, "1996-04-01", etag);
        etag = changed.Headers.ETag!.Tag;

        var startedAfter = await (await _admin.SendWithIfMatchAsync(HttpMethod.Put, $"{Register.Organisations}/{council.Id}",
            Register.Organisation(name, OrganisationType.UnitaryAuthority, gss: gss, from: "1997-04-01"), etag)).ReadProblemAsync(HttpStatusCode.BadRequest);
        var closedBefore = await (await _admin.SendWithIfMatchAsync(HttpMethod.Put, $"{Register.Organisations}/{council.Id}",
            Register.Organisation(name, OrganisationType.UnitaryAuthority, gss: gss, from: "1974-04-01", to: "1995-03-31"), etag))
            .ReadProblemAsync(HttpStatusCode.BadRequest);
        var closedBeforeByClose = await (await _admin.SendWithIfMatchAsync(HttpMethod.Post, $"{Register.Organisations}/{council.Id}/close",
            new CloseOrganisationRequest { LastDay = new DateOnly(1995, 3, 31) }, etag)).ReadProblemAsync(HttpStatusCode.BadRequest);
        var closedAfter = await _admin.SendWithIfMatchAsync(HttpMethod.Put, $"{Register.Organisations}/{council.Id}",
            Register.Organisation(name, OrganisationType.UnitaryAuthority, gss: gss, from: "1974-04-01", to: "2030-03-31"), etag);

        Assert.NotEmpty(startedAfter.ErrorsFor("$.operationalFrom"));
        Assert.NotEmpty(closedBefore.ErrorsFor("$.operationalTo"));
        Assert.NotEmpty(closedBeforeByClose.ErrorsFor("$.lastDay"));
        Assert.Equal(HttpStatusCode.OK, closedAfter.StatusCode);
    }

    private Task<HttpResponseMessage> Change(Guid id, OrganisationType type, string from, string etag) =>
        _admin.SendWithIfMatchAsync(HttpMethod.Post, $"{Register.Organisations}/{id}/type-changes", new TypeChangeRequest { Type = type, From = DateOnly.Parse(from) }, etag);
}
