using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Organisations;

namespace IntegrationGovernance.UnitTests.Agreements;

/// <summary>Section 256 and section 76 agreements: between the NHS and a local authority, from 1 March 2007, pooling nothing.</summary>
public sealed class TransferAgreementRulesTests
{
    private static readonly DateTimeOffset Now = new(2016, 1, 15, 9, 0, 0, TimeSpan.Zero);
    private static readonly Organisation Council = Make("Transfer Council", OrganisationType.CountyCouncil);
    private static readonly Organisation Pct = Make("Transfer PCT", OrganisationType.PrimaryCareTrust);
    private static readonly Organisation Trust = Make("Transfer Trust", OrganisationType.NhsTrust);
    private static readonly Dictionary<Guid, Organisation> Known = new[] { Council, Pct, Trust }.ToDictionary(o => o.Id);

    [Theory]
    [InlineData(StatutoryBasis.Section256NhsAct2006)]
    [InlineData(StatutoryBasis.Section76NhsAct2006)]
    public void A_transfer_between_a_pct_and_a_council_from_1_March_2007_is_valid(StatutoryBasis basis) =>
        Assert.Empty(AgreementRules.Check(Details(basis, new(2007, 3, 1), [], Council, Pct), Known));

    [Theory]
    [InlineData(StatutoryBasis.Section256NhsAct2006)]
    [InlineData(StatutoryBasis.Section76NhsAct2006)]
    public void A_transfer_commencing_before_sections_256_and_76_came_into_force_is_refused(StatutoryBasis basis) =>
        Assert.Equal(["$.commencesOn"], AgreementRules.Check(Details(basis, new(2007, 2, 28), [], Council, Pct), Known).Select(p => p.Field));

    [Theory]
    [InlineData(Flexibility.PooledFund)]
    [InlineData(Flexibility.LeadCommissioning)]
    public void A_transfer_agreement_uses_no_flexibility_so_it_has_no_pooled_fund(Flexibility flexibility) =>
        Assert.Contains("$.flexibilities", AgreementRules.Check(Details(StatutoryBasis.Section256NhsAct2006, new(2010, 4, 1), [flexibility], Council, Pct), Known)
            .Select(p => p.Field));

    [Fact]
    public void Section_256_payments_need_an_nhs_commissioner_but_a_section_76_payment_may_go_to_an_nhs_trust()
    {
        Assert.Equal(["$.parties"], AgreementRules.Check(Details(StatutoryBasis.Section256NhsAct2006, new(2010, 4, 1), [], Council, Trust), Known).Select(p => p.Field));
        Assert.Empty(AgreementRules.Check(Details(StatutoryBasis.Section76NhsAct2006, new(2010, 4, 1), [], Council, Trust), Known));
    }

    private static AgreementDetails Details(StatutoryBasis basis, DateOnly commences, List<Flexibility> flexibilities, params Organisation[] parties) => new(
        "UNIT-256", "Unit transfer", null, basis, flexibilities, [], [],
        parties.Select((p, i) => new AgreementParty(p.Id, i == 0 && flexibilities.Count > 0 ? PartyRole.Host : PartyRole.Partner)).ToList(),
        null, commences, null, null, null, null, [], false);

    private static Organisation Make(string name, OrganisationType type) =>
        Organisation.Create(new OrganisationDetails(name, type, null, null, new(1990, 4, 1), null), Now);
}
