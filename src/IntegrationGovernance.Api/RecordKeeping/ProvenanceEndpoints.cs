using AutoMapper;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Domain.Common;
using IntegrationGovernance.Infrastructure.Persistence;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Api.RecordKeeping;

/// <summary>The provenance of the register's demo records: which paper each comes from, and which of its facts are illustrative.</summary>
public static class ProvenanceEndpoints
{
    /// <summary>The resources that can have provenance: the register's records, named as in the change feed.</summary>
    public static readonly IReadOnlySet<string> Resources = new HashSet<string>(ProvenanceResources.All, StringComparer.Ordinal);

    public static RouteGroupBuilder MapProvenanceEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/provenance", ListProvenance)
            .WithMetadata(new OpenApi.ParameterValues("resource", ProvenanceResources.All))
            .WithTags("Record keeping")
            .WithSummary("Where records come from: source paper, paragraphs and illustrative facts")
            .WithDescription("Every record of the demo data set names the paper it is drawn from, the paragraphs, and the JSON paths of its facts that "
                + "are illustrative (filled in by example where the paper gives none). Ask for one record (`resource` and `recordId`), a resource, or "
                + "a paper. Ordered by resource then record id, keyset-paged. A record made through the API has none. Secondments (personal data) are "
                + "listed only to callers with people:read whose organisation employs or hosts them, and to admins.")
            .RequireScope(Scopes.RegisterRead);
        return api;
    }

    public static async Task<Results<Ok<Page<ProvenanceResponse>>, ValidationProblem>> ListProvenance(
        [AsParameters] ProvenanceFilters filters, [AsParameters] PageQuery paging,
        RegisterDbContext db, IMapper mapper, CallerOrganisation caller, HttpRequest request, CancellationToken cancellationToken)
    {
        var page = PageRequest.From(paging);
        var problems = PageRequest.Validate(paging.Limit).Concat(filters.Validate(Resources)).ToList();
        if (!page.TryReadKey<ProvenanceCursor>(request, out var after))
            problems.Add(PageRequest.BadCursor);
        if (problems.Count > 0)
            return Problems.Validation(problems);

        var (resource, recordId, paper) = (filters.Resource, filters.RecordId, filters.Paper);
        var query = db.Set<RecordProvenance>().AsNoTracking();
        if (resource is not null)
            query = query.Where(p => p.Resource == resource);
        if (recordId is { } id)
            query = query.Where(p => p.RecordId == id);
        if (paper is not null)
            query = query.Where(p => p.Paper == paper);
        // secondments are personal data: a reader sees those its organisation employs or hosts, an admin all
        if (!request.HttpContext.User.HasScope(Scopes.Admin))
        {
            var mine = request.HttpContext.User.HasScope(Scopes.PeopleRead) ? await caller.IdAsync(cancellationToken) ?? Guid.Empty : Guid.Empty;
            query = query.Where(p => p.Resource != "secondments"
                || db.Secondments.Any(s => s.Id == p.RecordId && (s.EmployerId == mine || s.HostId == mine)));
        }
        if (after is not null)
            query = query.Where(p => EF.Functions.GreaterThan(ValueTuple.Create(p.Resource, p.RecordId), ValueTuple.Create(after.Resource, after.RecordId)));

        var rows = await query.OrderBy(p => p.Resource).ThenBy(p => p.RecordId).Take(page.Limit + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(page.ToPage(mapper.Map<List<ProvenanceResponse>>(rows), p => new ProvenanceCursor(p.Resource, p.RecordId), request));
    }

    private sealed record ProvenanceCursor(string Resource, Guid RecordId);
}
