using System.Text;
using IntegrationGovernance.Domain.People;
using IntegrationGovernance.Infrastructure.People;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationGovernance.Api.People;

/// <summary>
/// An organisation's structure on a date, as a tree and as Mermaid text drawn from the same tree.
/// <list type="bullet">
/// <item>Its posts sit under their line manager when that manager is one of its posts; otherwise they are roots, and
/// a root line-managed from another organisation says so in its <c>managers</c> (the employer's structure keeps
/// every post it employs, and does not take in the other organisation's manager as if it were its own post).</item>
/// <item>A post of another organisation that one of its posts manages, line or day to day, sits under that post,
/// marked with its employer and the agreement the line rests on (<c>placement</c>). It is shown once, under its line
/// manager here if it has one, else under the post managing it day to day; the posts below it stay in its employer's
/// structure.</item>
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
        // each post's managers, its line managers first
        var managers = source.ManagersOfOwnPosts.Concat(source.ManagersOfPlacedPosts)
            .GroupBy(l => l.Post.Id).ToDictionary(g => g.Key, g => g.DistinctBy(l => l.LineId)
                .OrderBy(l => l.Kind != AccountabilityKind.LineManagement).ThenBy(l => l.Kind).ThenBy(l => l.Manager.Title, StringComparer.Ordinal).ThenBy(l => l.LineId)
                .ToList());
        IReadOnlyList<StructureLine> ManagersOf(Guid post) => managers.TryGetValue(post, out var lines) ? lines : [];

        // the line each post is shown under: its line manager among the organisation's posts; for a placed post, the
        // organisation's post that line-manages it, else the one managing it day to day
        var under = new Dictionary<Guid, StructureLine>();
        foreach (var post in own)
            if (ManagersOf(post.Id).FirstOrDefault(l => l.Kind == AccountabilityKind.LineManagement && ownIds.Contains(l.Manager.Id)) is { } line)
                under[post.Id] = line;
        var placed = source.ManagersOfPlacedPosts.Select(l => l.Post).DistinctBy(p => p.Id)
            .Where(p => !ownIds.Contains(p.Id) && ManagersOf(p.Id).Any(l => ownIds.Contains(l.Manager.Id)))
            .OrderBy(p => p.Title, StringComparer.Ordinal).ThenBy(p => p.Id).ToList();
        foreach (var post in placed)
            under[post.Id] = ManagersOf(post.Id).First(l => ownIds.Contains(l.Manager.Id));
        var reports = own.Concat(placed).Where(p => under.ContainsKey(p.Id)).ToLookup(p => under[p.Id].Manager.Id);

        var shown = new HashSet<Guid>();
        var order = new List<StructurePost>();
        var deeper = new List<StructurePost>();
        // each post shown once, however the lines run; a structure deeper than the JSON a client can nest continues
        // from a new root
        StructureNode Node(StructurePost post, int depth, bool root)
        {
            order.Add(post);
            var line = under.GetValueOrDefault(post.Id);
            return new StructureNode
            {
                PostId = post.Id,
                Title = post.Title,
                Team = post.Team,
                ManagedAs = root ? null : line?.Kind,
                Placement = ownIds.Contains(post.Id) ? null : new StructurePlacement
                {
                    EmployerId = post.OrganisationId,
                    EmployerName = post.OrganisationName,
                    BasisAgreementId = line?.BasisAgreementId,
                    BasisReference = line?.BasisReference,
                    Basis = line?.Basis,
                },
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
        var roots = own.Where(p => !under.ContainsKey(p.Id)).Where(p => shown.Add(p.Id)).ToList().Select(p => Node(p, 1, root: true)).ToList();
        // then what was too deep, and any post whose managers run in a circle (older data), each from a root of its own
        while ((deeper.Count > 0 ? deeper : own.Where(p => !shown.Contains(p.Id)).Take(1)).ToList() is [_, ..] next)
        {
            deeper.Clear();
            roots.AddRange(next.Where(p => shown.Add(p.Id)).ToList().Select(p => Node(p, 1, root: true)).ToList());
        }
        return new StructureResponse { On = source.On, Roots = roots, Mermaid = Mermaid(own, placed, order, under, ManagersOf) };
    }

    /// <summary>
    /// The longest Mermaid text a structure answers with. At most <see cref="OrganisationStructure.MaxRows"/> posts and as many lines,
    /// every character of a name escaped to at most 6 (<c>#quot;</c>): a post's node (title, team, employer and agreement
    /// reference) is under 4,000 characters, a manager elsewhere named in its label under 2,800, and an edge under 100.
    /// </summary>
    public const int MaxMermaidLength = OrganisationStructure.MaxRows * 7_000;

    /// <summary>422: the structure holds more than <see cref="OrganisationStructure.MaxRows"/> posts or management lines on the day.</summary>
    public static ProblemHttpResult TooLarge(DateOnly day) => TypedResults.Problem(
        $"This structure holds more than {OrganisationStructure.MaxRows:N0} posts or management lines on {day:yyyy-MM-dd}; ask for a post's reports or chain instead.",
        title: "The structure is too large to answer in one response.",
        statusCode: StatusCodes.Status422UnprocessableEntity,
        type: Http.ProblemTypes.ForRule("structure-too-large"));

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

    // the tree's nodes, then one edge per post shown under another (a post continued from a new root keeps its edge)
    private static string Mermaid(IReadOnlyList<StructurePost> own, IReadOnlyList<StructurePost> placed, IReadOnlyList<StructurePost> order,
        IReadOnlyDictionary<Guid, StructureLine> under, Func<Guid, IReadOnlyList<StructureLine>> managersOf)
    {
        var names = own.Select((p, i) => (p.Id, Name: $"p{i + 1}")).Concat(placed.Select((p, i) => (p.Id, Name: $"x{i + 1}")))
            .ToDictionary(x => x.Id, x => x.Name);
        var ownIds = own.Select(p => p.Id).ToHashSet();
        var text = new StringBuilder("graph TD\n");
        foreach (var post in order)
            text.Append($"  {names[post.Id]}[\"{Label(post, ownIds, under, managersOf(post.Id))}\"]\n");
        foreach (var post in order.Where(p => under.ContainsKey(p.Id)))
        {
            var line = under[post.Id];
            var edge = line.Kind == AccountabilityKind.OperationalManagement ? "-.->|day to day|" : "-->";
            text.Append($"  {names[line.Manager.Id]} {edge} {names[post.Id]}\n");
        }
        return text.ToString();
    }

    // the title and team; a placed post's employer and agreement; a post of the organisation's each manager elsewhere
    private static string Label(StructurePost post, HashSet<Guid> ownIds, IReadOnlyDictionary<Guid, StructureLine> under, IReadOnlyList<StructureLine> managers)
    {
        var label = new StringBuilder(MermaidText(post.Title));
        if (post.Team is { } team)
            label.Append("<br/>").Append(MermaidText(team));
        if (!ownIds.Contains(post.Id))
        {
            var line = under[post.Id];
            label.Append("<br/>").Append(MermaidText(post.OrganisationName));
            if (line.BasisReference is { } reference)
                label.Append(", under ").Append(MermaidText(reference));
            return label.ToString();
        }
        foreach (var line in managers.Where(l => l.Manager.OrganisationId != post.OrganisationId))
        {
            label.Append("<br/>").Append(line.Kind == AccountabilityKind.OperationalManagement ? "managed day to day by " : "line-managed by ")
                .Append(MermaidText($"{line.Manager.Title}, {line.Manager.OrganisationName}"));
            if (line.BasisReference is { } reference)
                label.Append(", under ").Append(MermaidText(reference));
        }
        return label.ToString();
    }

    // Mermaid reads #name; as an entity inside a quoted label: nothing a title holds can end the label or open markup
    private static string MermaidText(string text) => text
        .Replace("#", "#35;", StringComparison.Ordinal).Replace("\"", "#quot;", StringComparison.Ordinal)
        .Replace("<", "#lt;", StringComparison.Ordinal).Replace(">", "#gt;", StringComparison.Ordinal)
        .Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
