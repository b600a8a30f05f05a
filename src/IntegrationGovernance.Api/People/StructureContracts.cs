using System.ComponentModel.DataAnnotations;
using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.People;

namespace IntegrationGovernance.Api.People;

/// <summary>
/// An organisation's management structure on a date: its posts under their line managers, and the posts of other
/// organisations that its posts manage (line or day to day) under a section 113 or other arrangement, each marked with
/// the agreement it rests on and its employer.
/// </summary>
public sealed record StructureResponse
{
    /// <example>2014-01-01</example>
    public required DateOnly On { get; init; }

    /// <summary>
    /// The organisation's posts that no post of its own line-manages on the date: its top posts, and posts line-managed
    /// from another organisation (their <c>managers</c> say where).
    /// </summary>
    [MaxLength(Infrastructure.People.OrganisationStructure.MaxRows)]
    public required IReadOnlyList<StructureNode> Roots { get; init; }

    /// <summary>
    /// The same tree as Mermaid text, to paste into a viewer: one node per node of the tree (its title, then its team), one edge per report
    /// (<c>--&gt;</c> for line management, <c>-.-&gt;|day to day|</c> for day-to-day management). A post of another
    /// organisation is labelled with its employer and the agreement; a post managed from another organisation with its
    /// manager there.
    /// </summary>
    /// <example>graph TD</example>
    [MaxLength(Structures.MaxMermaidLength)]
    public required string Mermaid { get; init; }

    /// <summary>
    /// The lines in force on the date from or to the organisation's boards (bodies part of it, or the organisation itself):
    /// a Children's Trust Board reporting to the Cabinet, a post reporting to the CCG's committee. Also drawn in the Mermaid
    /// text, each board a rounded node, each line an edge from the side reported to (<c>==&gt;|governance|</c>).
    /// </summary>
    [MaxLength(Infrastructure.People.OrganisationStructure.MaxRows)]
    public required IReadOnlyList<StructureGovernanceLineResponse> Governance { get; init; }
}

/// <summary>A line of one of the organisation's boards: from the accountable side to the side it is accountable to.</summary>
public sealed record StructureGovernanceLineResponse
{
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6fd0</example>
    public required Guid LineId { get; init; }

    /// <example>GovernanceReporting</example>
    public required AccountabilityKind Kind { get; init; }

    /// <summary>The accountable side: a board or a post.</summary>
    public required StructureSideResponse From { get; init; }

    /// <summary>The side it is accountable to: a board or a post.</summary>
    public required StructureSideResponse To { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f90</example>
    public Guid? BasisAgreementId { get; init; }

    /// <example>STOCKTON-CT-2007</example>
    [MaxLength(AgreementRules.MaxReferenceLength)]
    public string? BasisReference { get; init; }
}

/// <summary>One side of a board's line: a post (<c>postId</c>, its title that day) or a body (<c>bodyId</c>, its name).</summary>
public sealed record StructureSideResponse
{
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6fc1</example>
    public Guid? PostId { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f76</example>
    public Guid? BodyId { get; init; }

    /// <example>Stockton on Tees Children's Trust Board</example>
    [MaxLength(Domain.Organisations.OrganisationDetails.MaxNameLength)] // a board's name, or a post's title (no longer)
    public required string Name { get; init; }

    /// <summary>The organisation the side counts as: the post's, or the one the board is part of (else the board itself).</summary>
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70</example>
    public required Guid OrganisationId { get; init; }

    /// <example>Stockton Borough Council</example>
    [MaxLength(Domain.Organisations.OrganisationDetails.MaxNameLength)]
    public required string OrganisationName { get; init; }
}

/// <summary>A joint post's other organisation, on the structure's date, and the agreement the joint post rests on.</summary>
public sealed record StructureJointResponse
{
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6fa0</example>
    public required Guid ArrangementId { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f71</example>
    public required Guid OrganisationId { get; init; }

    /// <example>North Tees Teaching Primary Care Trust</example>
    [MaxLength(Domain.Organisations.OrganisationDetails.MaxNameLength)]
    public required string OrganisationName { get; init; }

    /// <summary>True when it is the post's employer (in the structure of an organisation the post is held for); false for an organisation it is held for.</summary>
    /// <example>false</example>
    public required bool Employer { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f90</example>
    public required Guid BasisAgreementId { get; init; }

    /// <example>STOCKTON-CT-2007</example>
    [MaxLength(AgreementRules.MaxReferenceLength)]
    public required string BasisReference { get; init; }

    /// <example>Section10ChildrenAct2004</example>
    public required StatutoryBasis Basis { get; init; }
}

/// <summary>A post in the structure and the posts it manages.</summary>
public sealed record StructureNode
{
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6fc1</example>
    public required Guid PostId { get; init; }

    /// <example>Strategic Director, People and Communities</example>
    [MaxLength(Post.MaxTextLength)]
    public required string Title { get; init; }

    /// <summary>The post's team or locality.</summary>
    /// <example>Dacorum locality</example>
    [MaxLength(Post.MaxTextLength)]
    public string? Team { get; init; }

    /// <summary>
    /// How this post is managed by the node it is under: LineManagement, or OperationalManagement for a post of another
    /// organisation managed day to day here. Null for a root.
    /// </summary>
    /// <example>LineManagement</example>
    public AccountabilityKind? ManagedAs { get; init; }

    /// <summary>Set when the post belongs to another organisation and is placed here: who employs it, under which agreement.</summary>
    public StructurePlacement? Placement { get; init; }

    /// <summary>
    /// Set when it is a joint post on the date: in its employer's structure, each organisation it is also held for; in such an
    /// organisation's structure, its employer. Each with the agreement the joint post rests on.
    /// </summary>
    [MaxLength(Infrastructure.People.OrganisationStructure.MaxRows)]
    public IReadOnlyList<StructureJointResponse>? Joint { get; init; }

    /// <summary>
    /// The holder in force on the date (an acting or interim holder covering the post before its substantive holder): personal
    /// data, null unless the caller may see the post's holders (see GetPost).
    /// </summary>
    /// <example>E1234567</example>
    [MaxLength(Post.MaxTextLength)]
    public string? HolderReference { get; init; }

    /// <summary>How that holder holds the post; null when holderReference is.</summary>
    /// <example>Acting</example>
    public HoldingKind? HolderKind { get; init; }

    /// <summary>
    /// Every post that manages this one on the date, line or day to day, in whichever organisation: the one it is shown
    /// under, and any other (a line manager in another organisation, a day-to-day manager beside the line manager).
    /// </summary>
    [MaxLength(Infrastructure.People.OrganisationStructure.MaxRows)]
    public required IReadOnlyList<StructureManager> Managers { get; init; }

    [MaxLength(Infrastructure.People.OrganisationStructure.MaxRows)]
    public required IReadOnlyList<StructureNode> Reports { get; init; }
}

/// <summary>A post of another organisation placed with this one: its employer and the agreement it rests on.</summary>
public sealed record StructurePlacement
{
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f71</example>
    public required Guid EmployerId { get; init; }

    /// <example>NHS Bath and North East Somerset Clinical Commissioning Group</example>
    [MaxLength(Domain.Organisations.OrganisationDetails.MaxNameLength)]
    public required string EmployerName { get; init; }

    /// <summary>The agreement the managing line rests on (every line across organisations has one).</summary>
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f90</example>
    public Guid? BasisAgreementId { get; init; }

    /// <example>BNES-S113-2013/CCG-STAFF</example>
    [MaxLength(AgreementRules.MaxReferenceLength)]
    public string? BasisReference { get; init; }

    /// <example>Section113LocalGovernmentAct1972</example>
    public StatutoryBasis? Basis { get; init; }
}

/// <summary>A post that manages a post of the structure, line or day to day.</summary>
public sealed record StructureManager
{
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6fd0</example>
    public required Guid LineId { get; init; }

    /// <example>OperationalManagement</example>
    public required AccountabilityKind Kind { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6fc1</example>
    public required Guid PostId { get; init; }

    /// <example>Strategic Director for People and Communities</example>
    [MaxLength(Post.MaxTextLength)]
    public required string Title { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70</example>
    public required Guid OrganisationId { get; init; }

    /// <example>Bath and North East Somerset Council</example>
    [MaxLength(Domain.Organisations.OrganisationDetails.MaxNameLength)]
    public required string OrganisationName { get; init; }

    /// <summary>True when the manager's organisation is not the managed post's.</summary>
    /// <example>true</example>
    public required bool AcrossOrganisations { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f90</example>
    public Guid? BasisAgreementId { get; init; }

    /// <example>BNES-S113-2013/CCG-STAFF</example>
    [MaxLength(AgreementRules.MaxReferenceLength)]
    public string? BasisReference { get; init; }
}
