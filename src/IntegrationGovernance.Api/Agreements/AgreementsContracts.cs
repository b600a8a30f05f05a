using System.ComponentModel.DataAnnotations;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Domain.Agreements;

namespace IntegrationGovernance.Api.Agreements;

/// <summary>What a client states about an agreement while it is a draft.</summary>
public sealed record AgreementRequest
{
    /// <summary>Unique, human-readable, never reused; stored upper-case.</summary>
    /// <example>BANES-S75-2012</example>
    [MaxLength(AgreementRules.MaxReferenceLength)]
    public required string Reference { get; init; }

    /// <example>Partnership agreement for community health and social care</example>
    [MaxLength(AgreementRules.MaxTitleLength)]
    public required string Title { get; init; }

    /// <summary>The aims, outcomes and functions covered.</summary>
    /// <example>Integrated commissioning of community health and adult social care services for Bath and North East Somerset.</example>
    [MaxLength(AgreementRules.MaxPurposeLength)]
    public string? Purpose { get; init; }

    /// <example>Section75NhsAct2006</example>
    public required StatutoryBasis Basis { get; init; }

    /// <summary>Section 75 / 31 flexibilities used.</summary>
    /// <example>["PooledFund", "IntegratedProvision"]</example>
    [MaxLength(RequestBounds.MaxFlexibilities)]
    public IReadOnlyList<Flexibility> Flexibilities { get; init; } = [];

    /// <example>["community health services", "adult social care"]</example>
    [MaxLength(RequestBounds.MaxListItems)]
    [EachMaxLength(AgreementRules.MaxTermLength)]
    public IReadOnlyList<string> Services { get; init; } = [];

    /// <example>["adults"]</example>
    [MaxLength(RequestBounds.MaxListItems)]
    [EachMaxLength(AgreementRules.MaxTermLength)]
    public IReadOnlyList<string> ClientGroups { get; init; } = [];

    [MaxLength(RequestBounds.MaxParties)]

    public required IReadOnlyList<AgreementPartyContract> Parties { get; init; }

    /// <example>2012-03-30</example>
    public DateOnly? SignedOn { get; init; }

    /// <example>2012-04-01</example>
    public required DateOnly CommencesOn { get; init; }

    /// <summary>Null for an open-ended agreement.</summary>
    /// <example>2027-03-31</example>
    public DateOnly? EndsOn { get; init; }

    /// <summary>Notice a party gives to withdraw (disengage), in months.</summary>
    /// <example>12</example>
    [Range(0, 60)]
    public int? NoticeMonths { get; init; }

    /// <example>2026-12-31</example>
    public DateOnly? ReviewOn { get; init; }

    /// <summary>The over-arching agreement this one is a schedule of, or annexed to.</summary>
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f91</example>
    public Guid? ParentId { get; init; }

    [MaxLength(RequestBounds.MaxListItems)]

    public IReadOnlyList<DocumentContract> Documents { get; init; } = [];

    /// <summary>True where the source gives no exact figure or date and the record fills it by example.</summary>
    /// <example>false</example>
    public bool Illustrative { get; init; }
}

/// <summary>A party to an agreement, in its role.</summary>
public sealed record AgreementPartyContract
{
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70</example>
    public required Guid OrganisationId { get; init; }

    /// <summary>Host: host partner, lead commissioner or pooled fund host (s113: the body at whose disposal staff are placed). Provider: provides services (s113: whose staff are placed).</summary>
    /// <example>Host</example>
    public required PartyRole Role { get; init; }
}

/// <summary>A link to a signed copy.</summary>
public sealed record DocumentContract
{
    /// <example>https://democracy.bathnes.gov.uk/documents/s75-agreement-2012.pdf</example>
    [MaxLength(RequestBounds.MaxUrlLength)]
    [Url]
    public required string Url { get; init; }

    /// <example>Signed section 75 agreement</example>
    [MaxLength(AgreementRules.MaxTitleLength)]
    public required string Title { get; init; }

    /// <example>9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08</example>
    [MaxLength(64)]
    [RegularExpression("^[0-9a-fA-F]{64}$")]
    public required string Sha256 { get; init; }
}

/// <summary>An agreement as the register holds it.</summary>
public sealed record AgreementResponse : IListedAgreement
{
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f90</example>
    public required Guid Id { get; init; }

    /// <example>BANES-S75-2012</example>
    [MaxLength(AgreementRules.MaxReferenceLength)]
    [RegularExpression(AgreementRules.ReferencePattern)]
    public required string Reference { get; init; }

    /// <example>Partnership agreement for community health and social care</example>
    [MaxLength(AgreementRules.MaxTitleLength)]
    public required string Title { get; init; }

    /// <example>Integrated commissioning of community health and adult social care services.</example>
    [MaxLength(AgreementRules.MaxPurposeLength)]
    public string? Purpose { get; init; }

    /// <example>Section75NhsAct2006</example>
    public required StatutoryBasis Basis { get; init; }

    /// <example>["PooledFund"]</example>
    [MaxLength(RequestBounds.MaxFlexibilities)]
    public required IReadOnlyList<Flexibility> Flexibilities { get; init; }

    /// <example>["community health services"]</example>
    [MaxLength(RequestBounds.MaxListItems)]
    [EachMaxLength(AgreementRules.MaxTermLength)]
    public required IReadOnlyList<string> Services { get; init; }

    /// <example>["adults"]</example>
    [MaxLength(RequestBounds.MaxListItems)]
    [EachMaxLength(AgreementRules.MaxTermLength)]
    public required IReadOnlyList<string> ClientGroups { get; init; }

    [MaxLength(RequestBounds.MaxParties)]

    public required IReadOnlyList<AgreementPartyContract> Parties { get; init; }

    /// <example>2012-03-30</example>
    public DateOnly? SignedOn { get; init; }

    /// <example>2012-04-01</example>
    public required DateOnly CommencesOn { get; init; }

    /// <summary>The end date as first agreed; see <c>onDate</c> and <c>variations</c> for the term as varied.</summary>
    /// <example>2027-03-31</example>
    public DateOnly? EndsOn { get; init; }

    /// <example>12</example>
    [Range(0, 60)]
    public int? NoticeMonths { get; init; }

    /// <example>2026-12-31</example>
    public DateOnly? ReviewOn { get; init; }

    /// <summary>The end date after every variation recorded so far (what expiring and overdue look at).</summary>
    /// <example>2027-03-31</example>
    public DateOnly? LatestEndsOn { get; init; }

    /// <summary>The review date after every variation recorded so far.</summary>
    /// <example>2027-01-31</example>
    public DateOnly? LatestReviewOn { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f91</example>
    public Guid? ParentId { get; init; }

    [MaxLength(RequestBounds.MaxListItems)]

    public required IReadOnlyList<DocumentContract> Documents { get; init; }

    /// <example>false</example>
    public required bool Illustrative { get; init; }

    /// <summary>The current status; whether it is active on a given day is in <c>onDate</c>.</summary>
    /// <example>Active</example>
    public required AgreementStatus Status { get; init; }

    [MaxLength(AgreementRules.MaxEntries)]

    public required IReadOnlyList<StatusChangeResponse> StatusChanges { get; init; }

    [MaxLength(AgreementRules.MaxEntries)]

    public required IReadOnlyList<ApprovalContract> Approvals { get; init; }

    /// <summary>Variations and novations, in number order, each saying whether it is in force or still waits for a party's acceptance.</summary>
    [MaxLength(AgreementRules.MaxEntries)]
    public required IReadOnlyList<VariationResponse> Variations { get; init; }

    [MaxLength(AgreementRules.MaxEntries)]

    public required IReadOnlyList<NoticeResponse> Notices { get; init; }

    /// <summary>What is in force, period by period from commencement; the legal questions are answered from these.</summary>
    [MaxLength(AgreementRules.MaxPeriods)]
    public required IReadOnlyList<TermPeriodResponse> Periods { get; init; }

    /// <summary>Successions that ended a predecessor's part with no successor named to take it yet (see POST /successions/{id}/transfers).</summary>
    [MaxLength(RequestBounds.MaxPartiesEver)]
    public required IReadOnlyList<UnassignedTransferResponse> UnassignedTransfers { get; init; }

    /// <summary>Present when read with <c>activeOn</c>: the status and terms in force on that day.</summary>
    public OnDateResponse? OnDate { get; init; }

    /// <example>2026-11-23T12:00:00+00:00</example>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <example>2026-11-23T12:00:00+00:00</example>
    public required DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>What is in force on one day, as both the agreement read on a day and the lists' summaries say it.</summary>
public abstract record TermsOnDateResponse
{
    /// <example>2015-10-01</example>
    public required DateOnly Date { get; init; }

    /// <summary>Commenced, within its term as then varied, with status Active.</summary>
    /// <example>true</example>
    public required bool Active { get; init; }

    /// <example>Active</example>
    public required AgreementStatus Status { get; init; }

    /// <summary>The parties and their roles that day, as varied, novated and noticed.</summary>
    [MaxLength(RequestBounds.MaxPartiesEver)]
    public required IReadOnlyList<AgreementPartyContract> Parties { get; init; }

    /// <example>["community health services"]</example>
    [MaxLength(RequestBounds.MaxListItems)]
    [EachMaxLength(AgreementRules.MaxTermLength)]
    public required IReadOnlyList<string> Services { get; init; }

    /// <example>2027-03-31</example>
    public DateOnly? EndsOn { get; init; }

    /// <example>2026-12-31</example>
    public DateOnly? ReviewOn { get; init; }

    /// <example>12</example>
    [Range(0, 60)]
    public int? NoticeMonths { get; init; }

    /// <summary>The last variation in force that day; null for the terms first agreed.</summary>
    /// <example>1</example>
    [Range(1, AgreementRules.MaxEntries)]
    public int? VariationNumber { get; init; }
}

/// <summary>The agreement as it stood on one day.</summary>
public sealed record OnDateResponse : TermsOnDateResponse
{
    /// <example>["PooledFund"]</example>
    [MaxLength(RequestBounds.MaxFlexibilities)]
    public required IReadOnlyList<Flexibility> Flexibilities { get; init; }

    /// <example>["adults"]</example>
    [MaxLength(RequestBounds.MaxListItems)]
    [EachMaxLength(AgreementRules.MaxTermLength)]
    public required IReadOnlyList<string> ClientGroups { get; init; }

    [MaxLength(RequestBounds.MaxListItems)]
    public required IReadOnlyList<DocumentContract> Documents { get; init; }
}

public sealed record StatusChangeResponse
{
    /// <example>2</example>
    [Range(1, AgreementRules.MaxEntries)]
    public required int Sequence { get; init; }

    /// <example>Active</example>
    public required AgreementStatus Status { get; init; }

    /// <example>2012-04-01</example>
    public required DateOnly EffectiveOn { get; init; }

    /// <example>Commenced as agreed by Cabinet.</example>
    [MaxLength(RequestBounds.MaxTextLength)]
    public string? Reason { get; init; }

    /// <summary>False while the change waits for parties' acceptance (a termination asked for by one party).</summary>
    /// <example>true</example>
    public required bool InForce { get; init; }

    /// <summary>The parties still to accept it.</summary>
    /// <example>["0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70"]</example>
    [MaxLength(RequestBounds.MaxPartiesEver)]
    public required IReadOnlyList<Guid> AwaitingConsentOf { get; init; }

    /// <example>["0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f80"]</example>
    [MaxLength(RequestBounds.MaxPartiesEver)]
    public required IReadOnlyList<Guid> AcceptedBy { get; init; }

    /// <example>2026-11-23T12:00:00+00:00</example>
    public required DateTimeOffset RecordedAt { get; init; }
}

/// <summary>
/// A governance body's decision on the agreement. The body is a party, or a governance body that is part of one (a
/// Cabinet of its council); a caller records decisions only of its own organisation and its bodies.
/// </summary>
public sealed record ApprovalContract
{
    /// <summary>The body (an organisation or board in the register) that decided.</summary>
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f75</example>
    public required Guid BodyId { get; init; }

    /// <example>2007-03-21</example>
    public required DateOnly DecidedOn { get; init; }

    /// <example>CTB/2007/14</example>
    [MaxLength(RequestBounds.MaxReferenceLength)]
    public string? MinuteReference { get; init; }

    /// <example>Approved</example>
    public required ApprovalOutcome Outcome { get; init; }

    /// <summary>In responses: the party the decision speaks for (null for a body that is no party's, such as a joint board). Ignored in requests.</summary>
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70</example>
    public Guid? ForPartyId { get; init; }
}

/// <summary>Moves an agreement to another status from a date.</summary>
public sealed record TransitionRequest
{
    /// <example>Active</example>
    public required AgreementStatus To { get; init; }

    /// <example>2012-04-01</example>
    public required DateOnly EffectiveOn { get; init; }

    /// <example>Commenced as agreed by Cabinet.</example>
    [MaxLength(RequestBounds.MaxTextLength)]
    public string? Reason { get; init; }
}

/// <summary>Through which party an agreement binds an organisation: the organisation itself or a predecessor.</summary>
public abstract record BindingLink
{
    /// <summary>The party that made it: the organisation asked about, or one of its predecessors.</summary>
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70</example>
    public required Guid BoundThroughId { get; init; }

    /// <example>NHS B&amp;NES</example>
    [MaxLength(Domain.Organisations.OrganisationDetails.MaxNameLength)]
    public required string BoundThroughName { get; init; }

    /// <summary>0 when the organisation is itself a party; 1 for an immediate predecessor, and so on.</summary>
    /// <example>1</example>
    [Range(0, Infrastructure.Organisations.SuccessionChains.MaxLinks)]
    public required int SuccessionDepth { get; init; }
}

/// <summary>An agreement that binds an organisation, and through which party: the organisation itself or a predecessor.</summary>
public sealed record BindingAgreementResponse : BindingLink
{
    public required AgreementResponse Agreement { get; init; }
}
