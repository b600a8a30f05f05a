using System.Net;
using IntegrationGovernance.Api.Agreements;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.Organisations;
using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.Domain.Successions;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.Agreements;

/// <summary>
/// Successions carry agreements to the successors as novations from their date: which agreements bind an organisation on
/// a day follows the parties then in force, never before a body existed or before the transfer.
/// </summary>
public sealed class NovationTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task An_icb_is_bound_by_its_pct_predecessors_agreement_only_from_the_successions_and_never_before_it_existed()
    {
        var (council, pct, ccg, icb) = await ChainAsync("Icb");
        var (agreement, _) = await _client.ActiveAgreementAsync(Support.Agreements.Section75("ICB-S31", new(council, pct), "2005-10-01", null) with
        {
            Basis = StatutoryBasis.Section31HealthAct1999,
        }, council.Id);
        await _client.RecordSuccessionAsync(Register.Succession([pct], [ccg], "2013-04-01"));
        await _client.RecordSuccessionAsync(Register.Succession([ccg], [icb], "2022-07-01"));

        Assert.Empty(await _client.BindingReferencesAsync(icb, activeOn: "2006-06-01"));
        Assert.Equal(["ICB-S31"], await _client.BindingReferencesAsync(pct, activeOn: "2006-06-01"));
        Assert.Equal(["ICB-S31"], await _client.BindingReferencesAsync(ccg, activeOn: "2015-01-01"));
        Assert.Empty(await _client.BindingReferencesAsync(ccg, activeOn: "2022-07-01"));
        Assert.Empty(await _client.BindingReferencesAsync(icb, activeOn: "2022-06-30"));
        var binding = Assert.Single(await _client.BindingAsync(icb, activeOn: "2022-07-01"));
        Assert.Equal((agreement.Id, pct.Id, 2), (binding.Agreement.Id, binding.BoundThroughId, binding.SuccessionDepth));
        Assert.Empty(await _client.BindingReferencesAsync(pct, activeOn: "2013-04-01"));
    }

    [Fact]
    public async Task A_novation_is_read_on_both_sides_of_its_date_and_kept_among_the_variations()
    {
        var (council, pct, ccg, _) = await ChainAsync("Sides");
        var (agreement, _) = await _client.ActiveAgreementAsync(Support.Agreements.Section75("SIDES-S75", new(council, pct), "2010-04-01", null), council.Id);
        var succession = await _client.RecordSuccessionAsync(Register.Succession([pct], [ccg], "2013-04-01"));

        Assert.Equal([council.Id, pct.Id], await _client.PartiesOnAsync(agreement.Id, "2013-03-31"));
        Assert.Equal([council.Id, ccg.Id], await _client.PartiesOnAsync(agreement.Id, "2013-04-01"));
        var after = await _client.OnAsync(agreement.Id, "2013-04-01");
        Assert.Equal(PartyRole.Partner, after.OnDate!.Parties.Single(p => p.OrganisationId == ccg.Id).Role);
        var novation = Assert.Single(after.Variations);
        Assert.Equal((VariationKind.Novation, succession.Id, new DateOnly(2013, 4, 1), true), (novation.Kind, novation.SuccessionId, novation.EffectiveOn, novation.InForce));
        Assert.Equal([new PartyChangeContract { OrganisationId = ccg.Id, Replaces = pct.Id }], novation.Parties);
        var history = await (await _client.GetAsync($"{Support.Agreements.Url}/{agreement.Id}/history"))
            .ReadAsync<Page<Api.RecordKeeping.RevisionResponse<AgreementResponse>>>(HttpStatusCode.OK);
        Assert.Contains("variations", history.Items[^1].ChangedFields);
        Assert.Equal(VariationKind.Novation, history.Items[^1].Record.Variations.Single().Kind);
    }

    [Fact]
    public async Task Nhs_england_is_not_bound_by_the_agreements_a_transfer_scheme_gave_to_a_ccg()
    {
        var (council, pct, ccg, _) = await ChainAsync("England");
        var england = await _client.CreateOrganisationAsync(Register.Organisation($"NHS England {Guid.NewGuid():N}", OrganisationType.NhsEngland, from: "2012-10-01"));
        var (named, _) = await _client.ActiveAgreementAsync(Support.Agreements.Section75("ENGLAND-NAMED", new(council, pct), "2010-04-01", null), council.Id);
        var (unnamed, _) = await _client.ActiveAgreementAsync(Support.Agreements.Section75("ENGLAND-UNNAMED", new(council, pct), "2010-04-01", null), council.Id);

        var request = Register.Succession([pct], [ccg, england], "2013-04-01") with
        {
            Transfers = [new SuccessionTransferContract { AgreementId = named.Id, PredecessorId = pct.Id, SuccessorId = ccg.Id }],
        };
        var succession = await _client.RecordSuccessionAsync(request);

        Assert.Equal(["ENGLAND-NAMED"], await _client.BindingReferencesAsync(ccg));
        Assert.Empty(await _client.BindingReferencesAsync(england));
        var left = await _client.OnAsync(unnamed.Id, "2013-04-01");
        Assert.Equal([council.Id], left.OnDate!.Parties.Select(p => p.OrganisationId));
        Assert.False(left.OnDate.Active);
        Assert.Equal([(succession.Id, pct.Id)], left.UnassignedTransfers.Select(t => (t.SuccessionId, t.PredecessorId)));
    }

    [Fact]
    public async Task A_split_names_which_successor_takes_which_agreement_and_a_transfer_named_later_joins_from_the_succession()
    {
        var council = await Council("Split");
        var pct = await _client.CreateOrganisationAsync(Register.Organisation($"Split PCT {Guid.NewGuid():N}", OrganisationType.PrimaryCareTrust, from: "2002-04-01", to: "2013-03-31"));
        var east = await Ccg("Split east");
        var west = await Ccg("Split west");
        var (first, _) = await _client.ActiveAgreementAsync(Support.Agreements.Section75("SPLIT-EAST", new(council, pct), "2010-04-01", null), council.Id);
        var (second, _) = await _client.ActiveAgreementAsync(Support.Agreements.Section75("SPLIT-WEST", new(council, pct), "2010-04-01", null), council.Id);
        var succession = await _client.RecordSuccessionAsync(Register.Succession([pct], [east, west], "2013-04-01", SuccessionKind.Split) with
        {
            Transfers = [new SuccessionTransferContract { AgreementId = first.Id, PredecessorId = pct.Id, SuccessorId = east.Id }],
        });

        Assert.Equal(["SPLIT-EAST"], await _client.BindingReferencesAsync(east, activeOn: "2014-01-01"));
        Assert.Empty(await _client.BindingReferencesAsync(west, activeOn: "2014-01-01"));

        var named = await _client.PostJsonAsync($"{Register.Successions}/{succession.Id}/transfers",
            new SuccessionTransferContract { AgreementId = second.Id, PredecessorId = pct.Id, SuccessorId = west.Id });
        await named.ReadAsync<SuccessionResponse>(HttpStatusCode.OK);

        Assert.Equal(["SPLIT-WEST"], await _client.BindingReferencesAsync(west, activeOn: "2013-04-01"));
        Assert.Equal([council.Id, west.Id], await _client.PartiesOnAsync(second.Id, "2013-04-01"));
        Assert.Empty((await _client.OnAsync(second.Id, "2013-04-01")).UnassignedTransfers);
        Assert.Equal(["SPLIT-EAST"], await _client.BindingReferencesAsync(east));
    }

    [Fact]
    public async Task A_transfer_to_a_body_that_is_no_successor_is_refused_and_changes_nothing()
    {
        var council = await Council("Wrong");
        var pct = await _client.CreateOrganisationAsync(Register.Organisation($"Wrong PCT {Guid.NewGuid():N}", OrganisationType.PrimaryCareTrust, from: "2002-04-01", to: "2013-03-31"));
        var east = await Ccg("Wrong east");
        var west = await Ccg("Wrong west");
        var stranger = await Ccg("Wrong stranger");
        var (agreement, _) = await _client.ActiveAgreementAsync(Support.Agreements.Section75("WRONG-1", new(council, pct), "2010-04-01", null), council.Id);

        var refused = await _client.PostJsonAsync(Register.Successions, Register.Succession([pct], [east, west], "2013-04-01", SuccessionKind.Split) with
        {
            Transfers = [new SuccessionTransferContract { AgreementId = agreement.Id, PredecessorId = pct.Id, SuccessorId = stranger.Id }],
        });

        var problem = await refused.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.ErrorsFor("$.transfers[0].successorId"));
        Assert.Equal([council.Id, pct.Id], await _client.PartiesOnAsync(agreement.Id, "2014-01-01"));
        Assert.Empty((await (await _client.GetAsync($"{Register.Organisations}/{east.Id}/predecessors")).ReadAsync<SuccessionChainResponse>(HttpStatusCode.OK)).Links);
    }

    [Fact]
    public async Task An_agreement_recorded_after_the_successions_is_novated_down_the_chain_when_it_is_made()
    {
        var (council, pct, ccg, icb) = await ChainAsync("Late");
        await _client.RecordSuccessionAsync(Register.Succession([pct], [ccg], "2013-04-01"));
        await _client.RecordSuccessionAsync(Register.Succession([ccg], [icb], "2022-07-01"));

        var (agreement, _) = await _client.ActiveAgreementAsync(Support.Agreements.Section75("LATE-S75", new(council, pct), "2009-04-01", null), council.Id);

        Assert.Equal([council.Id, icb.Id], await _client.PartiesOnAsync(agreement.Id, "2024-01-01"));
        Assert.Equal(["LATE-S75"], await _client.BindingReferencesAsync(icb, activeOn: "2024-01-01"));
        Assert.Equal([VariationKind.Novation, VariationKind.Novation], (await _client.OnAsync(agreement.Id, "2024-01-01")).Variations.Select(v => v.Kind));
    }

    [Fact]
    public async Task An_imported_agreement_of_a_predecessor_is_novated_to_its_successor_on_import()
    {
        var (council, pct, ccg, _) = await ChainAsync("Imported");
        await _client.RecordSuccessionAsync(Register.Succession([pct], [ccg], "2013-04-01"));
        var row = new Api.Imports.AgreementImportRow
        {
            Reference = "IMPORTED-S75", Title = "Imported section 75", Basis = StatutoryBasis.Section75NhsAct2006, Flexibilities = [Flexibility.PooledFund],
            Parties = [new Api.Imports.ImportPartyContract { Organisation = council.Id.ToString(), Role = PartyRole.Host },
                       new Api.Imports.ImportPartyContract { Organisation = pct.Id.ToString(), Role = PartyRole.Partner }],
            CommencesOn = new DateOnly(2010, 4, 1),
        };

        await (await _client.PostJsonAsync("/api/v1/imports/agreements", new[] { row })).ReadAsync<Api.Imports.ImportReport>(HttpStatusCode.OK);

        var agreement = (await (await _client.GetAsync($"{Support.Agreements.Url}?q=IMPORTED-S75")).ReadAsync<Api.Http.Page<AgreementResponse>>(HttpStatusCode.OK)).Items.Single();
        Assert.Equal([council.Id, ccg.Id], await _client.PartiesOnAsync(agreement.Id, "2013-04-01"));
        Assert.Equal([council.Id, pct.Id], await _client.PartiesOnAsync(agreement.Id, "2013-03-31"));
    }

    [Fact]
    public async Task An_agreement_that_ended_before_the_succession_passes_to_no_one()
    {
        var (council, pct, ccg, _) = await ChainAsync("Ended");
        var (agreement, _) = await _client.ActiveAgreementAsync(Support.Agreements.Section75("ENDED-S75", new(council, pct), "2008-04-01", "2013-03-31"), council.Id);

        await _client.RecordSuccessionAsync(Register.Succession([pct], [ccg], "2013-04-01"));

        Assert.Empty(await _client.BindingReferencesAsync(ccg));
        Assert.Empty((await _client.OnAsync(agreement.Id, "2012-01-01")).Variations);
    }

    private async Task<(OrganisationResponse Council, OrganisationResponse Pct, OrganisationResponse Ccg, OrganisationResponse Icb)> ChainAsync(string prefix) => (
        await Council(prefix),
        await _client.CreateOrganisationAsync(Register.Organisation($"{prefix} PCT {Guid.NewGuid():N}", OrganisationType.PrimaryCareTrust, from: "2002-04-01", to: "2013-03-31")),
        await _client.CreateOrganisationAsync(Register.Organisation($"{prefix} CCG {Guid.NewGuid():N}", OrganisationType.ClinicalCommissioningGroup, from: "2013-04-01", to: "2022-06-30")),
        await _client.CreateOrganisationAsync(Register.Organisation($"{prefix} ICB {Guid.NewGuid():N}", OrganisationType.IntegratedCareBoard, from: "2022-07-01")));

    private Task<OrganisationResponse> Council(string prefix) =>
        _client.CreateOrganisationAsync(Register.Organisation($"{prefix} Council {Guid.NewGuid():N}", OrganisationType.UnitaryAuthority, gss: Support.Agreements.UniqueGss()));

    private Task<OrganisationResponse> Ccg(string prefix) =>
        _client.CreateOrganisationAsync(Register.Organisation($"{prefix} CCG {Guid.NewGuid():N}", OrganisationType.ClinicalCommissioningGroup, from: "2013-04-01"));
}
