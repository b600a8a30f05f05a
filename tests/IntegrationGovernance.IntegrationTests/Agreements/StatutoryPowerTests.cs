using System.Net;
using IntegrationGovernance.Api.Agreements;
using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.Agreements;

/// <summary>
/// The powers as the statutes give them: section 113 between councils ((1)) and between a council and an NHS body
/// ((1A)), in either direction, never between two NHS bodies; and each basis from the day it came into force, never earlier.
/// </summary>
public sealed class StatutoryPowerTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task Section_113_places_one_councils_officers_at_another_councils_disposal()
    {
        var county = await Body("County", OrganisationType.CountyCouncil);
        var district = await Body("District", OrganisationType.DistrictCouncil);

        var response = await _client.PostJsonAsync(Support.Agreements.Url, Section113(Host: district, Provider: county));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Section_113_runs_both_ways_between_a_council_and_an_nhs_body()
    {
        var council = await Body("Both ways council", OrganisationType.UnitaryAuthority);
        var trust = await Body("Both ways trust", OrganisationType.NhsFoundationTrust);

        Assert.Equal(HttpStatusCode.Created, (await _client.PostJsonAsync(Support.Agreements.Url, Section113(Host: council, Provider: trust))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _client.PostJsonAsync(Support.Agreements.Url, Section113(Host: trust, Provider: council))).StatusCode);
    }

    [Fact]
    public async Task Section_113_does_not_place_one_nhs_bodys_staff_at_anothers_disposal()
    {
        var icb = await Body("NHS to NHS ICB", OrganisationType.IntegratedCareBoard, from: "2022-07-01");
        var trust = await Body("NHS to NHS trust", OrganisationType.NhsTrust);

        var problem = await (await _client.PostJsonAsync(Support.Agreements.Url, Section113(Host: icb, Provider: trust, commencesOn: "2023-04-01")))
            .ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("both NHS bodies", Assert.Single(problem.ErrorsFor("$.parties[1].organisationId")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Section_113_does_not_reach_a_body_that_is_neither_a_council_nor_an_nhs_body()
    {
        var council = await Body("Reach council", OrganisationType.MetropolitanBorough);
        var cic = await Body("Reach CIC", OrganisationType.CommunityInterestCompany);

        var problem = await (await _client.PostJsonAsync(Support.Agreements.Url, Section113(Host: council, Provider: cic)))
            .ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.ErrorsFor("$.parties[1].organisationId"));
    }

    [Fact]
    public async Task The_city_of_london_and_the_isles_of_scilly_are_councils_to_the_partnership_powers()
    {
        var city = await Body("City of London", OrganisationType.CityOfLondonCorporation);
        var scilly = await Body("Isles of Scilly", OrganisationType.CouncilOfTheIslesOfScilly);
        var pct = await Body("Cornwall and Isles of Scilly PCT", OrganisationType.PrimaryCareTrust, from: "2002-04-01");

        Assert.Equal(HttpStatusCode.Created, (await _client.PostJsonAsync(Support.Agreements.Url, Section75(city, pct))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _client.PostJsonAsync(Support.Agreements.Url, Section75(scilly, pct))).StatusCode);
    }

    [Theory]
    [InlineData(StatutoryBasis.Section31HealthAct1999, "2000-03-31", "2000-04-01")]
    [InlineData(StatutoryBasis.Section75NhsAct2006, "2007-02-28", "2007-03-01")]
    [InlineData(StatutoryBasis.Section65Z5NhsAct2006, "2022-06-30", "2022-07-01")]
    public async Task A_basis_is_refused_the_day_before_it_came_into_force_and_accepted_on_the_day(StatutoryBasis basis, string dayBefore, string firstDay)
    {
        var council = await Body($"{basis} council", OrganisationType.UnitaryAuthority);
        var trust = await Body($"{basis} trust", OrganisationType.NhsTrust);
        AgreementRequest On(string day) => Section75(council, trust, day) with
        {
            Basis = basis,
            Flexibilities = basis == StatutoryBasis.Section65Z5NhsAct2006 ? [] : [Flexibility.PooledFund],
            // an agreement made under section 31 is made before section 75 replaced it
            SignedOn = DateOnly.Parse(day),
        };

        var early = await (await _client.PostJsonAsync(Support.Agreements.Url, On(dayBefore))).ReadProblemAsync(HttpStatusCode.BadRequest);
        var onTheDay = await _client.PostJsonAsync(Support.Agreements.Url, On(firstDay));

        Assert.NotEmpty(early.ErrorsFor("$.commencesOn"));
        Assert.Equal(HttpStatusCode.Created, onTheDay.StatusCode);
    }

    [Fact]
    public async Task A_health_and_wellbeing_board_is_a_governance_body_of_its_council()
    {
        var council = await Body("Board's council", OrganisationType.UnitaryAuthority);

        var board = await _client.CreateOrganisationAsync(Register.Organisation($"Health and Wellbeing Board {Guid.NewGuid():N}", OrganisationType.HealthAndWellbeingBoard, from: "2013-04-01")
            with { PartOfId = council.Id });

        Assert.Equal((OrganisationType.HealthAndWellbeingBoard, council.Id), (board.Type, board.PartOfId));
    }

    private Task<Api.Organisations.OrganisationResponse> Body(string name, OrganisationType type, string? from = null) =>
        _client.CreateOrganisationAsync(Register.Organisation($"{name} {Guid.NewGuid():N}", type,
            gss: type.IsLocalAuthority() ? Support.Agreements.UniqueGss() : null, from: from ?? "1974-04-01"));

    private static AgreementRequest Section113(Api.Organisations.OrganisationResponse Host, Api.Organisations.OrganisationResponse Provider, string commencesOn = "2013-04-01") => new()
    {
        Reference = $"S113-{Guid.NewGuid():N}"[..20],
        Title = "Section 113 arrangement",
        Basis = StatutoryBasis.Section113LocalGovernmentAct1972,
        Parties =
        [
            new AgreementPartyContract { OrganisationId = Host.Id, Role = PartyRole.Host },
            new AgreementPartyContract { OrganisationId = Provider.Id, Role = PartyRole.Provider },
        ],
        CommencesOn = DateOnly.Parse(commencesOn),
    };

    private static AgreementRequest Section75(Api.Organisations.OrganisationResponse council, Api.Organisations.OrganisationResponse nhs, string commencesOn = "2012-04-01") =>
        Support.Agreements.Section75($"S75-{Guid.NewGuid():N}"[..20], new(council, nhs), commencesOn, null);
}
