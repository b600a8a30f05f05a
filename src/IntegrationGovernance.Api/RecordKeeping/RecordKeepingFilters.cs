using IntegrationGovernance.Domain.Common;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationGovernance.Api.RecordKeeping;

/// <summary>Which entries of the audit trail to list (<c>GET /audit</c>); the filters combine.</summary>
public sealed record AuditFilters
{
    /// <summary>Only changes to this resource, e.g. <c>organisations</c>.</summary>
    [FromQuery(Name = "resource")]
    public string? Resource { get; init; }

    /// <summary>Only changes to this record.</summary>
    [FromQuery(Name = "recordId")]
    public Guid? RecordId { get; init; }

    /// <summary>Only changes made by this token subject.</summary>
    [FromQuery(Name = "actor")]
    public string? Actor { get; init; }

    /// <summary>Only changes at or after this moment.</summary>
    [FromQuery(Name = "from")]
    public DateTimeOffset? From { get; init; }

    /// <summary>Only changes before this moment.</summary>
    [FromQuery(Name = "to")]
    public DateTimeOffset? To { get; init; }
}

/// <summary>Which records' provenance to list (<c>GET /provenance</c>): one record, a resource, or a paper.</summary>
public sealed record ProvenanceFilters
{
    public const int MaxPaperLength = 100;

    /// <summary>Only records of this resource, as named in the change feed (organisations, agreements, posts, accountability_lines, ...).</summary>
    [FromQuery(Name = "resource")]
    public string? Resource { get; init; }

    /// <summary>Only this record (with resource, or across resources).</summary>
    [FromQuery(Name = "recordId")]
    public Guid? RecordId { get; init; }

    /// <summary>Only records drawn from this paper, e.g. 003_2ca2add74d2ce439.txt.</summary>
    [FromQuery(Name = "paper")]
    public string? Paper { get; init; }

    public IEnumerable<RuleViolation> Validate(IReadOnlySet<string> resources)
    {
        if (Resource is not null && !resources.Contains(Resource))
            yield return new RuleViolation("resource", $"resource is one of: {string.Join(", ", resources.Order(StringComparer.Ordinal))}.");
        if (Paper is { Length: > MaxPaperLength })
            yield return new RuleViolation("paper", $"paper is a file name of at most {MaxPaperLength} characters.");
    }
}
