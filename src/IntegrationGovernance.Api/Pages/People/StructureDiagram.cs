using IntegrationGovernance.Api.Pages.Shared;
using IntegrationGovernance.Api.People;

namespace IntegrationGovernance.Api.Pages.People;

/// <summary>
/// Lays out an accountability structure top-down: each post under its manager, leaves side by side, a manager centred
/// over its reports. A post placed from another organisation is drawn dashed, its line labelled with the agreement it rests on.
/// </summary>
public static class StructureDiagram
{
    /// <summary>Larger structures are shown as a nested list only: a chart that wide helps no one.</summary>
    public const int MaxDrawn = 150;

    private const double BoxWidth = 220, BoxHeight = 90, ColumnGap = 24, RowGap = 56, Margin = 10;

    public static int Count(IEnumerable<StructureNode> nodes) => nodes.Sum(n => 1 + Count(n.Reports));

    public static Diagram? Layout(IReadOnlyList<StructureNode> roots)
    {
        if (Count(roots) is 0 or > MaxDrawn)
            return null;
        var boxes = new List<DiagramBox>();
        var lines = new List<DiagramLine>();
        var nextLeaf = 0;
        var depth = 0;
        foreach (var root in roots)
            depth = Math.Max(depth, Place(root, 0, boxes, lines, ref nextLeaf));
        var width = Margin * 2 + nextLeaf * (BoxWidth + ColumnGap) - ColumnGap;
        var height = Margin * 2 + (depth + 1) * (BoxHeight + RowGap) - RowGap;
        return new Diagram(width, height, boxes, lines);
    }

    // returns the deepest level under the node; places the node at the centre of its reports
    private static int Place(StructureNode node, int level, List<DiagramBox> boxes, List<DiagramLine> lines, ref int nextLeaf)
    {
        var y = Margin + level * (BoxHeight + RowGap);
        double x;
        var deepest = level;
        var children = new List<(double X, StructureNode Node)>();
        if (node.Reports.Count == 0)
            x = Margin + nextLeaf++ * (BoxWidth + ColumnGap);
        else
        {
            foreach (var report in node.Reports)
            {
                deepest = Math.Max(deepest, Place(report, level + 1, boxes, lines, ref nextLeaf));
                children.Add((boxes[^1].X, report));
            }
            // the last box added for each report is that report's own (its reports are placed before it)
            x = (children.First().X + children.Last().X) / 2;
        }
        foreach (var (childX, child) in children)
            lines.Add(new DiagramLine(x + BoxWidth / 2, y + BoxHeight, childX + BoxWidth / 2, y + BoxHeight + RowGap,
                child.Placement?.BasisReference, child.Placement is not null));
        var text = Diagram.Wrap(node.Title, 25, 2).Concat(node.Team is { } team ? Diagram.Wrap(team, 27, 1) : []).ToList();
        var note = node.Placement is { } placement ? Diagram.Wrap($"Employed by {placement.EmployerName}", 30, 1)[0] : null;
        boxes.Add(new DiagramBox(x, y, BoxWidth, BoxHeight, text, null, node.Placement is null ? string.Empty : "app-diagram__box--across", note));
        return deepest;
    }
}
