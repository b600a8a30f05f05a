using IntegrationGovernance.Api.Organisations;
using IntegrationGovernance.Api.Pages.Shared;

namespace IntegrationGovernance.Api.Pages.Organisations;

/// <summary>
/// Lays out an organisation's succession chain left to right in time: its predecessors in columns before it (nearest
/// first), its successors in columns after it, one column per succession step, each link labelled with its date.
/// </summary>
public static class SuccessionDiagram
{
    private const double BoxWidth = 230, BoxHeight = 100, ColumnGap = 100, RowGap = 20, Margin = 10;

    public static Diagram Layout(OrganisationResponse self, SuccessionChainResponse? predecessors, SuccessionChainResponse? successors)
    {
        // column of each organisation: -depth for predecessors, 0 for itself, +depth for successors
        var columns = new Dictionary<Guid, (int Column, string Name, string? Code)> { [self.Id] = (0, self.Name, self.OdsCode ?? self.GssCode) };
        foreach (var link in predecessors?.Links ?? [])
            columns.TryAdd(link.Organisation.Id, (-link.Depth, link.Organisation.Name, link.Organisation.OdsCode ?? link.Organisation.GssCode));
        foreach (var link in successors?.Links ?? [])
            columns.TryAdd(link.Organisation.Id, (link.Depth, link.Organisation.Name, link.Organisation.OdsCode ?? link.Organisation.GssCode));
        var first = columns.Values.Min(c => c.Column);
        var rows = new Dictionary<int, int>();
        var place = new Dictionary<Guid, (double X, double Y)>();
        foreach (var (id, (column, _, _)) in columns.OrderBy(c => c.Value.Column))
        {
            var row = rows.GetValueOrDefault(column);
            rows[column] = row + 1;
            place[id] = (Margin + (column - first) * (BoxWidth + ColumnGap), Margin + row * (BoxHeight + RowGap));
        }
        var boxes = columns.Select(c => new DiagramBox(place[c.Key].X, place[c.Key].Y, BoxWidth, BoxHeight, Diagram.Wrap(c.Value.Name, 26, 4),
                c.Key == self.Id ? null : $"/organisations/{c.Key}", c.Key == self.Id ? "app-diagram__box--current" : string.Empty, c.Value.Code))
            .ToList();
        var lines = new List<DiagramLine>();
        // earlier body → later body, whichever way the chain was walked
        foreach (var link in predecessors?.Links ?? [])
            Connect(lines, place, link.Organisation.Id, link.FromOrganisationId, link);
        foreach (var link in successors?.Links ?? [])
            Connect(lines, place, link.FromOrganisationId, link.Organisation.Id, link);
        var width = Margin * 2 + (columns.Values.Max(c => c.Column) - first + 1) * (BoxWidth + ColumnGap) - ColumnGap;
        var height = Margin * 2 + Math.Max(1, rows.Values.Max()) * (BoxHeight + RowGap) - RowGap;
        return new Diagram(width, height, boxes, lines);
    }

    private static void Connect(List<DiagramLine> lines, Dictionary<Guid, (double X, double Y)> place, Guid from, Guid to, SuccessionLinkResponse link)
    {
        if (!place.TryGetValue(from, out var a) || !place.TryGetValue(to, out var b))
            return;
        lines.Add(new DiagramLine(a.X + BoxWidth, a.Y + BoxHeight / 2, b.X, b.Y + BoxHeight / 2,
            link.EffectiveOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), false));
    }
}
