using System.ComponentModel.DataAnnotations;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Domain.Agreements;

namespace IntegrationGovernance.Api.Agreements;

/// <summary>
/// One agreement in a list of summaries (<c>GET /agreements/summaries</c>): what it is and what is in force on the day asked
/// about, read from its indexed periods. The whole agreement, with its history, is at <c>GET /agreements/{id}</c>.
/// </summary>
public sealed record AgreementSummaryResponse : IListedAgreement
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

    /// <example>Section75NhsAct2006</example>
    public required StatutoryBasis Basis { get; init; }

    /// <summary>The current status (the latest transition recorded, whatever its date).</summary>
    /// <example>Active</example>
    public required AgreementStatus Status { get; init; }

    /// <example>2012-04-01</example>
    public required DateOnly CommencesOn { get; init; }

    /// <summary>The end date after every variation recorded so far.</summary>
    /// <example>2027-03-31</example>
    public DateOnly? LatestEndsOn { get; init; }

    /// <summary>The review date after every variation recorded so far.</summary>
    /// <example>2027-01-31</example>
    public DateOnly? LatestReviewOn { get; init; }

    /// <summary>Every organisation that is, was or will be a party in any period (see <c>inForce</c> for the parties of the day).</summary>
    /// <example>["0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70", "0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f71"]</example>
    [MaxLength(RequestBounds.MaxPartiesEver)]
    public required IReadOnlyList<Guid> PartyIds { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f91</example>
    public Guid? ParentId { get; init; }

    /// <example>false</example>
    public required bool Illustrative { get; init; }

    /// <summary>What is in force on the day (<c>activeOn</c>, else <c>on</c>, else today in London); null before commencement.</summary>
    public InForceSummaryResponse? InForce { get; init; }

    /// <summary>The path of the whole agreement, with its history.</summary>
    /// <example>/api/v1/agreements/0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f90</example>
    [MaxLength(RequestBounds.MaxUrlLength)]
    public required string Href { get; init; }
}

/// <summary>The status, parties and terms of an agreement in force on one day, as its period row holds them.</summary>
public sealed record InForceSummaryResponse : TermsOnDateResponse
{
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70</example>
    public Guid? HostId { get; init; }
}

/// <summary>An agreement that binds an organisation (<c>GET /organisations/{id}/agreements/summaries</c>), summarised.</summary>
public sealed record BindingAgreementSummaryResponse : BindingLink
{
    public required AgreementSummaryResponse Agreement { get; init; }
}

/// <summary>What every item of an agreements list carries, so the list's paging and ranking serve whole agreements and summaries alike.</summary>
public interface IListedAgreement
{
    Guid Id { get; }

    string Reference { get; }
}
