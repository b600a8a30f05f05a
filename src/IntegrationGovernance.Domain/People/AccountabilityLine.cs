using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Common;

namespace IntegrationGovernance.Domain.People;

public enum AccountabilityKind
{
    LineManagement,
    ProfessionalAccountability,
    DottedLine,
    ClinicalSupervision,
    StatutoryDelegation,
    BudgetHolding,
    GovernanceReporting,
}

/// <summary>
/// A post accountable to another post, or to a governance body (a board in the organisations register), for a
/// period. Across organisations it rests on a basis agreement between them, such as a section 113 arrangement.
/// </summary>
public sealed class AccountabilityLine : IVersionedRecord
{
    private AccountabilityLine()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The post that is accountable.</summary>
    public Guid PostId { get; private set; }

    /// <summary>The post it is accountable to, or null when it is accountable to a body.</summary>
    public Guid? ToPostId { get; private set; }

    /// <summary>The governance body it is accountable to, or null when it is accountable to a post.</summary>
    public Guid? ToBodyId { get; private set; }

    public AccountabilityKind Kind { get; private set; }

    public DateOnly StartsOn { get; private set; }

    public DateOnly? EndsOn { get; private set; }

    public Guid? BasisAgreementId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public uint Version { get; private set; }

    public DateRange Period => new(StartsOn, EndsOn);

    /// <summary>True when the line still runs on some day after <paramref name="day"/>.</summary>
    public bool RunsPast(DateOnly day) => EndsOn is null || EndsOn > day;

    /// <summary>True when the line runs on some day from <paramref name="startsOn"/> to <paramref name="endsOn"/> (open when null).</summary>
    public bool Overlaps(DateOnly startsOn, DateOnly? endsOn) => StartsOn <= (endsOn ?? DateOnly.MaxValue) && (EndsOn ?? DateOnly.MaxValue) >= startsOn;

    /// <summary>The request's own fault in ending the line: a last day before its first.</summary>
    public IReadOnlyList<RuleViolation> CheckEnd(DateOnly endsOn) =>
        endsOn < StartsOn ? [new("$.endsOn", $"The line starts on {StartsOn:yyyy-MM-dd}; it cannot end before it starts.")] : [];

    /// <summary>
    /// Records the line's last day. Refused when it had already ended earlier, which would bring it back for the days between,
    /// unless <paramref name="extend"/> says that is meant.
    /// </summary>
    /// <returns>True when the line now runs longer than before: the rules of a new line then apply to it again (<see cref="AccountabilityRules"/>).</returns>
    public bool End(DateOnly endsOn, bool extend)
    {
        if (EndsOn is { } ended && endsOn > ended && !extend)
            throw new RegisterRuleException("line-already-ended",
                $"The line already ended on {ended:yyyy-MM-dd}; ending it on {endsOn:yyyy-MM-dd} would bring it back for the days between. Send \"extend\": true if that is meant.",
                "$.endsOn", RuleKind.Conflict);
        var longer = EndsOn is { } before && endsOn > before;
        EndsOn = endsOn;
        return longer;
    }

    /// <summary>Kinds that form a hierarchy, so they may never run in a circle.</summary>
    public static bool IsHierarchy(AccountabilityKind kind) =>
        kind is AccountabilityKind.LineManagement or AccountabilityKind.ProfessionalAccountability or AccountabilityKind.ClinicalSupervision;

    public static AccountabilityLine Create(Guid postId, Guid? toPostId, Guid? toBodyId, AccountabilityKind kind, DateOnly startsOn, DateOnly? endsOn,
        Guid? basisAgreementId, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        PostId = postId,
        ToPostId = toPostId,
        ToBodyId = toBodyId,
        Kind = kind,
        StartsOn = startsOn,
        EndsOn = endsOn,
        BasisAgreementId = basisAgreementId,
        CreatedAt = now,
    };

    /// <summary>
    /// Why an agreement cannot be the basis of a line (or secondment) between two organisations for a period,
    /// or null when it can: it must name both as parties and be active on every day of the period.
    /// </summary>
    public static string? BasisProblem(Agreement? agreement, Guid first, Guid second, DateOnly startsOn, DateOnly? endsOn)
    {
        if (agreement is null)
            return "A line or placement across organisations needs a basis agreement between them (e.g. a section 113 arrangement); none was given.";
        var missing = new[] { first, second }.Where(o => !agreement.PartyIds.Contains(o)).ToList();
        if (missing.Count > 0)
            return $"Agreement {agreement.Reference} does not name both organisations as parties.";
        if (!agreement.IsActiveOn(startsOn))
            return $"Agreement {agreement.Reference} is not active on {startsOn:yyyy-MM-dd}, when this begins.";
        if (endsOn is { } end ? !agreement.IsActiveOn(end) : agreement.LatestEndsOn is not null || agreement.Status is not (AgreementStatus.Active or AgreementStatus.Suspended))
            return $"Agreement {agreement.Reference} is not active for the whole period{(endsOn is { } e ? $" (to {e:yyyy-MM-dd})" : " (this has no end date, the agreement does)")}.";
        var changes = agreement.StatusChanges.Where(c => c.EffectiveOn > startsOn && (endsOn is null || c.EffectiveOn <= endsOn) && c.Status != AgreementStatus.Active);
        return changes.FirstOrDefault() is { } gap
            ? $"Agreement {agreement.Reference} became {gap.Status} on {gap.EffectiveOn:yyyy-MM-dd}, within the period."
            : null;
    }
}
