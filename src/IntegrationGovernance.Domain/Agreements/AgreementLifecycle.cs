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

    /// <summary>Records a governance body's decision. Finished agreements take no more decisions.</summary>
    public void RecordApproval(Approval approval, DateTimeOffset now)
    {
        if (Status is AgreementStatus.Terminated or AgreementStatus.Expired)
            throw new RegisterRuleException("agreement-finished", $"The agreement is {Status}; it takes no more decisions.", kind: RuleKind.Conflict);
        Approvals.Add(approval);
        UpdatedAt = now;
    }

    /// <summary>
    /// Moves to <paramref name="to"/> from <paramref name="effectiveOn"/>, if the move is allowed from the
    /// current status and its preconditions hold; refuses otherwise, saying which.
    /// </summary>
    public IReadOnlyList<RuleViolation> Transition(AgreementStatus to, DateOnly effectiveOn, string? reason, DateTimeOffset now)
    {
        if (!Enum.IsDefined(to))
            return [new("$.to", "Unknown status.")];
        if (!Allowed[Status].Contains(to))
            throw new RegisterRuleException("transition-not-allowed",
                $"An agreement that is {Status} cannot become {to}; from {Status} it can become: {Describe(Allowed[Status])}.", "$.to", RuleKind.Conflict);
        if (StatusChanges.LastOrDefault() is { } last && effectiveOn < last.EffectiveOn)
            return [new("$.effectiveOn", $"The agreement became {last.Status} on {last.EffectiveOn:yyyy-MM-dd}; a later change cannot take effect before that.")];

        var problem = to switch
        {
            AgreementStatus.Approved when FirstApprovalOn() is not { } approved || approved > effectiveOn =>
                ("approval-required", "Record the governance approval (an Approved decision dated on or before the transition) first."),
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

        StatusChanges.Add(new StatusChange(StatusChanges.Count + 1, to, effectiveOn, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), now));
        Status = to;
        UpdatedAt = now;
        return [];
    }

    /// <summary>Adds the next numbered variation of an approved, active or suspended agreement.</summary>
    public IReadOnlyList<RuleViolation> Vary(DateOnly effectiveOn, string description, DateOnly? endsOn, DateOnly? reviewOn, int? noticeMonths, DateTimeOffset now)
    {
        if (Status is not (AgreementStatus.Approved or AgreementStatus.Active or AgreementStatus.Suspended))
            throw new RegisterRuleException("variation-not-allowed",
                $"An agreement that is {Status} cannot be varied{(Status == AgreementStatus.Draft ? "; revise the draft instead" : string.Empty)}.",
                kind: RuleKind.Conflict);
        var problems = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(description) || description.Length > 2000)
            problems.Add(new("$.description", "Say what the variation changes, in at most 2000 characters."));
        if (effectiveOn < CommencesOn)
            problems.Add(new("$.effectiveOn", $"A variation takes effect on or after commencement ({CommencesOn:yyyy-MM-dd})."));
        if (Variations.LastOrDefault() is { } previous && effectiveOn < previous.EffectiveOn)
            problems.Add(new("$.effectiveOn", $"Variation {previous.Number} took effect on {previous.EffectiveOn:yyyy-MM-dd}; the next cannot take effect earlier."));
        if (endsOn is { } end && end < CommencesOn)
            problems.Add(new("$.endsOn", "The new end date is before commencement."));
        if (noticeMonths is < 0 or > 60)
            problems.Add(new("$.noticeMonths", "A notice period is 0 to 60 months."));
        if (problems.Count > 0)
            return problems;
        Variations.Add(new Variation(Variations.Count + 1, effectiveOn, description.Trim(), endsOn, reviewOn, noticeMonths, now));
        UpdatedAt = now;
        RefreshLatestTerms();
        return [];
    }

    private DateOnly? FirstApprovalOn() =>
        Approvals.Where(a => a.Outcome == ApprovalOutcome.Approved).Select(a => (DateOnly?)a.DecidedOn).Min();

    private static string Describe(IReadOnlyCollection<AgreementStatus> statuses) =>
        statuses.Count == 0 ? "nothing (it is finished)" : string.Join(", ", statuses);
}
