using AutoMapper;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Api.RecordKeeping;

/// <summary>The audit trail: append-only, written by the database in the transaction of each change.</summary>
public static class AuditEndpoints
{
    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", ListAudit)
            .WithTags("Record keeping")
            .WithSummary("Search the audit trail")
            .WithDescription("Newest first. Filters combine. Each entry holds the stored row before and after the change.")
            .RequireScope(Scopes.Admin);
        return api;
    }

    /// <param name="resource">Only changes to this resource, e.g. <c>organisations</c>.</param>
    /// <param name="recordId">Only changes to this record.</param>
    /// <param name="actor">Only changes made by this token subject.</param>
    /// <param name="from">Only changes at or after this moment.</param>
    /// <param name="to">Only changes before this moment.</param>
    /// <param name="limit">Page size, 1 to 500 (default 50).</param>
    /// <param name="cursor">The <c>nextCursor</c> of the previous page.</param>
    /// <param name="db"></param>
    /// <param name="mapper"></param>
    /// <param name="request"></param>
    /// <param name="cancellationToken"></param>
    public static async Task<Results<Ok<Page<AuditEntryResponse>>, ValidationProblem>> ListAudit(
        string? resource, Guid? recordId, string? actor, DateTimeOffset? from, DateTimeOffset? to, int? limit, string? cursor,
        RegisterDbContext db, IMapper mapper, HttpRequest request, CancellationToken cancellationToken)
    {
        var page = PageRequest.From(limit, cursor);
        if (PageRequest.Validate(limit) is [_, ..] problems)
            return Problems.Validation(problems);
        if (!page.TryReadKey<long>(out var before))
            return Problems.Validation([PageRequest.BadCursor]);

        var query = db.Audit.AsNoTracking();
        if (resource is not null)
            query = query.Where(a => a.Resource == resource);
        if (recordId is { } id)
            query = query.Where(a => a.RecordId == id);
        if (actor is not null)
            query = query.Where(a => a.ActorSubject == actor);
        if (from is { } start)
            query = query.Where(a => a.OccurredAt >= start.ToUniversalTime());
        if (to is { } end)
            query = query.Where(a => a.OccurredAt < end.ToUniversalTime());
        if (page.Cursor is not null)
            query = query.Where(a => a.Id < before);

        var rows = await query.OrderByDescending(a => a.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(page.ToPage(mapper.Map<List<AuditEntryResponse>>(rows), a => a.Id, request));
    }
}
