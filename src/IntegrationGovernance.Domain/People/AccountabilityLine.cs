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

    /// <summary>Why an agreement cannot be the basis of a line between posts of two organisations (<see cref="PlacementBasis.ForLine"/>).</summary>
    public static string? BasisProblem(Agreement? agreement, Guid first, Guid second, DateOnly startsOn, DateOnly? endsOn) =>
        PlacementBasis.ForLine(agreement, first, second, startsOn, endsOn);
}
