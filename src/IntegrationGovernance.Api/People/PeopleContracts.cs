using System.ComponentModel.DataAnnotations;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Domain.People;

namespace IntegrationGovernance.Api.People;

public sealed record PostRequest
{
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70</example>
    public required Guid OrganisationId { get; init; }

    /// <example>Clinical Services Manager</example>
    [MaxLength(Post.MaxTextLength)]
    public required string Title { get; init; }

    /// <example>Dacorum locality</example>
    [MaxLength(Post.MaxTextLength)]
    public string? Team { get; init; }

    /// <summary>
    /// Staff number or name of the holder: personal data (needs people:write). Recorded as the post's substantive holder for its
    /// whole period (a holding, see `POST /posts/{id}/holders`), as if given there.
    /// </summary>
    /// <example>E1234567</example>
    [MaxLength(Post.MaxTextLength)]
    public string? HolderReference { get; init; }

    /// <example>2008-04-01</example>
    public required DateOnly StartsOn { get; init; }

    /// <example>2013-03-31</example>
    public DateOnly? EndsOn { get; init; }
}

public sealed record PostResponse
{
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6fc0</example>
    public required Guid Id { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70</example>
    public required Guid OrganisationId { get; init; }

    /// <summary>The title from the latest change on (see titles for every period).</summary>
    /// <example>Clinical Services Manager</example>
    [MaxLength(Post.MaxTextLength)]
    public required string Title { get; init; }

    /// <summary>The team from the latest change on.</summary>
    /// <example>Dacorum locality</example>
    [MaxLength(Post.MaxTextLength)]
    public string? Team { get; init; }

    /// <summary>Each title and team with the days it held, oldest first.</summary>
    [MaxLength(Post.MaxTitles)]
    public required IReadOnlyList<PostTitleResponse> Titles { get; init; }

    /// <summary>
    /// The holder in force on the day the post is read (with `asOf`, the day it then was), derived from its holdings (`/holders`):
    /// an acting or interim holder covering the post before its substantive holder; for a post that has ended, its holder on its
    /// last day (for one not yet begun, on its first). Null when it has none that day, and for a caller who may not see its
    /// holders (people:read, acting for its organisation, one it is jointly held for, or the other side of a secondment of the holder).
    /// </summary>
    /// <example>E1234567</example>
    [MaxLength(Post.MaxTextLength)]
    public string? HolderReference { get; init; }

    /// <summary>How that holder holds the post (Substantive, Acting or Interim); null when holderReference is.</summary>
    /// <example>Substantive</example>
    public HoldingKind? HolderKind { get; init; }

    /// <example>2008-04-01</example>
    public required DateOnly StartsOn { get; init; }

    /// <example>2013-03-31</example>
    public DateOnly? EndsOn { get; init; }
}

/// <summary>A post or a board accountable to another post, or to a governance body, for a period.</summary>
public sealed record AccountabilityLineRequest
{
    /// <summary>The post that is accountable (or give fromBodyId).</summary>
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6fc0</example>
    public Guid? PostId { get; init; }

    /// <summary>
    /// The board that is accountable (or give postId): a governance body in the organisations register, accountable by
    /// GovernanceReporting or StatutoryDelegation only.
    /// </summary>
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f76</example>
    public Guid? FromBodyId { get; init; }

    /// <summary>The post it is accountable to (or give toBodyId).</summary>
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6fc1</example>
    public Guid? ToPostId { get; init; }

    /// <summary>The governance body it is accountable to (or give toPostId).</summary>
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f75</example>
    public Guid? ToBodyId { get; init; }

    /// <example>LineManagement</example>
    public required AccountabilityKind Kind { get; init; }

    /// <example>2013-04-01</example>
    public required DateOnly StartsOn { get; init; }

    /// <example>2016-03-31</example>
    public DateOnly? EndsOn { get; init; }

    /// <summary>Needed across organisations: an agreement between them active for the whole period (e.g. s113).</summary>
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f90</example>
    public Guid? BasisAgreementId { get; init; }
}

public sealed record AccountabilityLineResponse
{
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6fd0</example>
    public required Guid Id { get; init; }

    /// <summary>The accountable post; null when a board is accountable (fromBodyId).</summary>
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6fc0</example>
    public Guid? PostId { get; init; }

    /// <summary>The accountable board; null when a post is accountable (postId).</summary>
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f76</example>
    public Guid? FromBodyId { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6fc1</example>
    public Guid? ToPostId { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f75</example>
    public Guid? ToBodyId { get; init; }

    /// <example>LineManagement</example>
    public required AccountabilityKind Kind { get; init; }

    /// <example>2013-04-01</example>
    public required DateOnly StartsOn { get; init; }

    /// <example>2016-03-31</example>
    public DateOnly? EndsOn { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f90</example>
    public Guid? BasisAgreementId { get; init; }
}

/// <summary>One step up a chain: the line and what it leads to.</summary>
public sealed record ChainStepResponse
{
    /// <example>1</example>
    [Range(1, Infrastructure.People.AccountabilityGraph.MaxDepth)]
    public required int Depth { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6fd0</example>
    public required Guid LineId { get; init; }

    /// <summary>The post the step starts from; null when it starts from a board (a reporting chain going on through boards).</summary>
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6fc0</example>
    public Guid? FromPostId { get; init; }

    /// <summary>The board the step starts from, when it does.</summary>
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f76</example>
    public Guid? FromBodyId { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6fc1</example>
    public Guid? ToPostId { get; init; }

    /// <example>Strategic Director, People and Communities</example>
    [MaxLength(Post.MaxTextLength)]
    public string? ToPostTitle { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70</example>
    public required Guid ToOrganisationId { get; init; }

    /// <example>Bath and North East Somerset Council</example>
    [MaxLength(Domain.Organisations.OrganisationDetails.MaxNameLength)]
    public required string ToOrganisationName { get; init; }
}

public sealed record SecondmentRequest
{
    /// <summary>Staff number or name: personal data.</summary>
    /// <example>E1234567</example>
    [MaxLength(Post.MaxTextLength)]
    public required string HolderReference { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f71</example>
    public required Guid EmployerId { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70</example>
    public required Guid HostId { get; init; }

    /// <summary>The authorising agreement (s113, s75 or other): active, naming both.</summary>
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f90</example>
    public required Guid AgreementId { get; init; }

    /// <example>2013-04-01</example>
    public required DateOnly StartsOn { get; init; }

    /// <example>2015-03-31</example>
    public DateOnly? EndsOn { get; init; }

    /// <example>1.00</example>
    [Range(typeof(decimal), "0", "1")]
    public decimal Fte { get; init; } = 1m;

    /// <example>Employer</example>
    public KeptBy TermsAndConditionsKeptBy { get; init; } = KeptBy.Employer;

    /// <example>Employer</example>
    public KeptBy ProfessionalSupervisionKeptBy { get; init; } = KeptBy.Employer;

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6fc1</example>
    public Guid? HostPostId { get; init; }

    /// <summary>Pounds a year, 0 to 999,999,999,999.99, to the penny.</summary>
    /// <example>45000.00</example>
    [Range(typeof(decimal), "0", Domain.PooledFunds.Money.MaxText, ParseLimitsInInvariantCulture = true, ErrorMessage = Domain.PooledFunds.Money.OutOfRange)]
    public decimal? RechargePerYear { get; init; }

    /// <example>50</example>
    [Range(typeof(decimal), "0", "100")]
    public decimal? RechargePercent { get; init; }
}

public sealed record SecondmentResponse
{
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6fe0</example>
    public required Guid Id { get; init; }

    /// <example>E1234567</example>
    [MaxLength(Post.MaxTextLength)]
    public required string HolderReference { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f71</example>
    public required Guid EmployerId { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70</example>
    public required Guid HostId { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f90</example>
    public required Guid AgreementId { get; init; }

    /// <example>2013-04-01</example>
    public required DateOnly StartsOn { get; init; }

    /// <example>2015-03-31</example>
    public DateOnly? EndsOn { get; init; }

    /// <example>1.00</example>
    public required decimal Fte { get; init; }

    /// <example>Employer</example>
    public required KeptBy TermsAndConditionsKeptBy { get; init; }

    /// <example>Employer</example>
    public required KeptBy ProfessionalSupervisionKeptBy { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6fc1</example>
    public Guid? HostPostId { get; init; }

    /// <example>45000.00</example>
    public decimal? RechargePerYear { get; init; }

    /// <example>50</example>
    public decimal? RechargePercent { get; init; }
}
