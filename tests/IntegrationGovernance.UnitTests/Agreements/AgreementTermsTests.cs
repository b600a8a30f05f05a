using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Common;

namespace IntegrationGovernance.UnitTests.Agreements;

/// <summary>What is in force on a day, as varied, novated and noticed, and the periods that say the same.</summary>
public sealed class AgreementTermsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Council = Guid.NewGuid();
    private static readonly Guid Pct = Guid.NewGuid();
    private static readonly Guid Ccg = Guid.NewGuid();
    private static readonly Guid Trust = Guid.NewGuid();
    private static readonly Guid Succession = Guid.NewGuid();

    [Fact]
    public void A_variation_of_parties_services_and_role_applies_from_its_date_only()
    {
        var agreement = Active(null);
        agreement.Vary(AgreementFixtures.Change(new DateOnly(2015, 4, 1), "Trust joins; school nursing",
            parties: [new PartyChange(Trust, PartyRole.Provider, null)], services: ["school nursing"]), Actor.Administrator, Now);

        var before = agreement.TermsOn(new DateOnly(2015, 3, 31));
        var after = agreement.TermsOn(new DateOnly(2015, 4, 1));

        Assert.Equal([Council, Pct], before.Parties.Select(p => p.OrganisationId));
        Assert.Equal(["adult social care"], before.Services);
        Assert.Equal([Council, Pct, Trust], after.Parties.Select(p => p.OrganisationId));
        Assert.Equal(["school nursing"], after.Services);
        Assert.Equal(1, after.VariationNumber);
    }

    [Fact]
    public void A_variation_a_party_proposes_for_another_waits_for_that_partys_acceptance()
    {
        var agreement = Active(null);
        var proposed = agreement.Vary(AgreementFixtures.Change(new DateOnly(2015, 4, 1), "Trust joins",
            parties: [new PartyChange(Trust, PartyRole.Provider, null)]), Actor.For(Council), Now);

        Assert.Equal([Trust], proposed.AwaitingConsentOf);
        Assert.False(agreement.TermsOn(new DateOnly(2016, 1, 1)).HasParty(Trust));
        Assert.Throws<RegisterRuleException>(() => agreement.AcceptVariation(proposed.Number, Pct, Now));

        agreement.AcceptVariation(proposed.Number, Trust, Now);

        Assert.True(agreement.TermsOn(new DateOnly(2016, 1, 1)).HasParty(Trust));
    }

    [Fact]
    public void A_decision_is_recorded_only_by_its_body_or_the_party_the_body_is_part_of_and_speaks_for_that_party()
    {
        var agreement = Agreement.Draft(AgreementFixtures.Section75(Council, Pct, new DateOnly(2012, 4, 1), null), Now);
        var cabinet = Guid.NewGuid();

        var foreign = Assert.Throws<RegisterRuleException>(() => agreement.RecordApproval(
            new Approval(cabinet, new DateOnly(2012, 3, 1), null, ApprovalOutcome.Approved), Trust, Actor.For(Council), Now));
        agreement.RecordApproval(new Approval(cabinet, new DateOnly(2012, 3, 1), null, ApprovalOutcome.Approved), Council, Actor.For(Council), Now);

        Assert.Equal("not-your-body", foreign.Code);
        Assert.Equal(Council, agreement.Approvals.Single().ForPartyId);
        Assert.Equal([Pct], agreement.MissingApprovals(new DateOnly(2012, 3, 1)));
    }

    [Fact]
    public void A_party_cannot_vary_itself_out_of_an_agreement()
    {
        var agreement = Active(null);

        var refusal = Assert.Throws<RegisterRuleException>(() => agreement.Vary(AgreementFixtures.Change(new DateOnly(2015, 4, 1), "Leaving",
            parties: [new PartyChange(Trust, null, Council)]), Actor.For(Council), Now));

        Assert.Equal("party-before-and-after", refusal.Code);
        Assert.Empty(agreement.Variations);
    }

    [Fact]
    public void A_novation_substitutes_the_successor_from_the_succession_date_and_traces_back_to_the_predecessor()
    {
        var agreement = Active(null);

        Assert.True(agreement.Novate(Succession, new DateOnly(2013, 4, 1), Pct, Ccg, "PCT to CCG", Now));
        Assert.False(agreement.Novate(Succession, new DateOnly(2013, 4, 1), Pct, Ccg, "PCT to CCG", Now));

        Assert.Equal([Council, Pct], agreement.TermsOn(new DateOnly(2013, 3, 31)).Parties.Select(p => p.OrganisationId));
        Assert.Equal([new AgreementParty(Council, PartyRole.Host), new AgreementParty(Ccg, PartyRole.Partner)], agreement.TermsOn(new DateOnly(2013, 4, 1)).Parties);
        Assert.Equal((Pct, 1), agreement.InheritedThrough(Ccg));
        Assert.Equal((Council, 0), agreement.InheritedThrough(Council));
    }

    [Fact]
    public void A_succession_naming_no_successor_ends_the_part_until_a_transfer_is_named()
    {
        var agreement = Active(null);
        agreement.Novate(Succession, new DateOnly(2013, 4, 1), Pct, null, "no successor named", Now);

        Assert.False(agreement.IsActiveOn(new DateOnly(2013, 4, 1)));
        Assert.Single(agreement.UnassignedTransfers);

        agreement.Novate(Succession, new DateOnly(2013, 4, 1), Pct, Ccg, "named", Now);

        Assert.Empty(agreement.UnassignedTransfers);
        Assert.True(agreement.IsActiveOn(new DateOnly(2013, 4, 1)));
        Assert.Equal((Pct, 1), agreement.InheritedThrough(Ccg));
    }

    [Fact]
    public void Notice_takes_effect_after_the_notice_period_in_force_and_a_withdrawn_notice_changes_nothing()
    {
        var agreement = Active(null);
        var notice = agreement.ServeNotice(Council, NoticeKind.Termination, new DateOnly(2015, 1, 15), null, null, Now);

        Assert.Equal(new DateOnly(2016, 1, 15), notice.EffectiveOn);
        Assert.True(agreement.IsActiveOn(new DateOnly(2016, 1, 14)));
        Assert.Equal(AgreementStatus.Terminated, agreement.TermsOn(new DateOnly(2016, 1, 15)).Status);
        Assert.Throws<RegisterRuleException>(() => agreement.ServeNotice(Pct, NoticeKind.Withdrawal, new DateOnly(2015, 1, 15), new DateOnly(2015, 2, 1), null, Now));

        agreement.WithdrawNotice(notice.Number, Actor.For(Council), new DateOnly(2015, 6, 1), Now);

        Assert.True(agreement.IsActiveOn(new DateOnly(2020, 1, 1)));
    }

    [Fact]
    public void The_periods_say_what_terms_on_says_for_every_day()
    {
        var agreement = Active(new DateOnly(2017, 3, 31));
        agreement.Transition(AgreementStatus.Suspended, new DateOnly(2014, 1, 1), null, Actor.Administrator, Now);
        agreement.Transition(AgreementStatus.Active, new DateOnly(2014, 6, 1), null, Actor.Administrator, Now);
        agreement.Vary(AgreementFixtures.Change(new DateOnly(2016, 4, 1), "Extended", endsOn: new DateOnly(2019, 3, 31)), Actor.Administrator, Now);
        agreement.ServeNotice(Pct, NoticeKind.Withdrawal, new DateOnly(2017, 1, 1), null, null, Now);

        var periods = agreement.Timeline();
        for (var day = new DateOnly(2011, 1, 1); day < new DateOnly(2021, 1, 1); day = day.AddDays(1))
        {
            var terms = agreement.TermsOn(day);
            var period = periods.SingleOrDefault(p => p.From <= day && (p.Until is null || day < p.Until));
            if (day < agreement.CommencesOn)
            {
                Assert.Null(period);
                continue;
            }
            Assert.NotNull(period);
            Assert.Equal((terms.Status, terms.Active, terms.EndsOn), (period.Status, period.Active, period.EndsOn));
            Assert.Equal(terms.Parties, period.Parties);
        }
        Assert.True(periods.Zip(periods.Skip(1)).All(pair => pair.First.Until == pair.Second.From));
    }

    private static Agreement Active(DateOnly? ends) =>
        AgreementFixtures.Active(AgreementFixtures.Section75(Council, Pct, new DateOnly(2012, 4, 1), ends), Now);
}
