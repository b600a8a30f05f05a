using System.Net;
using IntegrationGovernance.Api.Agreements;
using IntegrationGovernance.Api.Organisations;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.Agreements;

/// <summary>
/// A writer acts for its own organisation: it changes an agreement only as a party before and after, what binds another
/// body waits for that body's acceptance, and no party approves or terminates for the others.
/// </summary>
public sealed class ConsentTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _admin = api.CreateClient();

    [Fact]
    public async Task A_party_cannot_replace_the_parties_with_other_bodies_and_remove_itself()
    {
        var (parties, agreement, etag) = await RunningAsync("Replace");
        var others = (await OtherCouncil("Replace"), await Trust("Replace"));
        var council = As(parties.Council);

        var response = await council.SendWithIfMatchAsync(HttpMethod.Post, $"{Support.Agreements.Url}/{agreement.Id}/variations", new VariationRequest
        {
            EffectiveOn = new DateOnly(2015, 4, 1), Description = "New parties",
            Parties =
            [
                new PartyChangeContract { OrganisationId = others.Item1.Id, Replaces = parties.Council.Id },
                new PartyChangeContract { OrganisationId = others.Item2.Id, Replaces = parties.Pct.Id },
            ],
        }, etag);

        var problem = await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("urn:integration-governance:problem:party-before-and-after", (string?)problem["type"]);
        Assert.Equal([parties.Council.Id, parties.Pct.Id], await _admin.PartiesOnAsync(agreement.Id, "2016-01-01"));
    }

    [Fact]
    public async Task A_party_added_by_another_is_proposed_until_it_accepts_and_only_it_can_accept()
    {
        var (parties, agreement, etag) = await RunningAsync("Join");
        var trust = await Trust("Join");
        (agreement, etag) = await As(parties.Council).ActOnAsync(agreement.Id, "variations", new VariationRequest
        {
            EffectiveOn = new DateOnly(2015, 4, 1), Description = "The trust joins as provider",
            Parties = [new PartyChangeContract { OrganisationId = trust.Id, Role = PartyRole.Provider }],
        }, etag);
        var proposed = agreement.Variations[^1];

        Assert.False(proposed.InForce);
        Assert.Equal([trust.Id], proposed.AwaitingConsentOf);
        Assert.DoesNotContain(trust.Id, await _admin.PartiesOnAsync(agreement.Id, "2016-01-01"));
        Assert.Empty(await _admin.BindingReferencesAsync(trust, activeOn: "2016-01-01"));

        var byCouncil = await As(parties.Council).SendWithIfMatchAsync(HttpMethod.Post,
            $"{Support.Agreements.Url}/{agreement.Id}/variations/{proposed.Number}/acceptances", new AcceptanceRequest(), etag);
        await byCouncil.ReadProblemAsync(HttpStatusCode.Conflict);
        var forTrust = await As(parties.Council).SendWithIfMatchAsync(HttpMethod.Post,
            $"{Support.Agreements.Url}/{agreement.Id}/variations/{proposed.Number}/acceptances", new AcceptanceRequest { OrganisationId = trust.Id }, etag);
        await forTrust.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        (agreement, _) = await As(trust).ActOnAsync(agreement.Id, $"variations/{proposed.Number}/acceptances", new AcceptanceRequest(), etag);

        Assert.True(agreement.Variations[^1].InForce);
        Assert.Equal([trust.Id], agreement.Variations[^1].AcceptedBy);
        Assert.DoesNotContain(trust.Id, await _admin.PartiesOnAsync(agreement.Id, "2015-03-31"));
        Assert.Contains(trust.Id, await _admin.PartiesOnAsync(agreement.Id, "2015-04-01"));
        Assert.Equal([agreement.Reference], await _admin.BindingReferencesAsync(trust, activeOn: "2016-01-01"));
    }

    [Fact]
    public async Task An_organisation_proposed_as_a_party_cannot_change_the_agreements_status_before_it_has_joined()
    {
        var (parties, agreement, etag) = await RunningAsync("Proposed");
        var trust = await Trust("Proposed");
        (agreement, etag) = await As(parties.Council).ActOnAsync(agreement.Id, "variations", new VariationRequest
        {
            EffectiveOn = new DateOnly(2015, 4, 1), Description = "The trust joins",
            Parties = [new PartyChangeContract { OrganisationId = trust.Id, Role = PartyRole.Provider }],
        }, etag);

        var suspended = await As(trust).SendWithIfMatchAsync(HttpMethod.Post, $"{Support.Agreements.Url}/{agreement.Id}/transitions",
            new TransitionRequest { To = AgreementStatus.Suspended, EffectiveOn = new DateOnly(2016, 1, 1) }, etag);

        var problem = await suspended.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("urn:integration-governance:problem:not-a-party-then", (string?)problem["type"]);
        Assert.True((await _admin.OnAsync(agreement.Id, "2016-06-01")).OnDate!.Active);
    }

    [Fact]
    public async Task Changing_another_partys_role_waits_for_that_party_while_the_partys_own_term_changes_do_not()
    {
        var (parties, agreement, etag) = await RunningAsync("Role");
        var pct = As(parties.Pct);
        (agreement, etag) = await pct.ActOnAsync(agreement.Id, "variations", new VariationRequest
        {
            EffectiveOn = new DateOnly(2014, 4, 1), Description = "The PCT hosts the fund",
            Parties =
            [
                new PartyChangeContract { OrganisationId = parties.Pct.Id, Role = PartyRole.Host },
                new PartyChangeContract { OrganisationId = parties.Council.Id, Role = PartyRole.Partner },
            ],
        }, etag);
        Assert.Equal([parties.Council.Id], agreement.Variations[^1].AwaitingConsentOf);
        Assert.Equal(parties.Council.Id, (await _admin.OnAsync(agreement.Id, "2015-01-01")).OnDate!.Parties.Single(p => p.Role == PartyRole.Host).OrganisationId);

        (agreement, etag) = await As(parties.Council).ActOnAsync(agreement.Id, $"variations/{agreement.Variations[^1].Number}/acceptances", new AcceptanceRequest(), etag);
        (agreement, _) = await pct.ActOnAsync(agreement.Id, "variations", new VariationRequest
        {
            EffectiveOn = new DateOnly(2015, 4, 1), Description = "Review brought forward", ReviewOn = new DateOnly(2016, 1, 1),
        }, etag);

        Assert.True(agreement.Variations[^1].InForce);
        var on = await _admin.OnAsync(agreement.Id, "2015-06-01");
        Assert.Equal(parties.Pct.Id, on.OnDate!.Parties.Single(p => p.Role == PartyRole.Host).OrganisationId);
        Assert.Equal(new DateOnly(2016, 1, 1), on.OnDate.ReviewOn);
    }

    [Fact]
    public async Task An_approval_is_recorded_only_for_the_callers_own_bodies_and_every_party_must_approve()
    {
        var parties = await _admin.CouncilAndPctAsync($"Approve {Guid.NewGuid():N}");
        var cabinet = await _admin.CreateOrganisationAsync(Register.Organisation($"Approve Cabinet {Guid.NewGuid():N}", OrganisationType.PartnershipBoard) with { PartOfId = parties.Council.Id });
        var elsewhere = await _admin.CreateOrganisationAsync(Register.Organisation($"Elsewhere Council {Guid.NewGuid():N}", gss: Support.Agreements.UniqueGss()));
        var otherCabinet = await _admin.CreateOrganisationAsync(Register.Organisation($"Elsewhere Cabinet {Guid.NewGuid():N}", OrganisationType.PartnershipBoard) with { PartOfId = elsewhere.Id });
        var council = As(parties.Council);
        var (agreement, etag) = await council.CreateAgreementAsync(Support.Agreements.Section75($"APPROVE-{Guid.NewGuid():N}"[..20], parties));

        var foreign = await council.SendWithIfMatchAsync(HttpMethod.Post, $"{Support.Agreements.Url}/{agreement.Id}/approvals", Approval(otherCabinet.Id), etag);
        var forThePct = await council.SendWithIfMatchAsync(HttpMethod.Post, $"{Support.Agreements.Url}/{agreement.Id}/approvals", Approval(parties.Pct.Id), etag);
        Assert.Equal("urn:integration-governance:problem:not-your-body", (string?)(await foreign.ReadProblemAsync(HttpStatusCode.UnprocessableEntity))["type"]);
        await forThePct.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        (agreement, etag) = await council.ActOnAsync(agreement.Id, "approvals", Approval(cabinet.Id), etag);
        Assert.Equal(parties.Council.Id, agreement.Approvals.Single().ForPartyId);
        var alone = await council.SendWithIfMatchAsync(HttpMethod.Post, $"{Support.Agreements.Url}/{agreement.Id}/transitions",
            new TransitionRequest { To = AgreementStatus.Approved, EffectiveOn = new DateOnly(2012, 3, 1) }, etag);
        Assert.Equal("urn:integration-governance:problem:approval-required", (string?)(await alone.ReadProblemAsync(HttpStatusCode.UnprocessableEntity))["type"]);

        (_, etag) = await As(parties.Pct).ActOnAsync(agreement.Id, "approvals", Approval(parties.Pct.Id), etag);
        (agreement, _) = await council.ActOnAsync(agreement.Id, "transitions", new TransitionRequest { To = AgreementStatus.Approved, EffectiveOn = new DateOnly(2012, 3, 1) }, etag);
        Assert.Equal(AgreementStatus.Approved, agreement.Status);
    }

    [Fact]
    public async Task One_party_asking_to_terminate_waits_for_the_others_and_the_agreement_stays_active_until_they_accept()
    {
        var (parties, agreement, etag) = await RunningAsync("Terminate");
        (agreement, etag) = await As(parties.Council).ActOnAsync(agreement.Id, "transitions",
            new TransitionRequest { To = AgreementStatus.Terminated, EffectiveOn = new DateOnly(2016, 3, 31), Reason = "Superseded" }, etag);

        var asked = agreement.StatusChanges[^1];
        Assert.Equal((AgreementStatus.Active, false), (agreement.Status, asked.InForce));
        Assert.Equal([parties.Pct.Id], asked.AwaitingConsentOf);
        Assert.True((await _admin.OnAsync(agreement.Id, "2017-01-01")).OnDate!.Active);

        (agreement, _) = await As(parties.Pct).ActOnAsync(agreement.Id, $"transitions/{asked.Sequence}/acceptances", new AcceptanceRequest(), etag);

        Assert.Equal(AgreementStatus.Terminated, agreement.Status);
        Assert.True((await _admin.OnAsync(agreement.Id, "2016-03-30")).OnDate!.Active);
        Assert.False((await _admin.OnAsync(agreement.Id, "2016-03-31")).OnDate!.Active);
    }

    [Fact]
    public async Task A_draft_cannot_be_revised_by_a_party_to_leave_it()
    {
        var parties = await _admin.CouncilAndPctAsync($"Leave {Guid.NewGuid():N}");
        var other = await OtherCouncil("Leave");
        var request = Support.Agreements.Section75($"LEAVE-{Guid.NewGuid():N}"[..20], parties);
        var (agreement, etag) = await As(parties.Council).CreateAgreementAsync(request);

        var response = await As(parties.Council).SendWithIfMatchAsync(HttpMethod.Put, $"{Support.Agreements.Url}/{agreement.Id}", request with
        {
            Parties = [new AgreementPartyContract { OrganisationId = other.Id, Role = PartyRole.Host }, request.Parties[1]],
        }, etag);

        var problem = await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("urn:integration-governance:problem:party-before-and-after", (string?)problem["type"]);
    }

    private HttpClient As(OrganisationResponse organisation) =>
        api.CreateClientAs($"officer-{organisation.Id:N}", organisation.Id.ToString(), Scopes.RegisterRead, Scopes.RegisterWrite);

    private static ApprovalContract Approval(Guid body) =>
        new() { BodyId = body, DecidedOn = new DateOnly(2012, 3, 1), Outcome = ApprovalOutcome.Approved, MinuteReference = "M/1" };

    private async Task<(Support.Agreements.Parties Parties, AgreementResponse Agreement, string ETag)> RunningAsync(string prefix)
    {
        var parties = await _admin.CouncilAndPctAsync($"{prefix} {Guid.NewGuid():N}");
        var (agreement, etag) = await _admin.ActiveAgreementAsync(Support.Agreements.Section75($"{prefix.ToUpperInvariant()}-{Guid.NewGuid():N}"[..20], parties, "2012-04-01", null), parties.Council.Id);
        return (parties, agreement, etag);
    }

    private Task<OrganisationResponse> OtherCouncil(string prefix) =>
        _admin.CreateOrganisationAsync(Register.Organisation($"{prefix} other council {Guid.NewGuid():N}", gss: Support.Agreements.UniqueGss()));

    private Task<OrganisationResponse> Trust(string prefix) =>
        _admin.CreateOrganisationAsync(Register.Organisation($"{prefix} Trust {Guid.NewGuid():N}", OrganisationType.NhsTrust, from: "2000-04-01"));
}
