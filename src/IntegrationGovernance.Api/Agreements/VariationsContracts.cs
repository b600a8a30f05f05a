using System.ComponentModel.DataAnnotations;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Domain.Agreements;

namespace IntegrationGovernance.Api.Agreements;

/// <summary>
/// The next numbered variation: from its date, the terms it names replace the earlier ones; what it leaves out stays.
/// An organisation it adds, removes or gives another role must accept it (POST .../acceptances) before it is in force.
/// </summary>
public sealed record VariationRequest
{
    /// <example>2017-01-01</example>
    public required DateOnly EffectiveOn { get; init; }

    /// <example>Term extended by two years; school nursing added.</example>
    [MaxLength(AgreementRules.MaxDescriptionLength)]
    public required string Description { get; init; }

    /// <example>2019-03-31</example>
    public DateOnly? EndsOn { get; init; }

    /// <example>2018-03-31</example>
    public DateOnly? ReviewOn { get; init; }

    /// <example>6</example>
    [Range(0, 60)]
    public int? NoticeMonths { get; init; }

    /// <summary>Parties joining, leaving, substituted (novation by agreement) or changing role; the host changes by role.</summary>
    [MaxLength(RequestBounds.MaxParties)]
    public IReadOnlyList<PartyChangeContract> Parties { get; init; } = [];

    /// <summary>The flexibilities from the variation's date, replacing the earlier list.</summary>
    [MaxLength(RequestBounds.MaxFlexibilities)]
    public IReadOnlyList<Flexibility>? Flexibilities { get; init; }

    /// <summary>The services from the variation's date, replacing the earlier list.</summary>
    /// <example>["community health services", "school nursing"]</example>
    [MaxLength(RequestBounds.MaxListItems)]
    [EachMaxLength(AgreementRules.MaxTermLength)]
    public IReadOnlyList<string>? Services { get; init; }

    /// <summary>The client groups from the variation's date, replacing the earlier list.</summary>
    /// <example>["adults", "older people"]</example>
    [MaxLength(RequestBounds.MaxListItems)]
    [EachMaxLength(AgreementRules.MaxTermLength)]
    public IReadOnlyList<string>? ClientGroups { get; init; }

    /// <summary>The signed documents from the variation's date (the deed of variation among them), replacing the earlier list.</summary>
    [MaxLength(RequestBounds.MaxListItems)]
    public IReadOnlyList<DocumentContract>? Documents { get; init; }
}

/// <summary>
/// One change to the parties. With <c>replaces</c>: the organisation takes that party's place (keeping its role unless
/// <c>role</c> is given). With <c>role</c> only: it joins in that role, or its role changes. With neither: it leaves.
/// </summary>
public sealed record PartyChangeContract
{
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f80</example>
    public required Guid OrganisationId { get; init; }

    /// <example>Partner</example>
    public PartyRole? Role { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70</example>
    public Guid? Replaces { get; init; }
}

public sealed record VariationResponse
{
    /// <example>1</example>
    [Range(1, AgreementRules.MaxEntries)]
    public required int Number { get; init; }

    /// <summary>Variation (agreed by the parties) or Novation (a successor taking a predecessor's place under a succession).</summary>
    /// <example>Variation</example>
    public required VariationKind Kind { get; init; }

    /// <example>2017-01-01</example>
    public required DateOnly EffectiveOn { get; init; }

    /// <example>Term extended by two years.</example>
    [MaxLength(AgreementRules.MaxDescriptionLength)]
    public required string Description { get; init; }

    /// <example>2019-03-31</example>
    public DateOnly? EndsOn { get; init; }

    /// <example>2018-03-31</example>
    public DateOnly? ReviewOn { get; init; }

    /// <example>6</example>
    [Range(0, 60)]
    public int? NoticeMonths { get; init; }

    [MaxLength(RequestBounds.MaxParties)]

    public required IReadOnlyList<PartyChangeContract> Parties { get; init; }

    [MaxLength(RequestBounds.MaxFlexibilities)]

    public IReadOnlyList<Flexibility>? Flexibilities { get; init; }

    /// <example>["community health services", "school nursing"]</example>
    [MaxLength(RequestBounds.MaxListItems)]
    [EachMaxLength(AgreementRules.MaxTermLength)]
    public IReadOnlyList<string>? Services { get; init; }

    /// <example>["adults"]</example>
    [MaxLength(RequestBounds.MaxListItems)]
    [EachMaxLength(AgreementRules.MaxTermLength)]
    public IReadOnlyList<string>? ClientGroups { get; init; }

    [MaxLength(RequestBounds.MaxListItems)]

    public IReadOnlyList<DocumentContract>? Documents { get; init; }

    /// <summary>For a novation, the succession it carries out.</summary>
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6fa0</example>
    public Guid? SuccessionId { get; init; }

    /// <summary>The party that proposed it; null when the administrator recorded it.</summary>
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70</example>
    public Guid? ProposedBy { get; init; }

    /// <summary>False while it waits for the acceptance of the organisations in <c>awaitingConsentOf</c>.</summary>
    /// <example>true</example>
    public required bool InForce { get; init; }

    /// <example>["0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f80"]</example>
    [MaxLength(RequestBounds.MaxPartiesEver)]
    public required IReadOnlyList<Guid> AwaitingConsentOf { get; init; }

    /// <example>[]</example>
    [MaxLength(RequestBounds.MaxPartiesEver)]
    public required IReadOnlyList<Guid> AcceptedBy { get; init; }

    /// <example>2026-11-23T12:00:00+00:00</example>
    public required DateTimeOffset RecordedAt { get; init; }
}

/// <summary>A party accepts a proposed variation or status change. Only the administrator names another organisation.</summary>
public sealed record AcceptanceRequest
{
    /// <summary>The accepting organisation; defaults to the one the caller acts for.</summary>
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70</example>
    public Guid? OrganisationId { get; init; }
}

/// <summary>A period of the agreement in which nothing changes: from <c>from</c> up to, not including, <c>until</c>.</summary>
public sealed record TermPeriodResponse
{
    /// <example>2013-04-01</example>
    public required DateOnly From { get; init; }

    /// <summary>The first day of the next period; null for the last, open-ended one.</summary>
    /// <example>2022-07-01</example>
    public DateOnly? Until { get; init; }

    /// <example>Active</example>
    public required AgreementStatus Status { get; init; }

    /// <example>true</example>
    public required bool Active { get; init; }

    [MaxLength(RequestBounds.MaxPartiesEver)]

    public required IReadOnlyList<AgreementPartyContract> Parties { get; init; }

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

    /// <example>2027-03-31</example>
    public DateOnly? EndsOn { get; init; }

    /// <example>2026-12-31</example>
    public DateOnly? ReviewOn { get; init; }

    /// <example>12</example>
    [Range(0, 60)]
    public int? NoticeMonths { get; init; }

    /// <example>2</example>
    [Range(1, AgreementRules.MaxEntries)]
    public int? VariationNumber { get; init; }
}

/// <summary>A predecessor's part that ended with a succession, no successor named to take it.</summary>
public sealed record UnassignedTransferResponse
{
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6fa0</example>
    public required Guid SuccessionId { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70</example>
    public required Guid PredecessorId { get; init; }

    /// <example>2013-04-01</example>
    public required DateOnly EffectiveOn { get; init; }
}
