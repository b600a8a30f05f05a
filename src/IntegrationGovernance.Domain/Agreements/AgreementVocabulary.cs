namespace IntegrationGovernance.Domain.Agreements;

/// <summary>The statutory power an agreement is made under.</summary>
public enum StatutoryBasis
{
    /// <summary>Section 75, NHS Act 2006: pooled funds, lead commissioning, integrated provision (in force 1 March 2007).</summary>
    Section75NhsAct2006,

    /// <summary>Section 31, Health Act 1999: the same flexibilities, for agreements made before 1 March 2007.</summary>
    Section31HealthAct1999,

    /// <summary>Section 113, Local Government Act 1972: staff of one body placed at the disposal of another.</summary>
    Section113LocalGovernmentAct1972,

    /// <summary>Section 256, NHS Act 2006: payments from the NHS to a local authority.</summary>
    Section256NhsAct2006,

    /// <summary>Section 76, NHS Act 2006: payments from a local authority to the NHS.</summary>
    Section76NhsAct2006,

    /// <summary>Section 10, Children Act 2004: co-operation to improve children's well-being (children's trusts).</summary>
    Section10ChildrenAct2004,

    /// <summary>Sections 65Z5 / 65Z6, NHS Act 2006 (Health and Care Act 2022): joint working and delegation.</summary>
    Section65Z5NhsAct2006,

    MemorandumOfAgreement,

    Other,
}

/// <summary>The three section 75 (and section 31) flexibilities.</summary>
public enum Flexibility
{
    PooledFund,
    LeadCommissioning,
    IntegratedProvision,
}

/// <summary>
/// A party's part: <c>Host</c> is the host partner, lead commissioner or pooled fund host (for section 113,
/// the body at whose disposal staff are placed); <c>Provider</c> provides services (for section 113, the body
/// whose staff are placed).
/// </summary>
public enum PartyRole
{
    Host,
    Partner,
    Provider,
}

public enum AgreementStatus
{
    Draft,
    Approved,
    Active,
    Suspended,
    Terminated,
    Expired,
}

public enum ApprovalOutcome
{
    Approved,
    Rejected,
    Deferred,
}

public sealed record AgreementParty(Guid OrganisationId, PartyRole Role);

/// <summary>A governance body's decision on the agreement (a Cabinet, a PCT Board, a Children's Trust Board...).</summary>
public sealed record Approval(Guid BodyId, DateOnly DecidedOn, string? MinuteReference, ApprovalOutcome Outcome);

/// <summary>A status the agreement took from a date; the history of these decides whether it is active on a date.</summary>
public sealed record StatusChange(int Sequence, AgreementStatus Status, DateOnly EffectiveOn, string? Reason, DateTimeOffset RecordedAt);

/// <summary>A numbered variation: from its date, the terms it names replace the earlier ones.</summary>
public sealed record Variation(
    int Number,
    DateOnly EffectiveOn,
    string Description,
    DateOnly? EndsOn,
    DateOnly? ReviewOn,
    int? NoticeMonths,
    DateTimeOffset RecordedAt);

/// <summary>A link to a signed copy, not the file: where it is, what it is, and its SHA-256 to prove it unchanged.</summary>
public sealed record DocumentLink(string Url, string Title, string Sha256);

/// <summary>The dated terms in force on a day: the original ones as varied by every variation effective by then.</summary>
public sealed record TermsInForce(DateOnly CommencesOn, DateOnly? EndsOn, DateOnly? ReviewOn, int? NoticeMonths, int? VariationNumber);
