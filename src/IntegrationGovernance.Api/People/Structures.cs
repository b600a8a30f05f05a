using IntegrationGovernance.Domain.People;
using IntegrationGovernance.Infrastructure.People;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationGovernance.Api.People;

/// <summary>
/// An organisation's structure on a date, as a tree and as Mermaid text drawn from the same tree (<see cref="StructureMermaid"/>).
/// <list type="bullet">
/// <item>Its posts sit under their line manager when that manager is one of its posts (or a joint post held for it);
/// otherwise they are roots, and a root line-managed from another organisation says so in its <c>managers</c> (the
/// employer's structure keeps every post it employs, and does not take in the other organisation's manager as if it were
/// its own post).</item>
/// <item>A post of another organisation that one of its posts manages, line or day to day, sits under that post,
/// marked with its employer and the agreement the line rests on (<c>placement</c>). It is shown once, under its line
/// manager here if it has one, else under the post managing it day to day; the posts below it stay in its employer's
/// structure.</item>
/// <item>A joint post (held for this organisation by another, or by this one for another) is in both organisations'
/// structures, marked <c>joint</c> with the other organisation and the agreement. Held for this organisation, it is a
/// root unless a post here manages it; this organisation's posts it line-manages sit under it.</item>
/// <item>Each node carries the holder in force that day, as the caller may see it; the boards' lines are listed beside the tree.</item>
/// </list>
/// </summary>
public static class Structures
{
    // a node nests two JSON levels (itself and its reports) and its managers two more: 25 stays inside System.Text.Json's
    // default depth of 64
    public const int MaxDepth = 25;

    public static StructureResponse Build(StructureSource source)
    {
        var own = source.Posts;
        var ownIds = own.Select(p => p.Id).ToHashSet();
        var also = source.Also;
        // each post's managers, its line managers first
        var managers = source.ManagersOfOwnPosts.Concat(source.ManagersOfPlacedPosts).Concat(also.ManagersOfJointPosts)
            .GroupBy(l => l.Post.Id).ToDictionary(g => g.Key, g => g.DistinctBy(l => l.LineId)
                .OrderBy(l => l.Kind != AccountabilityKind.LineManagement).ThenBy(l => l.Kind).ThenBy(l => l.Manager.Title, StringComparer.Ordinal).ThenBy(l => l.LineId)
                .ToList());
        IReadOnlyList<StructureLine> ManagersOf(Guid post) => managers.TryGetValue(post, out var lines) ? lines : [];

        // posts of other organisations that the organisation's posts manage (placed), and those held jointly for it otherwise
        var placed = source.ManagersOfPlacedPosts.Select(l => l.Post).Concat(also.ManagersOfJointPosts.Select(l => l.Post)).DistinctBy(p => p.Id)
            .Where(p => !ownIds.Contains(p.Id) && ManagersOf(p.Id).Any(l => ownIds.Contains(l.Manager.Id)))
            .OrderBy(p => p.Title, StringComparer.Ordinal).ThenBy(p => p.Id).ToList();
        var placedIds = placed.Select(p => p.Id).ToHashSet();
        var joint = also.JointPosts.Where(p => !ownIds.Contains(p.Id) && !placedIds.Contains(p.Id)).ToList();
        // the posts of this structure: a post here sits under its line manager among them
        var members = ownIds.Concat(joint.Select(p => p.Id)).ToHashSet();

        // the line each post is shown under: its line manager among the structure's posts; for a placed post, the
        // organisation's post that line-manages it, else the one managing it day to day
        var under = new Dictionary<Guid, StructureLine>();
        foreach (var post in own.Concat(joint))
            if (ManagersOf(post.Id).FirstOrDefault(l => l.Kind == AccountabilityKind.LineManagement && members.Contains(l.Manager.Id) && l.Manager.Id != post.Id) is { } line)
                under[post.Id] = line;
        foreach (var post in placed)
            under[post.Id] = ManagersOf(post.Id).First(l => ownIds.Contains(l.Manager.Id));
        var reports = own.Concat(joint).Concat(placed).Where(p => under.ContainsKey(p.Id)).ToLookup(p => under[p.Id].Manager.Id);
        var holders = also.Holders.ToDictionary(h => h.PostId);

        var shown = new HashSet<Guid>();
        var order = new List<StructurePost>();
        var deeper = new List<StructurePost>();
        // each post shown once, however the lines run; a structure deeper than the JSON a client can nest continues
        // from a new root
        StructureNode Node(StructurePost post, int depth, bool root)
        {
            order.Add(post);
            var line = under.GetValueOrDefault(post.Id);
            var holder = holders.GetValueOrDefault(post.Id);
            return new StructureNode
            {
                PostId = post.Id,
                Title = post.Title,
                Team = post.Team,
                ManagedAs = root ? null : line?.Kind,
                Placement = !placedIds.Contains(post.Id) ? null : new StructurePlacement
                {
                    EmployerId = post.OrganisationId,
                    EmployerName = post.OrganisationName,
                    BasisAgreementId = line?.BasisAgreementId,
                    BasisReference = line?.BasisReference,
                    Basis = line?.Basis,
                },
                Joint = JointOf(post, source),
                HolderReference = holder?.HolderReference,
                HolderKind = holder?.Kind,
                Managers = ManagersOf(post.Id).Select(Manager).ToList(),
                Reports = depth == MaxDepth
                    ? Defer(reports[post.Id])
                    : reports[post.Id].Where(p => shown.Add(p.Id)).ToList().Select(p => Node(p, depth + 1, root: false)).ToList(),
            };
        }
        List<StructureNode> Defer(IEnumerable<StructurePost> below)
        {
            deeper.AddRange(below.Where(p => !shown.Contains(p.Id)));
            return [];
        }
        var tops = own.Concat(joint).ToList();
        var roots = tops.Where(p => !under.ContainsKey(p.Id)).Where(p => shown.Add(p.Id)).ToList().Select(p => Node(p, 1, root: true)).ToList();
        // then what was too deep, and any post whose managers run in a circle (older data), each from a root of its own
        while ((deeper.Count > 0 ? deeper : tops.Where(p => !shown.Contains(p.Id)).Take(1)).ToList() is [_, ..] next)
        {
            deeper.Clear();
            roots.AddRange(next.Where(p => shown.Add(p.Id)).ToList().Select(p => Node(p, 1, root: true)).ToList());
        }
        var drawing = new StructureMermaid(own, placed, joint, under, ManagersOf, source);
        return new StructureResponse
        {
            On = source.On,
            Roots = roots,
            Mermaid = drawing.Draw(order),
            Governance = [.. also.Governance.Select(Governance)],
        };
    }

    /// <summary>
    /// The longest Mermaid text a structure answers with. At most <see cref="OrganisationStructure.MaxRows"/> posts and as many lines,
    /// every character of a name escaped to at most 6 (<c>#quot;</c>): a post's node (title, team, employer and agreement
    /// reference) is under 4,000 characters, a manager elsewhere named in its label under 2,800, and an edge under 100.
    /// </summary>
    public const int MaxMermaidLength = OrganisationStructure.MaxRows * 7_000;

    /// <summary>422: the structure holds more than <see cref="OrganisationStructure.MaxRows"/> posts, management lines, joint arrangements or board lines on the day.</summary>
    public static ProblemHttpResult TooLarge(DateOnly day) => TypedResults.Problem(
        $"This structure holds more than {OrganisationStructure.MaxRows:N0} posts, management lines, joint arrangements or board lines on {day:yyyy-MM-dd}; ask for a post's reports or chain instead.",
        title: "The structure is too large to answer in one response.",
        statusCode: StatusCodes.Status422UnprocessableEntity,
        type: Http.ProblemTypes.ForRule("structure-too-large"));

    // in its employer's structure, the organisations a joint post is also held for; in theirs, its employer
    private static List<StructureJointResponse>? JointOf(StructurePost post, StructureSource source)
    {
        var employer = post.OrganisationId == source.OrganisationId;
        var marks = source.Also.Joints.Where(j => j.PostId == post.Id && (employer || j.OrganisationId == source.OrganisationId))
            .Select(j => new StructureJointResponse
            {
                ArrangementId = j.ArrangementId,
                OrganisationId = employer ? j.OrganisationId : post.OrganisationId,
                OrganisationName = employer ? j.OrganisationName : post.OrganisationName,
                Employer = !employer,
                BasisAgreementId = j.BasisAgreementId,
                BasisReference = j.BasisReference,
                Basis = j.Basis,
            }).ToList();
        return marks.Count == 0 ? null : marks;
    }

    private static StructureManager Manager(StructureLine line) => new()
    {
        LineId = line.LineId,
        Kind = line.Kind,
        PostId = line.Manager.Id,
        Title = line.Manager.Title,
        OrganisationId = line.Manager.OrganisationId,
        OrganisationName = line.Manager.OrganisationName,
        AcrossOrganisations = line.Manager.OrganisationId != line.Post.OrganisationId,
        BasisAgreementId = line.BasisAgreementId,
        BasisReference = line.BasisReference,
    };

    private static StructureGovernanceLineResponse Governance(StructureGovernanceLine line) => new()
    {
        LineId = line.LineId,
        Kind = line.Kind,
        From = Side(line.From),
        To = Side(line.To),
        BasisAgreementId = line.BasisAgreementId,
        BasisReference = line.BasisReference,
    };

    private static StructureSideResponse Side(StructureSide side) => new()
    {
        PostId = side.PostId,
        BodyId = side.BodyId,
        Name = side.Name,
        OrganisationId = side.OrganisationId,
        OrganisationName = side.OrganisationName,
    };
}
