using IntegrationGovernance.Infrastructure.RecordKeeping;

namespace IntegrationGovernance.Api.RecordKeeping;

/// <summary>Turns a stored revision, and the record as it then stood, into a response.</summary>
public static class Revisions
{
    /// <summary>The longest operation name a revision keeps (<c>revisions.action</c>).</summary>
    public const int MaxActionLength = 100;

    /// <summary>The longest actor subject or organisation a revision keeps.</summary>
    public const int MaxActorLength = 200;

    /// <summary>A changed field is a column's name, which PostgreSQL holds to 63 characters.</summary>
    public const int MaxFieldNameLength = 63;

    /// <summary>A revision with the record as the caller is shown it.</summary>
    public static RevisionResponse<TResponse> ToResponse<TResponse>(Revision revision, TResponse record) => new()
    {
        Revision = revision.Number,
        Kind = revision.Kind,
        Action = revision.Action,
        RecordedAt = revision.RecordedAt,
        CommittedAt = revision.CommittedAt,
        Actor = new ActorResponse { Subject = revision.ActorSubject, Organisation = revision.ActorOrganisation },
        CorrelationId = revision.CorrelationId,
        ChangedFields = revision.ChangedFields.Select(ToJsonName).ToList(),
        Record = record,
    };

    /// <summary><c>operational_to</c> → <c>operationalTo</c>: column names as the contract spells them.</summary>
    public static string ToJsonName(string column)
    {
        var parts = column.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
    }
}
