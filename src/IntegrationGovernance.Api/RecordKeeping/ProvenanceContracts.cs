using System.ComponentModel.DataAnnotations;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Infrastructure.RecordKeeping;

namespace IntegrationGovernance.Api.RecordKeeping;

/// <summary>Where a record of the register comes from: its source paper, the paragraphs, and which of its facts are illustrative.</summary>
public sealed record ProvenanceResponse
{
    /// <summary>The record's resource, as in the change feed.</summary>
    /// <example>posts</example>
    [OneOf<ProvenanceResources>]
    public required string Resource { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6fc0</example>
    public required Guid RecordId { get; init; }

    /// <summary>The source paper (its file in the demo data set); null when the record comes from the public record only.</summary>
    /// <example>003_2ca2add74d2ce439.txt</example>
    [MaxLength(100)]
    public string? Paper { get; init; }

    /// <example>Bath and North East Somerset Council, People and Communities Department structure proposals (draft 1, version 3, 25 April 2012)</example>
    [MaxLength(300)]
    public string? PaperTitle { get; init; }

    /// <summary>The paper's paragraphs or sections the record rests on.</summary>
    /// <example>3.3.1, 3.3.3</example>
    [MaxLength(200)]
    public string? Paragraphs { get; init; }

    /// <summary>
    /// JSON paths, into the record as its own operation returns it, of the facts filled in by example where the paper gives
    /// none (<c>$</c>: the whole record is an example). Empty: every fact is the paper's.
    /// </summary>
    /// <example>["$.startsOn"]</example>
    [MaxLength(RecordProvenance.MaxIllustrative)]
    [EachMaxLength(RecordProvenance.MaxPathLength)]
    public required IReadOnlyList<string> Illustrative { get; init; }

    /// <summary>What the paper says, and why each illustrative fact was chosen.</summary>
    /// <example>§3.3.1: the post holder will be Chief Operating Officer of the CCG, directly accountable to its Accountable Officer.</example>
    [MaxLength(RecordProvenance.MaxNoteLength)]
    public required string Note { get; init; }

    /// <example>2026-11-23T12:00:00.123456+00:00</example>
    public required DateTimeOffset RecordedAt { get; init; }
}
