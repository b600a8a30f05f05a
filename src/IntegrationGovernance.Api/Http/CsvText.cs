namespace IntegrationGovernance.Api.Http;

/// <summary>
/// Text cells of CSV exports, safe to open in a spreadsheet (OWASP, CSV injection): a cell that begins with
/// <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return would be run as a formula, so it is written
/// with a single quote before it. Numbers are never text cells, so a negative amount stays <c>-12.50</c>.
/// </summary>
public static class CsvText
{
    private static readonly char[] Triggers = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>
    /// The cell for <paramref name="text"/>. Text already made of quotes and then a trigger gains one quote too,
    /// so <see cref="Restore"/> always gives back exactly what was written, and an ordinary leading quote is left alone.
    /// </summary>
    public static string? Neutralise(string? text) => IsGuarded(text, 0) ? "'" + text : text;

    /// <summary>What an exported cell said before <see cref="Neutralise"/>; an import reads cells through this.</summary>
    public static string? Restore(string? cell) => cell is ['\'', ..] && IsGuarded(cell, 1) ? cell[1..] : cell;

    // true when text, from start, is any number of single quotes and then a trigger
    private static bool IsGuarded(string? text, int start)
    {
        if (text is null)
            return false;
        var i = start;
        while (i < text.Length && text[i] == '\'')
            i++;
        return i < text.Length && Triggers.Contains(text[i]);
    }
}
