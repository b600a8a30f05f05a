using IntegrationGovernance.Domain.Common;

namespace IntegrationGovernance.Domain.Agreements;

/// <summary>Notice to withdraw or terminate: how one party, alone, leaves or ends an agreement.</summary>
public sealed partial class Agreement
{
    /// <summary>
    /// The party serves notice on <paramref name="servedOn"/>. It takes effect when the notice period in force that
    /// day has run (or on the later <paramref name="effectiveOn"/> given); without a notice period, the date must be given.
    /// </summary>
    public Notice ServeNotice(Guid organisationId, NoticeKind kind, DateOnly servedOn, DateOnly? effectiveOn, string? reason, DateTimeOffset now)
    {
        if (!Enum.IsDefined(kind))
            throw new RegisterRuleException("unknown-notice-kind", "A notice is of Withdrawal or Termination.", "$.kind");
        if (Status is not (AgreementStatus.Approved or AgreementStatus.Active or AgreementStatus.Suspended))
            throw new RegisterRuleException("notice-not-allowed", $"An agreement that is {Status} takes no notice.", kind: RuleKind.Conflict);
        if (servedOn < CommencesOn)
            throw new RegisterRuleException("notice-before-commencement", $"Notice is served on or after commencement ({CommencesOn:yyyy-MM-dd}).", "$.servedOn");
        var terms = TermsOn(servedOn);
        if (!terms.HasParty(organisationId))
            throw new RegisterRuleException("notice-by-non-party", $"The organisation is not a party on {servedOn:yyyy-MM-dd}.", "$.organisationId");
        if (terms.Status is AgreementStatus.Terminated or AgreementStatus.Expired)
            throw new RegisterRuleException("notice-after-end", $"On {servedOn:yyyy-MM-dd} the agreement is already {terms.Status}.", "$.servedOn");
        if (Notices.Any(n => n.Standing && n.OrganisationId == organisationId))
            throw new RegisterRuleException("notice-already-served", "This party's notice already stands; withdraw it first to serve another.", kind: RuleKind.Conflict);
        EnsureRoom(Notices, "notices");

        DateOnly takesEffect;
        if (terms.NoticeMonths is { } months)
        {
            var earliest = servedOn.AddMonths(months);
            if (effectiveOn is { } given && given < earliest)
                throw new RegisterRuleException("notice-too-short",
                    $"The notice period in force on {servedOn:yyyy-MM-dd} is {months} month(s): notice served then takes effect on {earliest:yyyy-MM-dd} at the earliest.",
                    "$.effectiveOn");
            takesEffect = effectiveOn ?? earliest;
        }
        else
        {
            takesEffect = effectiveOn
                ?? throw new RegisterRuleException("notice-date-required", "No notice period is in force; say on which date the notice takes effect.", "$.effectiveOn");
            if (takesEffect < servedOn)
                throw new RegisterRuleException("notice-before-service", "A notice takes effect on or after the day it is served.", "$.effectiveOn");
        }

        var notice = new Notice(Notices.Count + 1, organisationId, kind, servedOn, takesEffect, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), now);
        Notices.Add(notice);
        Touch(now);
        return notice;
    }

    /// <summary>The party that served a notice withdraws it, before the day it takes effect.</summary>
    public void WithdrawNotice(int number, Actor actor, DateOnly today, DateTimeOffset now)
    {
        var index = Notices.FindIndex(n => n.Number == number);
        if (index < 0)
            throw new RegisterRuleException("no-such-notice", $"The agreement has no notice {number}.", kind: RuleKind.Conflict);
        var notice = Notices[index];
        if (!actor.ActsFor(notice.OrganisationId))
            throw new RegisterRuleException("not-your-notice", "Only the party that served a notice may withdraw it.");
        if (!notice.Standing)
            throw new RegisterRuleException("notice-withdrawn", $"Notice {number} was already withdrawn.", kind: RuleKind.Conflict);
        if (notice.EffectiveOn <= today)
            throw new RegisterRuleException("notice-in-effect", $"Notice {number} took effect on {notice.EffectiveOn:yyyy-MM-dd}; it can no longer be withdrawn.", kind: RuleKind.Conflict);
        Notices[index] = notice with { WithdrawnAt = now };
        Touch(now);
    }
}
