using AutoMapper;
using IntegrationGovernance.Infrastructure.RecordKeeping;

namespace IntegrationGovernance.Api.RecordKeeping;

/// <summary>Turns a stored revision, and the record as it then stood, into a response.</summary>
public static class Revisions
{
    public static RevisionResponse<TResponse> ToResponse<TEntity, TResponse>((Revision Revision, TEntity Record) stored, IMapper mapper) => new()
    {
        Revision = stored.Revision.Number,
        Kind = stored.Revision.Kind,
        Action = stored.Revision.Action,
        RecordedAt = stored.Revision.RecordedAt,
        CommittedAt = stored.Revision.CommittedAt,
        Actor = new ActorResponse { Subject = stored.Revision.ActorSubject, Organisation = stored.Revision.ActorOrganisation },
        CorrelationId = stored.Revision.CorrelationId,
        ChangedFields = stored.Revision.ChangedFields.Select(ToJsonName).ToList(),
        Record = mapper.Map<TResponse>(stored.Record),
    };

    /// <summary><c>operational_to</c> → <c>operationalTo</c>: column names as the contract spells them.</summary>
    public static string ToJsonName(string column)
    {
        var parts = column.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
    }
}
