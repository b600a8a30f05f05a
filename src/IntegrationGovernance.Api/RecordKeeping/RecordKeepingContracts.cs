using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using IntegrationGovernance.Api.Http;

namespace IntegrationGovernance.Api.RecordKeeping;

/// <summary>One revision of a register record: who changed it, when, what, and the whole record as it then stood.</summary>
public sealed record RevisionResponse<T>
{
    /// <summary>1 for the creation, then one more for every change.</summary>
    /// <example>2</example>
    [Range(1, int.MaxValue)]
    public required int Revision { get; init; }

    /// <summary>created, updated, or a named kind such as closed.</summary>
    /// <example>closed</example>
    [OneOf<ChangeKinds>]
    public required string Kind { get; init; }

    /// <summary>The operation that made the change.</summary>
    /// <example>CloseOrganisation</example>
    [MaxLength(Revisions.MaxActionLength)]
    public string? Action { get; init; }

    /// <summary>When the change was made: the start of its transaction (UTC, the database's clock).</summary>
    /// <example>2026-11-23T12:00:00.123456+00:00</example>
    public required DateTimeOffset RecordedAt { get; init; }

    /// <summary>When the change became visible, just after its transaction committed: <c>asOf</c> reads from this moment show it.</summary>
    /// <example>2026-11-23T12:00:00.125001+00:00</example>
    public DateTimeOffset? CommittedAt { get; init; }

    public required ActorResponse Actor { get; init; }

    /// <example>4bf92f3577b34da6a3ce929d0e0e4736</example>
    [MaxLength(Http.CorrelationId.MaxLength)]
    [RegularExpression(Http.CorrelationId.Pattern)]
    public string? CorrelationId { get; init; }

    /// <summary>The fields this change set (every field on creation).</summary>
    /// <example>["operationalTo"]</example>
    [MaxLength(RequestBounds.MaxRecordFields)]
    [EachMaxLength(Revisions.MaxFieldNameLength)]
    public required IReadOnlyList<string> ChangedFields { get; init; }

    /// <summary>The record as it stood after the change.</summary>
    public required T Record { get; init; }
}

/// <summary>Who made a change.</summary>
public sealed record ActorResponse
{
    /// <summary>The token subject, <c>anonymous</c>, or <c>system:&lt;job&gt;</c> for the register's own jobs.</summary>
    /// <example>user-7f3a</example>
    [MaxLength(Revisions.MaxActorLength)]
    public required string Subject { get; init; }

    /// <summary>The organisation the actor acted for.</summary>
    /// <example>E06000022</example>
    [MaxLength(Revisions.MaxActorLength)]
    public string? Organisation { get; init; }
}

/// <summary>A page of the change feed.</summary>
public sealed record ChangesPage
{
    [MaxLength(PageRequest.MaxLimit)]
    public required IReadOnlyList<ChangeResponse> Items { get; init; }

    /// <summary>Ask from here next (<c>after</c>): the last position on this page, or the one you sent when it is empty.</summary>
    /// <example>1042</example>
    [Range(typeof(long), "0", "9223372036854775807")]
    public required long LastPosition { get; init; }

    /// <summary>The link to poll next.</summary>
    /// <example>http://127.0.0.1:5080/api/v1/changes?after=1042&amp;limit=100</example>
    [MaxLength(RequestBounds.MaxLinkLength)]
    [Url]
    public required string Next { get; init; }
}

/// <summary>The head of the change feed: where a reader that wants only what happens from now on starts.</summary>
public sealed record ChangesHeadResponse
{
    /// <summary>The position of the latest committed change the caller can see; 0 when there is none.</summary>
    /// <example>1042</example>
    [Range(typeof(long), "0", "9223372036854775807")]
    public required long Position { get; init; }

    /// <summary>Read from the head: <c>GET /api/v1/changes?after={position}</c>, which gives only changes committed after it.</summary>
    /// <example>http://127.0.0.1:5080/api/v1/changes?after=1042&amp;limit=50</example>
    [MaxLength(RequestBounds.MaxLinkLength)]
    [Url]
    public required string Next { get; init; }
}

/// <summary>One committed change to a register record.</summary>
public sealed record ChangeResponse
{
    /// <summary>Its place in the feed: positions run 1, 2, 3... with none skipped.</summary>
    /// <example>1042</example>
    [Range(typeof(long), "1", "9223372036854775807")]
    public required long Position { get; init; }

    /// <summary>The resource, as in its URL.</summary>
    /// <example>organisations</example>
    [OneOf<ChangeResources>]
    public required string Resource { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70</example>
    public required Guid Id { get; init; }

    /// <summary>The record's revision this change made; read it at <c>/{resource}/{id}/history</c>.</summary>
    /// <example>3</example>
    [Range(1, int.MaxValue)]
    public required int Revision { get; init; }

    /// <example>updated</example>
    [OneOf<ChangeKinds>]
    public required string Kind { get; init; }

    /// <example>2026-11-23T12:00:00.123456+00:00</example>
    public required DateTimeOffset RecordedAt { get; init; }
}

/// <summary>One row of the audit trail.</summary>
public sealed record AuditEntryResponse
{
    /// <example>5120</example>
    public required long Id { get; init; }

    /// <example>2026-11-23T12:00:00.123456+00:00</example>
    public required DateTimeOffset OccurredAt { get; init; }

    public required ActorResponse Actor { get; init; }

    /// <example>UpdateOrganisation</example>
    [MaxLength(Revisions.MaxActionLength)]
    public required string Action { get; init; }

    /// <example>organisations</example>
    [OneOf<ChangeResources>]
    public required string Resource { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70</example>
    public required Guid RecordId { get; init; }

    /// <example>4bf92f3577b34da6a3ce929d0e0e4736</example>
    [MaxLength(Http.CorrelationId.MaxLength)]
    [RegularExpression(Http.CorrelationId.Pattern)]
    public string? CorrelationId { get; init; }

    /// <summary>The stored row before the change (null on creation), column by column.</summary>
    /// <example>{"name":"Harrow Council"}</example>
    public JsonElement? Before { get; init; }

    /// <summary>The stored row after the change, column by column.</summary>
    /// <example>{"name":"London Borough of Harrow"}</example>
    public required JsonElement After { get; init; }
}
