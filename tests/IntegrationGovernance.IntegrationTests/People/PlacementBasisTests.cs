using System.Net;
using IntegrationGovernance.Api.Agreements;
using IntegrationGovernance.Api.People;
using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.People;

/// <summary>
/// A placement rests on its agreement as it stood on each day: the parties then in force (a successor from the
/// novation's date, never before; the body it replaced no longer), and under section 113 in the agreement's direction.
/// </summary>
public sealed class PlacementBasisTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task A_secondment_against_the_section_113_direction_is_refused()
    {
        // the arrangement places the CCG's staff at the council's disposal, not the council's at the CCG's
        var bodies = await _client.CouncilCcgAndSection113Async("Direction");

        var problem = await Refused(Support.People.Secondment(bodies) with { EmployerId = bodies.Council.Id, HostId = bodies.Ccg.Id });
        var accepted = await _client.PostJsonAsync("/api/v1/secondments", Support.People.Secondment(bodies));

        Assert.Contains("Under section 113", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }

    [Fact]
    public async Task A_successors_staff_are_placed_under_the_agreement_it_took_over_from_the_novation_and_the_predecessors_no_longer()
    {
        var prefix = $"Inherited {Guid.NewGuid():N}";
        var council = await _client.CreateOrganisationAsync(Register.Organisation($"{prefix} Council", OrganisationType.UnitaryAuthority, gss: Support.Agreements.UniqueGss()));
        var pct = await _client.CreateOrganisationAsync(Register.Organisation($"{prefix} PCT", OrganisationType.PrimaryCareTrust, from: "2002-04-01", to: "2013-03-31"));
        var ccg = await _client.CreateOrganisationAsync(Register.Organisation($"{prefix} CCG", OrganisationType.ClinicalCommissioningGroup, from: "2013-04-01"));
        var (agreement, _) = await _client.ActiveAgreementAsync(new AgreementRequest
        {
            Reference = $"S113-{Guid.NewGuid():N}"[..20],
            Title = "PCT staff placed at the council's disposal",
            Basis = StatutoryBasis.Section113LocalGovernmentAct1972,
            Parties =
            [
                new AgreementPartyContract { OrganisationId = council.Id, Role = PartyRole.Host },
                new AgreementPartyContract { OrganisationId = pct.Id, Role = PartyRole.Provider },
            ],
            CommencesOn = new DateOnly(2010, 4, 1),
        }, council.Id);
        await _client.RecordSuccessionAsync(Register.Succession([pct], [ccg], "2013-04-01"));
        SecondmentRequest From(Api.Organisations.OrganisationResponse employer, string starts) => new()
        {
            HolderReference = $"E{Random.Shared.Next(1_000_000, 9_999_999)}", EmployerId = employer.Id, HostId = council.Id, AgreementId = agreement.Id,
            StartsOn = DateOnly.Parse(starts), EndsOn = DateOnly.Parse(starts).AddYears(1), Fte = 1m,
        };

        var successorsStaff = await _client.PostJsonAsync("/api/v1/secondments", From(ccg, "2013-06-01"));
        var beforeTheNovation = await Refused(From(ccg, "2013-03-01"));
        var predecessorsStaffAfterIt = await Refused(From(pct, "2013-06-01"));
        var predecessorsStaffBefore = await _client.PostJsonAsync("/api/v1/secondments", From(pct, "2011-04-01") with { EndsOn = new DateOnly(2013, 3, 31) });

        Assert.Equal(HttpStatusCode.Created, successorsStaff.StatusCode);
        Assert.Contains("does not name both organisations as parties on 2013-03-01", (string?)beforeTheNovation["detail"], StringComparison.Ordinal);
        Assert.Contains("does not name both organisations as parties on 2013-06-01", (string?)predecessorsStaffAfterIt["detail"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, predecessorsStaffBefore.StatusCode);
    }

    private async Task<System.Text.Json.Nodes.JsonObject> Refused(SecondmentRequest request)
    {
        var problem = await (await _client.PostJsonAsync("/api/v1/secondments", request)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("urn:integration-governance:problem:authorising-agreement-required", (string?)problem["type"]);
        return problem;
    }
}
