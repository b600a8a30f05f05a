using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.Domain.Successions;

namespace IntegrationGovernance.UnitTests.Organisations;

public sealed class SuccessionRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly AprilFirst2013 = new(2013, 4, 1);

    private readonly Organisation _pct = Body("PCT", OrganisationType.PrimaryCareTrust, new(2002, 4, 1), new(2013, 3, 31));
    private readonly Organisation _ccg = Body("CCG", OrganisationType.ClinicalCommissioningGroup, AprilFirst2013, new(2022, 6, 30));
    private readonly Organisation _otherPct = Body("Other PCT", OrganisationType.PrimaryCareTrust, null, new(2013, 3, 31));

    [Fact]
    public void A_succession_names_a_bounded_number_of_transfers_and_refuses_one_more()
    {
        var succession = Succession.Create(new SuccessionDetails([_pct.Id], [_ccg.Id, Guid.NewGuid()], AprilFirst2013, SuccessionKind.Split, null), Now);
        for (var i = 0; i < SuccessionRules.MaxTransfers; i++)
            succession.NameTransfer(new SuccessionTransfer(Guid.NewGuid(), _pct.Id, _ccg.Id));

        var refused = Assert.Throws<Domain.Common.RegisterRuleException>(() => succession.NameTransfer(new SuccessionTransfer(Guid.NewGuid(), _pct.Id, _ccg.Id)));

        Assert.Equal("too-many-entries", refused.Code);
        Assert.Equal(SuccessionRules.MaxTransfers, succession.Transfers.Count);
    }

    [Fact]
    public void A_pct_succeeded_by_a_ccg_on_the_day_after_it_closed_is_valid() =>
        Assert.Empty(Check([_pct], [_ccg], AprilFirst2013, SuccessionKind.AbolitionWithTransfer));

    [Fact]
    public void A_predecessor_operating_on_the_date_is_refused() =>
        Assert.Contains("$.predecessorIds[0]", Check([_pct], [_ccg], new(2013, 3, 31), SuccessionKind.AbolitionWithTransfer).Select(v => v.Field));

    [Fact]
    public void A_successor_not_operating_on_the_date_is_refused() =>
        Assert.Contains("$.successorIds[0]", Check([_pct], [_ccg], new(2022, 7, 1), SuccessionKind.AbolitionWithTransfer).Select(v => v.Field));

    [Theory]
    [InlineData(SuccessionKind.Merger, 1, 1)]
    [InlineData(SuccessionKind.Split, 2, 1)]
    [InlineData(SuccessionKind.Rename, 2, 1)]
    public void The_kind_must_fit_the_number_of_bodies_on_each_side(SuccessionKind kind, int predecessors, int successors)
    {
        var before = new[] { _pct, _otherPct }.Take(predecessors).ToList();

        Assert.Equal(["$.kind"], Check(before, new[] { _ccg }.Take(successors).ToList(), AprilFirst2013, kind).Select(v => v.Field));
    }

    [Fact]
    public void A_merger_of_two_into_one_is_valid() =>
        Assert.Empty(Check([_pct, _otherPct], [_ccg], AprilFirst2013, SuccessionKind.Merger));

    [Fact]
    public void An_organisation_cannot_succeed_itself()
    {
        var undated = Body("Undated", OrganisationType.PartnershipBoard, null, null);

        Assert.Contains("$.successorIds[0]", Check([undated], [undated], AprilFirst2013, SuccessionKind.Rename).Select(v => v.Field));
    }

    [Fact]
    public void Unknown_and_repeated_organisations_are_named_by_position()
    {
        var details = new SuccessionDetails([_pct.Id, _pct.Id], [Guid.NewGuid()], AprilFirst2013, SuccessionKind.AbolitionWithTransfer, null);

        var fields = SuccessionRules.Check(details, new Dictionary<Guid, Organisation> { [_pct.Id] = _pct }).Select(v => v.Field);

        Assert.Equal(["$.predecessorIds[1]", "$.successorIds[0]"], fields);
    }

    [Fact]
    public void Empty_sides_are_refused() =>
        Assert.Equal(["$.predecessorIds", "$.successorIds"], Check([], [], AprilFirst2013, SuccessionKind.AbolitionWithTransfer).Select(v => v.Field));

    private static IReadOnlyList<Domain.Common.RuleViolation> Check(
        IReadOnlyList<Organisation> predecessors, IReadOnlyList<Organisation> successors, DateOnly on, SuccessionKind kind)
    {
        var details = new SuccessionDetails(predecessors.Select(o => o.Id).ToList(), successors.Select(o => o.Id).ToList(), on, kind, null);
        return SuccessionRules.Check(details, predecessors.Concat(successors).DistinctBy(o => o.Id).ToDictionary(o => o.Id));
    }

    private static Organisation Body(string name, OrganisationType type, DateOnly? from, DateOnly? to) =>
        Organisation.Create(new OrganisationDetails(name, type, null, null, from, to), Now);
}
