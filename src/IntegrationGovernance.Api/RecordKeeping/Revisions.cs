using System.Text.Json;
using System.Text.Json.Serialization;
using IntegrationGovernance.Infrastructure.RecordKeeping;

namespace IntegrationGovernance.Api.RecordKeeping;

/// <summary>
/// Turns stored revisions into responses. A revision holds the row as PostgreSQL's <c>to_jsonb</c> wrote it
/// (snake_case columns), which reads straight into the resource's response contract.
/// </summary>
public static class Revisions
{
    private static readonly JsonSerializerOptions Stored = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter() },
    };

    public static RevisionResponse<TResponse> ToResponse<TResponse>(Revision revision) => new()
    {
        Revision = revision.Number,
        Kind = revision.Kind,
        Action = revision.Action,
        RecordedAt = revision.RecordedAt,
        Actor = new ActorResponse { Subject = revision.ActorSubject, Organisation = revision.ActorOrganisation },
        CorrelationId = revision.CorrelationId,
        ChangedFields = revision.ChangedFields.Select(ToJsonName).ToList(),
        Record = JsonSerializer.Deserialize<TResponse>(revision.Data, Stored)
            ?? throw new InvalidOperationException($"Revision {revision.Id} holds no record."),
    };

    /// <summary><c>operational_to</c> → <c>operationalTo</c>: column names as the contract spells them.</summary>
    public static string ToJsonName(string column)
    {
        var parts = column.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
    }
}
