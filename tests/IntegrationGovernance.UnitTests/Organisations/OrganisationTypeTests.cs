using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Organisations;

namespace IntegrationGovernance.UnitTests.Organisations;

public sealed class OrganisationTypeTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_type_change_keeps_the_earlier_type_to_the_day_before()
    {
        var council = Body(OrganisationType.DistrictCouncil);

        Assert.Empty(council.ChangeType(OrganisationType.UnitaryAuthority, new DateOnly(1996, 4, 1), Now));

        Assert.Equal(OrganisationType.DistrictCouncil, council.TypeOn(new DateOnly(1996, 3, 31)));
        Assert.Equal(OrganisationType.UnitaryAuthority, council.TypeOn(new DateOnly(1996, 4, 1)));
        Assert.Equal(new DateOnly(1996, 4, 1), council.TypeSince);
    }

    [Fact]
    public void An_organisation_records_a_bounded_number_of_type_changes_and_refuses_one_more()
    {
        var council = Body(OrganisationType.DistrictCouncil);
        for (var i = 0; i < Organisation.MaxEarlierTypes; i++)
            Assert.Empty(council.ChangeType(i % 2 == 0 ? OrganisationType.UnitaryAuthority : OrganisationType.DistrictCouncil, new DateOnly(1975, 4, 1).AddYears(i), Now));

        var refused = Assert.Throws<Domain.Common.RegisterRuleException>(() =>
            council.ChangeType(OrganisationType.MetropolitanBorough, new DateOnly(1975, 4, 1).AddYears(Organisation.MaxEarlierTypes), Now));

        Assert.Equal("too-many-entries", refused.Code);
        Assert.Equal(Organisation.MaxEarlierTypes, council.EarlierTypes.Count);
    }

    [Fact]
    public void Types_change_in_date_order_only()
    {
        var council = Body(OrganisationType.DistrictCouncil);
        council.ChangeType(OrganisationType.UnitaryAuthority, new DateOnly(1996, 4, 1), Now);

        Assert.Equal(["$.from"], council.ChangeType(OrganisationType.MetropolitanBorough, new DateOnly(1990, 4, 1), Now).Select(p => p.Field));
        Assert.Equal(["$.from"], council.ChangeType(OrganisationType.MetropolitanBorough, new DateOnly(1996, 4, 1), Now).Select(p => p.Field));
    }

    [Fact]
    public void The_partnership_rules_read_each_partys_type_on_the_commencement_date()
    {
        // a provider that became an NHS trust: before then a section 75 agreement with it and a council has no NHS body
        var council = Body(OrganisationType.UnitaryAuthority);
        var provider = Body(OrganisationType.CommunityInterestCompany);
        provider.ChangeType(OrganisationType.NhsTrust, new DateOnly(2011, 4, 1), Now);
        var organisations = new Dictionary<Guid, Organisation> { [council.Id] = council, [provider.Id] = provider };
        AgreementDetails On(DateOnly day) => new("TYPE-ON-DAY", "Type on the day", null, StatutoryBasis.Section75NhsAct2006, [Flexibility.PooledFund], [], [],
            [new AgreementParty(council.Id, PartyRole.Host), new AgreementParty(provider.Id, PartyRole.Partner)], null, day, null, null, null, null, [], false);

        Assert.Contains(AgreementRules.Check(On(new DateOnly(2010, 4, 1)), organisations), p => p.Field == "$.parties");
        Assert.DoesNotContain(AgreementRules.Check(On(new DateOnly(2011, 4, 1)), organisations), p => p.Field == "$.parties");
    }

    private static Organisation Body(OrganisationType type) =>
        Organisation.Create(new OrganisationDetails($"{type} body", type, null, null, new DateOnly(1974, 4, 1), null), Now);
}
