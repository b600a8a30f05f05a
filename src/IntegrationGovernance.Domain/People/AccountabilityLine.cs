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
public sealed class AccountabilityLine
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
