using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Common;

namespace IntegrationGovernance.UnitTests.Agreements;

public sealed class AgreementLifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Council = Guid.NewGuid();
    private static readonly Guid Pct = Guid.NewGuid();

    [Fact]
    public void Every_status_change_the_lifecycle_allows_is_listed_and_nothing_leaves_a_finished_agreement()
    {
        Assert.Equal([AgreementStatus.Approved], Agreement.NextStatuses(AgreementStatus.Draft));
        Assert.Equal([AgreementStatus.Active], Agreement.NextStatuses(AgreementStatus.Approved));
        Assert.Empty(Agreement.NextStatuses(AgreementStatus.Terminated));
        Assert.Empty(Agreement.NextStatuses(AgreementStatus.Expired));
    }

    [Fact]
    public void Active_on_follows_status_history_and_the_term_as_varied()
    {
        var agreement = Active(new DateOnly(2012, 4, 1), new DateOnly(2017, 3, 31));
        agreement.Vary(Change(new DateOnly(2017, 1, 1), "Extended", endsOn: new DateOnly(2018, 3, 31)), Actor.Administrator, Now);
        agreement.Transition(AgreementStatus.Suspended, new DateOnly(2015, 1, 1), null, Actor.Administrator, Now);
        agreement.Transition(AgreementStatus.Active, new DateOnly(2015, 2, 1), null, Actor.Administrator, Now);

        Assert.False(agreement.IsActiveOn(new DateOnly(2012, 3, 31)));
        Assert.True(agreement.IsActiveOn(new DateOnly(2012, 4, 1)));
        Assert.False(agreement.IsActiveOn(new DateOnly(2015, 1, 15)));
        Assert.True(agreement.IsActiveOn(new DateOnly(2015, 2, 1)));
        Assert.True(agreement.IsActiveOn(new DateOnly(2018, 3, 31)));
        Assert.False(agreement.IsActiveOn(new DateOnly(2018, 4, 1)));
        Assert.Equal(new DateOnly(2017, 3, 31), agreement.TermsOn(new DateOnly(2016, 12, 31)).EndsOn);
        Assert.Equal(new DateOnly(2018, 3, 31), agreement.LatestEndsOn);
    }

    [Fact]
    public void Approval_must_be_recorded_on_or_before_the_approved_date()
    {
        var agreement = Agreement.Draft(Details(new DateOnly(2012, 4, 1), null), Now);
        Approve(agreement, new DateOnly(2012, 3, 15));

        var early = Assert.Throws<RegisterRuleException>(() => agreement.Transition(AgreementStatus.Approved, new DateOnly(2012, 3, 1), null, Actor.Administrator, Now));

        Assert.Equal("approval-required", early.Code);
        Assert.Equal(AgreementStatus.Draft, agreement.Status);
    }

    [Fact]
    public void A_rejected_decision_is_not_an_approval()
    {
        var agreement = Agreement.Draft(Details(new DateOnly(2012, 4, 1), null), Now);
        agreement.RecordApproval(new Approval(Council, new DateOnly(2012, 3, 15), null, ApprovalOutcome.Rejected), null, Actor.For(Council), Now);
        agreement.RecordApproval(new Approval(Pct, new DateOnly(2012, 3, 15), null, ApprovalOutcome.Approved), null, Actor.For(Pct), Now);

        Assert.Throws<RegisterRuleException>(() => agreement.Transition(AgreementStatus.Approved, new DateOnly(2012, 3, 20), null, Actor.Administrator, Now));
    }

    [Fact]
    public void A_change_cannot_take_effect_before_the_previous_one()
    {
        var agreement = Active(new DateOnly(2012, 4, 1), null);

        var refusal = Assert.Throws<RegisterRuleException>(() => agreement.Transition(AgreementStatus.Suspended, new DateOnly(2012, 1, 1), null, Actor.Administrator, Now));

        Assert.Equal("$.effectiveOn", refusal.Field);
        Assert.Equal(AgreementStatus.Active, agreement.Status);
    }

    [Fact]
    public void Expiry_needs_an_end_date_that_has_passed()
    {
        var openEnded = Active(new DateOnly(2012, 4, 1), null);
        var fixedTerm = Active(new DateOnly(2012, 4, 1), new DateOnly(2017, 3, 31));

        Assert.Throws<RegisterRuleException>(() => openEnded.Transition(AgreementStatus.Expired, new DateOnly(2030, 1, 1), null, Actor.Administrator, Now));
        Assert.Throws<RegisterRuleException>(() => fixedTerm.Transition(AgreementStatus.Expired, new DateOnly(2017, 3, 31), null, Actor.Administrator, Now));
        fixedTerm.Transition(AgreementStatus.Expired, new DateOnly(2017, 4, 1), null, Actor.Administrator, Now);
        Assert.Equal(AgreementStatus.Expired, fixedTerm.Status);
    }

    [Fact]
    public void A_draft_cannot_be_varied_and_an_active_agreement_cannot_be_revised()
    {
        var draft = Agreement.Draft(Details(new DateOnly(2012, 4, 1), null), Now);
        var active = Active(new DateOnly(2012, 4, 1), null);

        Assert.Throws<RegisterRuleException>(() => draft.Vary(Change(new DateOnly(2013, 1, 1), "x", noticeMonths: 3), Actor.Administrator, Now));
        Assert.Throws<RegisterRuleException>(() => active.Revise(Details(new DateOnly(2012, 4, 1), null), Actor.Administrator, Now));
    }

    [Fact]
    public void Variations_are_numbered_in_order_and_cannot_go_back_in_time()
    {
        var agreement = Active(new DateOnly(2012, 4, 1), null);
        agreement.Vary(Change(new DateOnly(2014, 1, 1), "First", reviewOn: new DateOnly(2015, 1, 1)), Actor.Administrator, Now);

        var earlier = Assert.Throws<RegisterRuleException>(() => agreement.Vary(Change(new DateOnly(2013, 1, 1), "Earlier", noticeMonths: 3), Actor.Administrator, Now));
        Assert.Equal("$.effectiveOn", earlier.Field);
        agreement.Vary(Change(new DateOnly(2016, 1, 1), "Second", noticeMonths: 6), Actor.Administrator, Now);
        Assert.Equal([1, 2], agreement.Variations.Select(v => v.Number));
        Assert.Equal(6, agreement.TermsOn(new DateOnly(2016, 1, 1)).NoticeMonths);
    }

    [Fact]
    public void An_agreement_holds_a_bounded_number_of_decisions_and_refuses_one_more()
    {
        var agreement = Active(new DateOnly(2012, 4, 1), null);
        for (var i = agreement.Approvals.Count; i < AgreementRules.MaxEntries; i++)
            agreement.RecordApproval(new Approval(Council, new DateOnly(2012, 3, 1), null, ApprovalOutcome.Approved), null, Actor.For(Council), Now);

        var refused = Assert.Throws<RegisterRuleException>(() =>
            agreement.RecordApproval(new Approval(Council, new DateOnly(2012, 3, 1), null, ApprovalOutcome.Approved), null, Actor.For(Council), Now));

        Assert.Equal("too-many-entries", refused.Code);
        Assert.Equal(AgreementRules.MaxEntries, agreement.Approvals.Count);
    }

    [Fact]
    public void A_variation_that_would_make_more_organisations_party_over_the_agreements_life_than_it_may_is_refused()
    {
        var agreement = Active(new DateOnly(2012, 4, 1), null);
        var joining = Enumerable.Range(0, AgreementRules.MaxPartiesEver - agreement.PartyIds.Count)
            .Select(_ => new PartyChange(Guid.NewGuid(), PartyRole.Partner, null)).ToList();
        agreement.Vary(AgreementFixtures.Change(new DateOnly(2014, 1, 1), "Many join", parties: joining), Actor.Administrator, Now);

        var refused = Assert.Throws<RegisterRuleException>(() => agreement.Vary(
            AgreementFixtures.Change(new DateOnly(2015, 1, 1), "One more", parties: [new PartyChange(Guid.NewGuid(), PartyRole.Partner, null)]),
            Actor.Administrator, Now));

        Assert.Equal("too-many-entries", refused.Code);
        Assert.Equal(AgreementRules.MaxPartiesEver, agreement.PartyIds.Count);
    }

    private static Agreement Active(DateOnly commences, DateOnly? ends) => AgreementFixtures.Active(Details(commences, ends), Now);

    private static void Approve(Agreement agreement, DateOnly on) => AgreementFixtures.ApproveByEveryParty(agreement, on, Now);

    private static VariationDetails Change(DateOnly on, string description, DateOnly? endsOn = null, DateOnly? reviewOn = null, int? noticeMonths = null) =>
        AgreementFixtures.Change(on, description, endsOn, reviewOn, noticeMonths);

    private static AgreementDetails Details(DateOnly commences, DateOnly? ends) => AgreementFixtures.Section75(Council, Pct, commences, ends);
}
