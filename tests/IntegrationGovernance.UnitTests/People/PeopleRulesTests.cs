using IntegrationGovernance.Domain.Common;
using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.People;

namespace IntegrationGovernance.UnitTests.People;

public sealed class PeopleRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Council = Guid.NewGuid();
    private static readonly Guid Ccg = Guid.NewGuid();

    [Fact]
    public void A_basis_agreement_must_exist_name_both_and_cover_the_whole_period()
    {
        var agreement = Section113(new DateOnly(2013, 4, 1), new DateOnly(2016, 3, 31));

        Assert.Contains("none was given", PlacementBasis.ForLine(null, Council, Ccg, new DateOnly(2014, 1, 1), null));
        Assert.Contains("does not name both", PlacementBasis.ForLine(agreement, Council, Guid.NewGuid(), new DateOnly(2014, 1, 1), null));
        Assert.Contains("is not active on 2013-03-31", PlacementBasis.ForLine(agreement, Council, Ccg, new DateOnly(2013, 3, 31), null));
        Assert.Contains("whole period", PlacementBasis.ForLine(agreement, Council, Ccg, new DateOnly(2014, 1, 1), null));
        Assert.Contains("whole period", PlacementBasis.ForLine(agreement, Council, Ccg, new DateOnly(2014, 1, 1), new DateOnly(2016, 4, 1)));
        Assert.Null(PlacementBasis.ForLine(agreement, Council, Ccg, new DateOnly(2013, 4, 1), new DateOnly(2016, 3, 31)));
    }

    [Fact]
    public void A_suspension_within_the_period_breaks_the_basis()
    {
        var agreement = Section113(new DateOnly(2013, 4, 1), null);
        agreement.Transition(AgreementStatus.Suspended, new DateOnly(2014, 6, 1), null, Actor.Administrator, Now);
        agreement.Transition(AgreementStatus.Active, new DateOnly(2014, 7, 1), null, Actor.Administrator, Now);

        Assert.Contains("became Suspended on 2014-06-01", PlacementBasis.ForLine(agreement, Council, Ccg, new DateOnly(2014, 1, 1), new DateOnly(2015, 1, 1)));
        Assert.Null(PlacementBasis.ForLine(agreement, Council, Ccg, new DateOnly(2014, 7, 1), new DateOnly(2015, 1, 1)));
    }

    [Fact]
    public void Under_section_113_a_line_joins_the_host_and_a_provider_either_way_and_a_secondment_runs_from_a_provider_to_the_host()
    {
        var agreement = Section113(new DateOnly(2013, 4, 1), null);
        var day = new DateOnly(2014, 1, 1);

        Assert.Null(PlacementBasis.ForLine(agreement, Ccg, Council, day, null));
        Assert.Null(PlacementBasis.ForLine(agreement, Council, Ccg, day, null));
        Assert.Null(PlacementBasis.ForSecondment(agreement, Ccg, Council, day, null));
        Assert.Contains("Under section 113", PlacementBasis.ForSecondment(agreement, Council, Ccg, day, null));
    }

    [Theory]
    [InlineData(AccountabilityKind.LineManagement, true)]
    [InlineData(AccountabilityKind.ProfessionalAccountability, true)]
    [InlineData(AccountabilityKind.ClinicalSupervision, true)]
    [InlineData(AccountabilityKind.DottedLine, false)]
    [InlineData(AccountabilityKind.GovernanceReporting, false)]
    [InlineData(AccountabilityKind.OperationalManagement, false)]
    public void Only_hierarchies_are_kept_free_of_circles(AccountabilityKind kind, bool hierarchy) =>
        Assert.Equal(hierarchy, AccountabilityLine.IsHierarchy(kind));

    [Theory]
    [InlineData(AccountabilityKind.LineManagement, true)]
    [InlineData(AccountabilityKind.OperationalManagement, true)]
    [InlineData(AccountabilityKind.ProfessionalAccountability, false)]
    [InlineData(AccountabilityKind.DottedLine, false)]
    public void Line_and_day_to_day_management_are_the_kinds_a_structure_places_a_post_under(AccountabilityKind kind, bool management) =>
        Assert.Equal(management, AccountabilityLine.IsManagement(kind));

    [Fact]
    public void A_secondment_names_the_field_of_each_broken_rule()
    {
        var fields = Secondment.Check(" ", Council, Council, new DateOnly(2014, 1, 1), new DateOnly(2013, 1, 1), 1.5m, 100m, 50m).Select(p => p.Field);

        Assert.Equal(["$.holderReference", "$.hostId", "$.endsOn", "$.fte", "$.rechargePercent"], fields);
    }

    private static Agreement Section113(DateOnly commences, DateOnly? ends)
    {
        return Agreements.AgreementFixtures.Active(new AgreementDetails("S113-UNIT", "Section 113", null, StatutoryBasis.Section113LocalGovernmentAct1972, [], [], [],
            [new AgreementParty(Council, PartyRole.Host), new AgreementParty(Ccg, PartyRole.Provider)], null, commences, ends, null, null, null, [], false), Now);
    }
}
