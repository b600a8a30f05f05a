using AutoMapper;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationGovernance.Api.RecordKeeping;

/// <summary>The history operation every register resource has, built once.</summary>
public static class HistoryEndpoints
{
    /// <summary>Maps <c>GET {group}/{id}/history</c>: the record's revisions, oldest first, paged.</summary>
    public static RouteHandlerBuilder MapHistory<TEntity, TResponse>(this RouteGroupBuilder group, string resource)
        where TEntity : class =>
        group.MapGet("/{id:guid}/history", async Task<Results<Ok<Page<RevisionResponse<TResponse>>>, ValidationProblem, ProblemHttpResult>> (
                Guid id, int? limit, string? cursor, RecordHistory history, IMapper mapper, HttpRequest request, CancellationToken cancellationToken) =>
            {
                var page = PageRequest.From(limit, cursor);
                if (PageRequest.Validate(limit) is [_, ..] problems)
                    return Problems.Validation(problems);
                if (!page.TryReadKey<int>(out var after))
                    return Problems.Validation([PageRequest.BadCursor]);

                var revisions = await history.RevisionsAsync<TEntity>(id, after, page.Limit + 1, cancellationToken);
                if (revisions.Count == 0 && after == 0)
                    return Problems.NotFound(resource, id);
                var items = revisions.Select(stored => Revisions.ToResponse<TEntity, TResponse>(stored, mapper)).ToList();
                return TypedResults.Ok(page.ToPage(items, r => r.Revision, request));
            })
            .WithName($"Get{string.Concat(resource.Split(' ').Select(w => char.ToUpperInvariant(w[0]) + w[1..]))}History")
            .WithSummary($"List the revisions of one {resource}")
            .WithDescription("Every change the register recorded, oldest first: who, when, through which operation, "
                + "which fields changed, and the whole record as it then stood. Paged like every list.");
}
