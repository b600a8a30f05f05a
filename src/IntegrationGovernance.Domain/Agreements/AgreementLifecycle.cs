using IntegrationGovernance.Domain.Common;

namespace IntegrationGovernance.Domain.Agreements;

/// <summary>The explicit operations that move an agreement through its life.</summary>
public sealed partial class Agreement
{
    private static readonly Dictionary<AgreementStatus, AgreementStatus[]> Allowed = new()
    {
        [AgreementStatus.Draft] = [AgreementStatus.Approved],
        [AgreementStatus.Approved] = [AgreementStatus.Active],
        [AgreementStatus.Active] = [AgreementStatus.Suspended, AgreementStatus.Terminated, AgreementStatus.Expired],
        [AgreementStatus.Suspended] = [AgreementStatus.Active, AgreementStatus.Terminated, AgreementStatus.Expired],
        [AgreementStatus.Terminated] = [],
        [AgreementStatus.Expired] = [],
    };

    public static IReadOnlyList<AgreementStatus> NextStatuses(AgreementStatus from) => Allowed[from];

    /// <summary>
    /// Records a governance body's decision, for the party it speaks for (see <see cref="Approval.ForPartyId"/>): the body
    /// itself, or the organisation it is part of (<paramref name="bodyPartOf"/>). Only that body or that organisation
    /// records it. Finished agreements take no more decisions.
    /// </summary>
    public void RecordApproval(Approval approval, Guid? bodyPartOf, Actor actor, DateTimeOffset now)
    {
        if (!actor.ActsFor(approval.BodyId) && !actor.ActsFor(bodyPartOf))
            throw new RegisterRuleException("not-your-body",
                "A decision is recorded only by the organisation that made it, or the organisation its deciding body is part of.", "$.bodyId");
        if (Status is AgreementStatus.Terminated or AgreementStatus.Expired)
            throw new RegisterRuleException("agreement-finished", $"The agreement is {Status}; it takes no more decisions.", kind: RuleKind.Conflict);
        EnsureRoom(Approvals, "decisions");
        var party = PartyIds.Contains(approval.BodyId) ? approval.BodyId
            : bodyPartOf is { } owner && PartyIds.Contains(owner) ? owner : (Guid?)null;
        Approvals.Add(approval with { ForPartyId = party });
        Touch(now);
    }

    /// <summary>
    /// Moves to <paramref name="to"/> from <paramref name="effectiveOn"/>, if the move is allowed from the current
    /// status and its preconditions hold; refuses otherwise, saying which. A termination asked for by one party
    /// waits for every other party's acceptance (<see cref="AcceptTransition"/>); one party alone serves notice instead.
    /// </summary>
    public void Transition(AgreementStatus to, DateOnly effectiveOn, string? reason, Actor actor, DateTimeOffset now)
    {
        if (!Enum.IsDefined(to))
            throw new RegisterRuleException("unknown-status", "Unknown status.", "$.to");
        if (!Allowed[Status].Contains(to))
            throw new RegisterRuleException("transition-not-allowed",
                $"An agreement that is {Status} cannot become {to}; from {Status} it can become: {Describe(Allowed[Status])}.", "$.to", RuleKind.Conflict);
        if (StatusChanges.LastOrDefault(c => c.InForce) is { } last && effectiveOn < last.EffectiveOn)
            throw new RegisterRuleException("transition-out-of-order",
                $"The agreement became {last.Status} on {last.EffectiveOn:yyyy-MM-dd}; a later change cannot take effect before that.", "$.effectiveOn");
        var partyThen = Status == AgreementStatus.Draft ? Parties.Any(p => actor.ActsFor(p.OrganisationId)) : TermsOn(effectiveOn).Parties.Any(p => actor.ActsFor(p.OrganisationId));
        if (!partyThen)
            throw new RegisterRuleException("not-a-party-then",
                $"Only a party to the agreement on {effectiveOn:yyyy-MM-dd} changes its status from that day.", "$.effectiveOn");
        if (StatusChanges.Any(c => !c.InForce))
            throw new RegisterRuleException("transition-awaiting-consent",
                "A status change is still waiting for the parties' acceptance; it must be accepted first.", kind: RuleKind.Conflict);
        EnsureRoom(StatusChanges, "status changes");

        var problem = to switch
        {
            AgreementStatus.Approved when MissingApprovals(effectiveOn) is [_, ..] missing =>
                ("approval-required", $"Every party approves before the agreement is Approved: no Approved decision dated on or before {effectiveOn:yyyy-MM-dd} is recorded for {missing.Count} part{(missing.Count == 1 ? "y" : "ies")} ({string.Join(", ", missing)})."),
            AgreementStatus.Active when effectiveOn < CommencesOn =>
                ("before-commencement", $"The agreement commences on {CommencesOn:yyyy-MM-dd}; it cannot be active before then."),
            AgreementStatus.Active when TermsOn(effectiveOn).EndsOn is { } end && effectiveOn > end =>
                ("after-end", $"The agreement's term ended on {end:yyyy-MM-dd}."),
            AgreementStatus.Terminated when effectiveOn <= CommencesOn =>
                ("termination-before-commencement", $"A termination takes effect after commencement ({CommencesOn:yyyy-MM-dd})."),
            AgreementStatus.Expired when TermsOn(effectiveOn).EndsOn is not { } end || effectiveOn <= end =>
                ("not-yet-expired", "An agreement expires only after the end date of its term (as varied)."),
            _ => ((string, string)?)null,
        };
        if (problem is { } refusal)
            throw new RegisterRuleException(refusal.Item1, refusal.Item2, "$.effectiveOn");

        var waitingFor = to == AgreementStatus.Terminated && !actor.IsAdministrator
            ? TermsOn(effectiveOn).Parties.Select(p => p.OrganisationId).Where(id => id != actor.OrganisationId).ToList()
            : [];
        StatusChanges.Add(new StatusChange(StatusChanges.Count + 1, to, effectiveOn, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), now)
        {
            AwaitingConsentOf = waitingFor,
            AcceptedBy = waitingFor.Count > 0 && actor.OrganisationId is { } proposer ? [proposer] : [],
        });
        if (waitingFor.Count == 0)
            Status = to;
        Touch(now);
    }

    /// <summary>A party accepts a status change waiting for it; when the last one does, the change is in force.</summary>
    public void AcceptTransition(int sequence, Guid organisationId, DateTimeOffset now)
    {
        var index = StatusChanges.FindIndex(c => c.Sequence == sequence);
        if (index < 0)
            throw new RegisterRuleException("no-such-transition", $"The agreement has no status change {sequence}.", kind: RuleKind.Conflict);
        var change = StatusChanges[index];
        var (awaiting, accepted) = Accept(change.AwaitingConsentOf, change.AcceptedBy, organisationId, $"Status change {sequence}");
        change = change with { AwaitingConsentOf = awaiting, AcceptedBy = accepted };
        StatusChanges[index] = change;
        if (change.InForce)
            Status = change.Status;
        Touch(now);
    }

    /// <summary>The parties (as first agreed) with no Approved decision for them dated on or before <paramref name="by"/>.</summary>
    public IReadOnlyList<Guid> MissingApprovals(DateOnly by) =>
        Parties.Select(p => p.OrganisationId)
            .Where(party => !Approvals.Any(a => a.Outcome == ApprovalOutcome.Approved && a.ForPartyId == party && a.DecidedOn <= by))
            .ToList();

    /// <summary>The organisation's acceptance of a change that waits for it: who still must accept, and who has.</summary>
    private static (List<Guid> Awaiting, List<Guid> Accepted) Accept(List<Guid> awaiting, List<Guid> accepted, Guid organisationId, string change)
    {
        if (!awaiting.Contains(organisationId))
            throw new RegisterRuleException("not-awaiting-your-consent",
                awaiting.Count == 0 ? $"{change} is already in force." : $"{change} is not waiting for your organisation's acceptance.",
                kind: RuleKind.Conflict);
        return (awaiting.Where(id => id != organisationId).ToList(), [.. accepted, organisationId]);
    }

    private static string Describe(IReadOnlyCollection<AgreementStatus> statuses) =>
        statuses.Count == 0 ? "nothing (it is finished)" : string.Join(", ", statuses);
}
