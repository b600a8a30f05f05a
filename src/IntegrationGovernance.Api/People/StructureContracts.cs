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
