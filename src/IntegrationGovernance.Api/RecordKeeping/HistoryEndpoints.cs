using AutoMapper;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationGovernance.Api.RecordKeeping;

/// <summary>The history operation every register resource has, built once.</summary>
public static class HistoryEndpoints
{
    /// <summary>
    /// Maps <c>GET {group}/{id}/history</c>: the record's revisions, oldest first, paged. A resource whose records hold
    /// what not every reader may see gives a <paramref name="view"/>, which decides what the caller is shown.
    /// </summary>
    public static RouteHandlerBuilder MapHistory<TEntity, TResponse>(this RouteGroupBuilder group, string resource, HistoryView<TEntity, TResponse>? view = null)
        where TEntity : class =>
        group.MapGet("/{id:guid}/history", (Guid id, [AsParameters] PageQuery paging, RecordHistory history, IMapper mapper, HttpRequest request, CancellationToken cancellationToken) =>
                PageAsync(resource, id, paging.Limit, paging.Cursor, history, mapper, request, cancellationToken, view))
            .WithName($"Get{string.Concat(resource.Split(' ').Select(w => char.ToUpperInvariant(w[0]) + w[1..]))}History")
            .WithSummary($"List the revisions of one {resource}")
            .WithDescription("Every change the register recorded, oldest first: who, when, through which operation, "
                + "which fields changed, and the whole record as it then stood. Paged like every list.");

    /// <summary>
    /// One page of a record's revisions, oldest first, each with the record as it then stood (404 when it has none);
    /// also for records found by something other than their id (a fund's budget for a year).
    /// </summary>
    public static async Task<Results<Ok<Page<RevisionResponse<TResponse>>>, ValidationProblem, ProblemHttpResult>> PageAsync<TEntity, TResponse>(
        string resource, Guid id, int? limit, string? cursor, RecordHistory history, IMapper mapper, HttpRequest request, CancellationToken cancellationToken,
        HistoryView<TEntity, TResponse>? view = null)
        where TEntity : class
    {
        var page = PageRequest.From(limit, cursor);
        if (PageRequest.Validate(limit) is [_, ..] problems)
            return Problems.Validation(problems);
        if (!page.TryReadKey<int>(request, out var after))
            return Problems.Validation([PageRequest.BadCursor]);

        var revisions = await history.RevisionsAsync<TEntity>(id, after, page.Limit + 1, cancellationToken);
        if (revisions.Count == 0 && after == 0)
            return Problems.NotFound(resource, id);
        var records = view is null
            ? revisions.Select(stored => mapper.Map<TResponse>(stored.Record)).ToList()
            : await view(id, revisions, request.HttpContext, cancellationToken);
        if (records is null)
            return Problems.NotFound(resource, id);
        var items = revisions.Zip(records, (stored, record) => Revisions.ToResponse(stored.Revision, record)).ToList();
        return TypedResults.Ok(page.ToPage(items, r => r.Revision, request));
    }
}

/// <summary>
/// How one resource's revisions are shown to the caller: the stored states of one record, oldest first, each with its
/// revision (when it became visible, so what a read then would have answered), as responses in the same order; or null
/// when the caller may not see the record at all, which is answered 404 as a read of it would be.
/// </summary>
public delegate Task<IReadOnlyList<TResponse>?> HistoryView<TEntity, TResponse>(
    Guid id, IReadOnlyList<(Revision Revision, TEntity Record)> revisions, HttpContext http, CancellationToken cancellationToken);
