using System.ComponentModel.DataAnnotations;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.Domain.Successions;

namespace IntegrationGovernance.Api.Organisations;

/// <summary>Records that the predecessors' rights and duties passed to the successors on a date.</summary>
public sealed record SuccessionRequest
{
    /// <summary>Organisations that ceased (must have ended before <c>effectiveOn</c>).</summary>
    /// <example>["0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70"]</example>
    [MaxLength(RequestBounds.MaxParties)]
    public required IReadOnlyList<Guid> PredecessorIds { get; init; }

    /// <summary>Organisations that took over (must be operational on <c>effectiveOn</c>).</summary>
    /// <example>["0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f71"]</example>
    [MaxLength(RequestBounds.MaxParties)]
    public required IReadOnlyList<Guid> SuccessorIds { get; init; }

    /// <example>2013-04-01</example>
    public required DateOnly EffectiveOn { get; init; }

    /// <example>AbolitionWithTransfer</example>
    public required SuccessionKind Kind { get; init; }

    /// <example>Health and Social Care Act 2012: PCTs abolished; commissioning passed to CCGs.</example>
    [MaxLength(SuccessionRules.MaxNoteLength)]
    public string? Note { get; init; }

    /// <summary>
    /// Which successor takes a predecessor's place in which agreement, as the transfer scheme named it. A succession
    /// with one successor transfers every agreement to it unless named otherwise; with several, an agreement not named
    /// here passes to no one (reported in its <c>unassignedTransfers</c>) until a transfer is named.
    /// </summary>
    [MaxLength(RequestBounds.MaxTransfers)]
    public IReadOnlyList<SuccessionTransferContract> Transfers { get; init; } = [];

}

/// <summary>A recorded succession.</summary>
public sealed record SuccessionResponse
{
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f80</example>
    public required Guid Id { get; init; }

    /// <example>["0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70"]</example>
    [MaxLength(RequestBounds.MaxParties)]
    public required IReadOnlyList<Guid> PredecessorIds { get; init; }

    /// <example>["0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f71"]</example>
    [MaxLength(RequestBounds.MaxParties)]
    public required IReadOnlyList<Guid> SuccessorIds { get; init; }

    /// <example>2013-04-01</example>
    public required DateOnly EffectiveOn { get; init; }

    /// <example>AbolitionWithTransfer</example>
    public required SuccessionKind Kind { get; init; }

    /// <example>Health and Social Care Act 2012: PCTs abolished; commissioning passed to CCGs.</example>
    [MaxLength(SuccessionRules.MaxNoteLength)]
    public string? Note { get; init; }

    [MaxLength(RequestBounds.MaxTransfers)]

    public required IReadOnlyList<SuccessionTransferContract> Transfers { get; init; }

    /// <example>2026-11-23T12:00:00+00:00</example>
    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>The whole chain of successions from (or to) one organisation, nearest first.</summary>
public sealed record SuccessionChainResponse
{
    /// <summary>The organisation the walk started from.</summary>
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70</example>
    public required Guid OrganisationId { get; init; }

    [MaxLength(Infrastructure.Organisations.SuccessionChains.MaxLinks)]

    public required IReadOnlyList<SuccessionLinkResponse> Links { get; init; }
}

/// <summary>One step of a chain: through succession <c>successionId</c>, <c>fromOrganisationId</c> was followed by (or came from) <c>organisation</c>.</summary>
public sealed record SuccessionLinkResponse
{
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f80</example>
    public required Guid SuccessionId { get; init; }

    /// <example>2013-04-01</example>
    public required DateOnly EffectiveOn { get; init; }

    /// <example>AbolitionWithTransfer</example>
    public required SuccessionKind Kind { get; init; }

    /// <summary>1 for an immediate neighbour, 2 for the next along, and so on.</summary>
    /// <example>1</example>
    [Range(1, Infrastructure.Organisations.SuccessionChains.MaxLinks)]
    public required int Depth { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70</example>
    public required Guid FromOrganisationId { get; init; }

    public required OrganisationSummary Organisation { get; init; }
}

/// <summary>The identifying facts of an organisation.</summary>
public sealed record OrganisationSummary
{
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f71</example>
    public required Guid Id { get; init; }

    /// <example>NHS Bath and North East Somerset CCG</example>
    [MaxLength(Domain.Organisations.OrganisationDetails.MaxNameLength)]
    public required string Name { get; init; }

    /// <example>ClinicalCommissioningGroup</example>
    public required OrganisationType Type { get; init; }

    /// <example>11E</example>
    [MaxLength(5)]
    [RegularExpression(Domain.Organisations.OrganisationCodes.OdsPattern)]
    public string? OdsCode { get; init; }

    /// <example>E38000009</example>
    [MaxLength(9)]
    [RegularExpression(Domain.Organisations.OrganisationCodes.GssPattern)]
    public string? GssCode { get; init; }
}

/// <summary>Under a succession, the successor takes the predecessor's place in one agreement, from the succession's date.</summary>
public sealed record SuccessionTransferContract
{
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f91</example>
    public required Guid AgreementId { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70</example>
    public required Guid PredecessorId { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f80</example>
    public required Guid SuccessorId { get; init; }
}
