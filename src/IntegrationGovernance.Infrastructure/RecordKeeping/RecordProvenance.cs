namespace IntegrationGovernance.Infrastructure.RecordKeeping;

/// <summary>
/// Where a register record's facts come from: the source paper and its paragraphs, and which of the record's facts
/// are illustrative (filled in by example where the paper gives none). Written by the demo data loader beside each
/// record it adds, in the same transaction, and never changed; a record made through the API has none.
/// </summary>
public sealed class RecordProvenance
{
    public const int MaxNoteLength = 4000;

    /// <summary>The most illustrative facts one record's provenance names, each a JSON path of at most <see cref="MaxPathLength"/> characters.</summary>
    public const int MaxIllustrative = 100;

    public const int MaxPathLength = 200;

    private RecordProvenance()
    {
    }

    /// <summary>The record's resource, as in the change feed (organisations, agreements, posts, ...).</summary>
    public string Resource { get; private set; } = string.Empty;

    public Guid RecordId { get; private set; }

    /// <summary>The source paper's file in the demo data set, e.g. 003_2ca2add74d2ce439.txt; null for a fact of the public record only.</summary>
    public string? Paper { get; private set; }

    public string? PaperTitle { get; private set; }

    /// <summary>The paper's paragraphs or sections the record rests on, e.g. "3.3.1, 3.3.3".</summary>
    public string? Paragraphs { get; private set; }

    /// <summary>JSON paths, into the record as the API returns it, of the facts that are illustrative; "$" for the whole record.</summary>
    public List<string> Illustrative { get; private set; } = [];

    /// <summary>What the paper says, and why each illustrative fact was chosen.</summary>
    public string Note { get; private set; } = string.Empty;

    public DateTimeOffset RecordedAt { get; private set; }

    public static RecordProvenance For(string resource, Guid recordId, string? paper, string? paperTitle, string? paragraphs,
        IReadOnlyList<string> illustrative, string note, DateTimeOffset now) =>
        illustrative.Count > MaxIllustrative || illustrative.Any(p => p.Length > MaxPathLength)
            ? throw new ArgumentException($"A record's provenance names at most {MaxIllustrative} illustrative facts of at most {MaxPathLength} characters each.", nameof(illustrative))
            : new()
    {
        Resource = resource,
        RecordId = recordId,
        Paper = paper,
        PaperTitle = paperTitle,
        Paragraphs = paragraphs,
        Illustrative = [.. illustrative],
        Note = note,
        RecordedAt = now,
    };
}
