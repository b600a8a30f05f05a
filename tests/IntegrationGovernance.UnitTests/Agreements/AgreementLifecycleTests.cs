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
        Assert.Empty(agreement.Vary(new DateOnly(2017, 1, 1), "Extended", new DateOnly(2018, 3, 31), null, null, Now));
        Assert.Empty(agreement.Transition(AgreementStatus.Suspended, new DateOnly(2015, 1, 1), null, Now));
        Assert.Empty(agreement.Transition(AgreementStatus.Active, new DateOnly(2015, 2, 1), null, Now));

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
        agreement.RecordApproval(new Approval(Council, new DateOnly(2012, 3, 15), "CAB/1", ApprovalOutcome.Approved), Now);

        var early = Assert.Throws<RegisterRuleException>(() => agreement.Transition(AgreementStatus.Approved, new DateOnly(2012, 3, 1), null, Now));

        Assert.Equal("approval-required", early.Code);
        Assert.Equal(AgreementStatus.Draft, agreement.Status);
    }

    [Fact]
    public void A_rejected_decision_is_not_an_approval()
    {
        var agreement = Agreement.Draft(Details(new DateOnly(2012, 4, 1), null), Now);
        agreement.RecordApproval(new Approval(Council, new DateOnly(2012, 3, 15), null, ApprovalOutcome.Rejected), Now);

        Assert.Throws<RegisterRuleException>(() => agreement.Transition(AgreementStatus.Approved, new DateOnly(2012, 3, 20), null, Now));
    }

    [Fact]
    public void A_change_cannot_take_effect_before_the_previous_one()
    {
        var agreement = Active(new DateOnly(2012, 4, 1), null);

        var problems = agreement.Transition(AgreementStatus.Suspended, new DateOnly(2012, 1, 1), null, Now);

        Assert.Equal(["$.effectiveOn"], problems.Select(p => p.Field));
        Assert.Equal(AgreementStatus.Active, agreement.Status);
    }

    [Fact]
    public void Expiry_needs_an_end_date_that_has_passed()
    {
        var openEnded = Active(new DateOnly(2012, 4, 1), null);
        var fixedTerm = Active(new DateOnly(2012, 4, 1), new DateOnly(2017, 3, 31));

        Assert.Throws<RegisterRuleException>(() => openEnded.Transition(AgreementStatus.Expired, new DateOnly(2030, 1, 1), null, Now));
        Assert.Throws<RegisterRuleException>(() => fixedTerm.Transition(AgreementStatus.Expired, new DateOnly(2017, 3, 31), null, Now));
        Assert.Empty(fixedTerm.Transition(AgreementStatus.Expired, new DateOnly(2017, 4, 1), null, Now));
    }

    [Fact]
    public void A_draft_cannot_be_varied_and_an_active_agreement_cannot_be_revised()
    {
        var draft = Agreement.Draft(Details(new DateOnly(2012, 4, 1), null), Now);
        var active = Active(new DateOnly(2012, 4, 1), null);

        Assert.Throws<RegisterRuleException>(() => draft.Vary(new DateOnly(2013, 1, 1), "x", null, null, null, Now));
        Assert.Throws<RegisterRuleException>(() => active.Revise(Details(new DateOnly(2012, 4, 1), null), Now));
    }

    [Fact]
    public void Variations_are_numbered_in_order_and_cannot_go_back_in_time()
    {
        var agreement = Active(new DateOnly(2012, 4, 1), null);
        Assert.Empty(agreement.Vary(new DateOnly(2014, 1, 1), "First", null, new DateOnly(2015, 1, 1), null, Now));

        Assert.Equal(["$.effectiveOn"], agreement.Vary(new DateOnly(2013, 1, 1), "Earlier", null, null, null, Now).Select(p => p.Field));
        Assert.Empty(agreement.Vary(new DateOnly(2016, 1, 1), "Second", null, null, 6, Now));
        Assert.Equal([1, 2], agreement.Variations.Select(v => v.Number));
        Assert.Equal(6, agreement.TermsOn(new DateOnly(2016, 1, 1)).NoticeMonths);
    }

    private static Agreement Active(DateOnly commences, DateOnly? ends)
    {
        var agreement = Agreement.Draft(Details(commences, ends), Now);
        agreement.RecordApproval(new Approval(Council, commences.AddDays(-10), null, ApprovalOutcome.Approved), Now);
        Assert.Empty(agreement.Transition(AgreementStatus.Approved, commences.AddDays(-10), null, Now));
        Assert.Empty(agreement.Transition(AgreementStatus.Active, commences, null, Now));
        return agreement;
    }

    private static AgreementDetails Details(DateOnly commences, DateOnly? ends) => new(
        "UNIT-1", "Unit agreement", null, StatutoryBasis.Section75NhsAct2006, [Flexibility.PooledFund], [], [],
        [new AgreementParty(Council, PartyRole.Host), new AgreementParty(Pct, PartyRole.Partner)],
        null, commences, ends, 12, null, null, [], false);
}
