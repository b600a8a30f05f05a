using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Common;

namespace IntegrationGovernance.Domain.People;

/// <summary>
/// What a line says of the accountable post: who line-manages it (its one line manager at a time), to whom it is
/// professionally or clinically accountable, a dotted line across a matrix, whose statutory duties it discharges by
/// delegation, for whose budget it holds, to which board it reports, and who directs its work day to day
/// (<see cref="OperationalManagement"/>), which may be another post than its line manager, in another organisation.
/// </summary>
public enum AccountabilityKind
{
    LineManagement,
    ProfessionalAccountability,
    DottedLine,
    ClinicalSupervision,
    StatutoryDelegation,
    BudgetHolding,
    GovernanceReporting,

    /// <summary>
    /// Day-to-day operational management: the post directing the accountable post's work (and its division's), while
    /// its line manager, often in its employing organisation, stays its one line manager. "Accountable to the CCG's
    /// Accountable Officer, managed day to day by the council's Strategic Director under section 113" is a
    /// LineManagement line and an OperationalManagement line (B&amp;NES 2012, §3.3.1). Not a hierarchy: a post may be
    /// managed day to day by several posts, each for a part of its work, and two senior officers may each direct part
    /// of the other's work across organisations (section 113 places staff both ways), so no circle is refused.
    /// </summary>
    OperationalManagement,
}

/// <summary>
/// A post, or a governance body (a board in the organisations register), accountable to another post or body, for a
/// period. Across organisations it rests on a basis agreement between them, such as a section 113 arrangement. A board
/// that is part of an organisation counts as that organisation; a board is accountable only by kinds that suit a body
/// (<see cref="SuitsABody"/>): a Children's Trust Board reporting to a Cabinet and a PCT Board (Stockton 2007).
/// </summary>
public sealed class AccountabilityLine : IVersionedRecord
{
    private AccountabilityLine()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The post that is accountable, or null when a body is (<see cref="FromBodyId"/>).</summary>
    public Guid? PostId { get; private set; }

    /// <summary>The governance body that is accountable (a board reporting to a board or post), or null when a post is.</summary>
    public Guid? FromBodyId { get; private set; }

    /// <summary>The accountable side, a post or a body: a node of the accountability graph.</summary>
    public Guid From => PostId ?? FromBodyId ?? Guid.Empty;

    /// <summary>The side it is accountable to, a post or a body.</summary>
    public Guid To => ToPostId ?? ToBodyId ?? Guid.Empty;

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
    /// <summary>Kinds that manage a post: a structure shows a post under the post that manages it, line or day to day.</summary>
    public static bool IsManagement(AccountabilityKind kind) =>
        kind is AccountabilityKind.LineManagement or AccountabilityKind.OperationalManagement;

    /// <summary>Kinds that form a hierarchy, so they may never run in a circle.</summary>
    public static bool IsHierarchy(AccountabilityKind kind) =>
        kind is AccountabilityKind.LineManagement or AccountabilityKind.ProfessionalAccountability or AccountabilityKind.ClinicalSupervision;

    /// <summary>
    /// Kinds by which a board is accountable: it reports to a board or post (GovernanceReporting), or exercises functions
    /// delegated by one (StatutoryDelegation, a joint committee's). A board is not line-managed, managed day to day,
    /// supervised, professionally accountable, on a dotted line or a budget holder: those are a post's.
    /// </summary>
    public static bool SuitsABody(AccountabilityKind kind) => kind is AccountabilityKind.GovernanceReporting or AccountabilityKind.StatutoryDelegation;

    public static AccountabilityLine Create(Guid? postId, Guid? toPostId, Guid? toBodyId, AccountabilityKind kind, DateOnly startsOn, DateOnly? endsOn,
        Guid? basisAgreementId, DateTimeOffset now, Guid? fromBodyId = null) => new()
    {
        Id = Guid.CreateVersion7(now),
        PostId = postId,
        FromBodyId = fromBodyId,
        ToPostId = toPostId,
        ToBodyId = toBodyId,
        Kind = kind,
        StartsOn = startsOn,
        EndsOn = endsOn,
        BasisAgreementId = basisAgreementId,
        CreatedAt = now,
    };
}
