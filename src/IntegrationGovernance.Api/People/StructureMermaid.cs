using System.Text;
using IntegrationGovernance.Domain.People;
using IntegrationGovernance.Infrastructure.People;

namespace IntegrationGovernance.Api.People;

/// <summary>
/// A structure's tree as Mermaid text: one node per node of the tree (its title, then its team), one edge per report
/// (<c>--&gt;</c> line management, <c>-.-&gt;|day to day|</c> day-to-day management); then the boards' lines, each board a
/// rounded node and each line an edge from the side reported to (<c>==&gt;|governance|</c>). No holder is drawn: the text
/// is for pasting into viewers.
/// </summary>
internal sealed class StructureMermaid(
    IReadOnlyList<StructurePost> own, IReadOnlyList<StructurePost> placed, IReadOnlyList<StructurePost> joint,
    IReadOnlyDictionary<Guid, StructureLine> under, Func<Guid, IReadOnlyList<StructureLine>> managersOf, StructureSource source)
{
    private readonly HashSet<Guid> _own = own.Select(p => p.Id).ToHashSet();

    // the tree's nodes, then one edge per post shown under another (a post continued from a new root keeps its edge)
    public string Draw(IReadOnlyList<StructurePost> order)
    {
        var names = own.Select((p, i) => (p.Id, Name: $"p{i + 1}")).Concat(placed.Select((p, i) => (p.Id, Name: $"x{i + 1}")))
            .Concat(joint.Select((p, i) => (p.Id, Name: $"j{i + 1}")))
            .ToDictionary(x => x.Id, x => x.Name);
        var text = new StringBuilder("graph TD\n");
        foreach (var post in order)
            text.Append($"  {names[post.Id]}[\"{Label(post)}\"]\n");
        foreach (var post in order.Where(p => under.ContainsKey(p.Id)))
        {
            var line = under[post.Id];
            var edge = line.Kind == AccountabilityKind.OperationalManagement ? "-.->|day to day|" : "-->";
            text.Append($"  {names[line.Manager.Id]} {edge} {names[post.Id]}\n");
        }
        DrawGovernance(text, names);
        return text.ToString();
    }

    // each board (and each post not in the tree) a node of its own, then each line from the side reported to
    private void DrawGovernance(StringBuilder text, Dictionary<Guid, string> names)
    {
        var lines = source.Also.Governance;
        var (boards, others) = (0, 0);
        foreach (var side in lines.SelectMany(l => new[] { l.From, l.To }))
        {
            var id = side.PostId ?? side.BodyId ?? Guid.Empty;
            if (names.ContainsKey(id))
                continue;
            if (side.BodyId is not null)
            {
                names[id] = $"b{++boards}";
                text.Append($"  {names[id]}([\"{MermaidText(side.Name)}\"])\n");
            }
            else
            {
                names[id] = $"g{++others}";
                text.Append($"  {names[id]}[\"{MermaidText(side.Name)}<br/>{MermaidText(side.OrganisationName)}\"]\n");
            }
        }
        foreach (var line in lines)
        {
            var label = line.Kind switch
            {
                AccountabilityKind.GovernanceReporting => "governance",
                AccountabilityKind.StatutoryDelegation => "delegation",
                var kind => kind.ToString(),
            };
            text.Append($"  {names[line.To.PostId ?? line.To.BodyId ?? Guid.Empty]} ==>|{label}| {names[line.From.PostId ?? line.From.BodyId ?? Guid.Empty]}\n");
        }
    }

    // the title and team; a placed post's employer and agreement; a joint post's other organisation and agreement; a post of
    // the organisation's each manager elsewhere
    private string Label(StructurePost post)
    {
        var label = new StringBuilder(MermaidText(post.Title));
        if (post.Team is { } team)
            label.Append("<br/>").Append(MermaidText(team));
        var joints = source.Also.Joints.Where(j => j.PostId == post.Id).ToList();
        if (!_own.Contains(post.Id))
        {
            label.Append("<br/>").Append(MermaidText(post.OrganisationName));
            if (under.TryGetValue(post.Id, out var line) && line.BasisReference is { } reference && !joint.Contains(post))
                label.Append(", under ").Append(MermaidText(reference));
            foreach (var arrangement in joints.Where(j => j.OrganisationId == source.OrganisationId))
                label.Append(", joint post under ").Append(MermaidText(arrangement.BasisReference));
            return label.ToString();
        }
        foreach (var arrangement in joints)
            label.Append("<br/>joint post with ").Append(MermaidText(arrangement.OrganisationName)).Append(", under ").Append(MermaidText(arrangement.BasisReference));
        foreach (var line in managersOf(post.Id).Where(l => l.Manager.OrganisationId != post.OrganisationId))
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
