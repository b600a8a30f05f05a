namespace IntegrationGovernance.Api.Pages.Shared;

/// <summary>A box of a diagram drawn as SVG in a page: where it sits, what it says, where it links.</summary>
public sealed record DiagramBox(double X, double Y, double Width, double Height, IReadOnlyList<string> Lines, string? Href, string Style, string? Note = null);

/// <summary>A line between two boxes, with an optional label at its middle.</summary>
public sealed record DiagramLine(double X1, double Y1, double X2, double Y2, string? Label, bool Across);

/// <summary>A laid-out diagram: the canvas size, its boxes and lines.</summary>
public sealed record Diagram(double Width, double Height, IReadOnlyList<DiagramBox> Boxes, IReadOnlyList<DiagramLine> Lines)
{
    /// <summary>Breaks <paramref name="text"/> into lines of at most <paramref name="width"/> characters, at most <paramref name="lines"/> of them.</summary>
    public static IReadOnlyList<string> Wrap(string text, int width, int lines)
    {
        var result = new List<string>();
        var current = string.Empty;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (current.Length == 0)
                current = word;
            else if (current.Length + 1 + word.Length <= width)
                current += " " + word;
            else
            {
                result.Add(current);
                current = word;
            }
        }
        if (current.Length > 0)
            result.Add(current);
        if (result.Count > lines)
        {
            result = result.Take(lines).ToList();
            result[^1] = (result[^1].Length > width - 1 ? result[^1][..(width - 1)] : result[^1]) + "…";
        }
        return result.Select(l => l.Length > width ? l[..(width - 1)] + "…" : l).ToList();
    }
}
