using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.People;

namespace IntegrationGovernance.Infrastructure.People;

/// <summary>A joint arrangement in force on the structure's date: the post, the organisation it is also held for, the agreement.</summary>
public sealed record StructureJoint(
    Guid ArrangementId, Guid PostId, Guid OrganisationId, string OrganisationName, Guid BasisAgreementId, string BasisReference, StatutoryBasis Basis);

/// <summary>The holding in force on the structure's date of a post shown (see <see cref="HoldingRules.InForce"/>).</summary>
public sealed record StructureHolder(Guid PostId, Guid HoldingId, string HolderReference, HoldingKind Kind);

/// <summary>One side of a board's line: a post (its title that day) or a body, and the organisation it counts as.</summary>
public sealed record StructureSide(Guid? PostId, Guid? BodyId, string Name, Guid OrganisationId, string OrganisationName);

/// <summary>A line in force on the structure's date from or to one of the organisation's boards.</summary>
public sealed record StructureGovernanceLine(
    Guid LineId, AccountabilityKind Kind, StructureSide From, StructureSide To, Guid? BasisAgreementId, string? BasisReference);

/// <summary>
/// What the structure holds beside its management lines: the posts of other organisations held jointly for it, the joint
/// arrangements of the posts shown, the management lines from those joint posts, its boards' lines, and each post's holder
/// in force that day (as the caller may see it: the endpoint leaves out those it may not).
/// </summary>
public sealed record StructureExtras
{
    public static readonly StructureExtras None = new();

    public IReadOnlyList<StructurePost> JointPosts { get; init; } = [];

    public IReadOnlyList<StructureJoint> Joints { get; init; } = [];

    public IReadOnlyList<StructureLine> ManagersOfJointPosts { get; init; } = [];

    public IReadOnlyList<StructureGovernanceLine> Governance { get; init; } = [];

    public IReadOnlyList<StructureHolder> Holders { get; init; } = [];
}
