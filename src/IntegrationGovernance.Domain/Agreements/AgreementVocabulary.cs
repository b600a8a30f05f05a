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

    /// <summary>
    /// Section 256, NHS Act 2006: payments from an NHS commissioner (PCT, CCG, ICB, NHS England) to a local authority, towards
    /// its social care and other community services (in force 1 March 2007; section 28A of the NHS Act 1977 before it).
    /// </summary>
    Section256NhsAct2006,

    /// <summary>
    /// Section 76, NHS Act 2006: payments from a local authority to an NHS body towards its health functions (in force 1 March
    /// 2007; section 28BB of the NHS Act 1977 before it).
    /// </summary>
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

/// <summary>
/// A governance body's decision on the agreement (a Cabinet, a PCT Board, a Children's Trust Board...).
/// <see cref="ForPartyId"/> is the party it speaks for: the body itself when it is a party, else the party it is a
/// governance body of; null when it is neither (a joint board), and then it approves for no party.
/// </summary>
public sealed record Approval(Guid BodyId, DateOnly DecidedOn, string? MinuteReference, ApprovalOutcome Outcome)
{
    public Guid? ForPartyId { get; init; }
}

/// <summary>
/// A status the agreement took from a date; the history of these decides whether it is active on a date. A change
/// that needs other parties' agreement (a termination by one party's request) waits, in force for nothing, until
/// every organisation in <see cref="AwaitingConsentOf"/> has accepted it.
/// </summary>
public sealed record StatusChange(int Sequence, AgreementStatus Status, DateOnly EffectiveOn, string? Reason, DateTimeOffset RecordedAt)
{
    public List<Guid> AwaitingConsentOf { get; init; } = [];

    public List<Guid> AcceptedBy { get; init; } = [];

    public bool InForce => AwaitingConsentOf.Count == 0;
}

public enum VariationKind
{
    /// <summary>A change the parties agreed.</summary>
    Variation,

    /// <summary>A successor body taking a predecessor's place under a succession (transfer scheme).</summary>
    Novation,
}

/// <summary>
/// One change to the parties. With <see cref="Replaces"/>, the organisation takes that party's place (with its role,
/// unless <see cref="Role"/> says otherwise); with a role only, it joins or its role changes; with neither, it leaves.
/// </summary>
public sealed record PartyChange(Guid OrganisationId, PartyRole? Role, Guid? Replaces);

/// <summary>
/// A numbered variation: from its date, the terms it names replace the earlier ones. Lists it leaves null stay as
/// they were. It is in force once no organisation it adds, removes or gives another role still has to accept it.
/// </summary>
public sealed record Variation(
    int Number,
    DateOnly EffectiveOn,
    string Description,
    DateOnly? EndsOn,
    DateOnly? ReviewOn,
    int? NoticeMonths,
    DateTimeOffset RecordedAt)
{
    public VariationKind Kind { get; init; }

    public List<PartyChange> Parties { get; init; } = [];

    public List<Flexibility>? Flexibilities { get; init; }

    public List<string>? Services { get; init; }

    public List<string>? ClientGroups { get; init; }

    public List<DocumentLink>? Documents { get; init; }

    /// <summary>For a novation: the succession it carries out.</summary>
    public Guid? SuccessionId { get; init; }

    /// <summary>The organisation that proposed it (null when the register's administrator recorded it).</summary>
    public Guid? ProposedBy { get; init; }

    public List<Guid> AwaitingConsentOf { get; init; } = [];

    public List<Guid> AcceptedBy { get; init; } = [];

    public bool InForce => AwaitingConsentOf.Count == 0;
}

public enum NoticeKind
{
    /// <summary>The serving party leaves the agreement; the others carry on.</summary>
    Withdrawal,

    /// <summary>The serving party ends the agreement for everyone.</summary>
    Termination,
}

/// <summary>Notice served by a party on a date, taking effect on <see cref="EffectiveOn"/> unless withdrawn before then.</summary>
public sealed record Notice(int Number, Guid OrganisationId, NoticeKind Kind, DateOnly ServedOn, DateOnly EffectiveOn, string? Reason, DateTimeOffset RecordedAt)
{
    public DateTimeOffset? WithdrawnAt { get; init; }

    public bool Standing => WithdrawnAt is null;
}

/// <summary>A link to a signed copy, not the file: where it is, what it is, and its SHA-256 to prove it unchanged.</summary>
public sealed record DocumentLink(string Url, string Title, string Sha256);

/// <summary>Everything in force on a day: the terms as first agreed, as varied, novated and noticed by then.</summary>
public sealed record TermsInForce(
    AgreementStatus Status,
    bool Active,
    IReadOnlyList<AgreementParty> Parties,
    IReadOnlyList<Flexibility> Flexibilities,
    IReadOnlyList<string> Services,
    IReadOnlyList<string> ClientGroups,
    IReadOnlyList<DocumentLink> Documents,
    DateOnly? EndsOn,
    DateOnly? ReviewOn,
    int? NoticeMonths,
    int? VariationNumber)
{
    public Guid? HostId => Parties.FirstOrDefault(p => p.Role == PartyRole.Host)?.OrganisationId;

    public bool HasParty(Guid organisationId) => Parties.Any(p => p.OrganisationId == organisationId);
}

/// <summary>
/// A period of the agreement's life in which nothing changes: from <see cref="From"/> up to, not including,
/// <see cref="Until"/> (open-ended when null). The register keeps these as indexed rows.
/// </summary>
public sealed record TermPeriod(
    DateOnly From,
    DateOnly? Until,
    AgreementStatus Status,
    bool Active,
    List<AgreementParty> Parties,
    List<Flexibility> Flexibilities,
    List<string> Services,
    List<string> ClientGroups,
    DateOnly? EndsOn,
    DateOnly? ReviewOn,
    int? NoticeMonths,
    int? VariationNumber);
