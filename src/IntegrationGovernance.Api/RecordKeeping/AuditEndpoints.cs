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

    public static async Task<Results<Ok<Page<AuditEntryResponse>>, ValidationProblem>> ListAudit(
        [AsParameters] AuditFilters filters, [AsParameters] PageQuery paging, RegisterDbContext db, IMapper mapper, HttpRequest request,
        CancellationToken cancellationToken)
    {
        var page = PageRequest.From(paging);
        if (PageRequest.Validate(paging.Limit) is [_, ..] problems)
            return Problems.Validation(problems);
        if (!page.TryReadKey<long>(request, out var before))
            return Problems.Validation([PageRequest.BadCursor]);

        var (resource, recordId, actor, from, to) = (filters.Resource, filters.RecordId, filters.Actor, filters.From, filters.To);
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
