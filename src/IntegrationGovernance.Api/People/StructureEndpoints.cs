using AutoMapper;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.OpenApi;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Domain.Common;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.Domain.People;
using IntegrationGovernance.Infrastructure.People;
using IntegrationGovernance.Infrastructure.Persistence;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Api.People;

/// <summary>
/// The questions asked of many lines at once: a post's chain to the top, its reports, an organisation's structure. Each
/// is about a day (<c>on</c>), and each can be asked of the register as it stood at a moment (<c>asOf</c>); titles are
/// those the posts had on the day.
/// </summary>
public static class StructureEndpoints
{
    public static RouteGroupBuilder MapStructureEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/posts/{id:guid}/chain", GetAccountabilityChain)
            .ListsAtMost(PageRequest.MaxLimit, refusesMore: true)
            .WithTags("People")
            .WithSummary("The chain of accountability from a post to the top, on a date")
            .WithDescription("One recursive query, across organisations; each post's title is the one it had that day. With `asOf`, as the register stood then.")
            .RequireScope(Scopes.RegisterRead);
        api.MapGet("/posts/{id:guid}/reports", ListReports)
            .WithTags("People")
            .WithSummary("The posts accountable to a post, on a date")
            .WithDescription("Their lines, ordered by kind, then id, keyset-paged. With `asOf`, as the register stood then.")
            .RequireScope(Scopes.RegisterRead);
        api.MapGet("/organisations/{id:guid}/structure", GetStructure)
            .WithTags("People")
            .WithSummary("An organisation's management structure on a date, as a tree and as Mermaid text")
            .WithDescription("Its posts running that day, with the titles and teams they had that day, under their line managers, and the posts of other "
                + "organisations its posts manage (line or day to day) under a section 113 or other arrangement, marked with their employer and the agreement "
                + "(`placement`). A post line-managed from another organisation stays a root here, its `managers` saying where. A joint post is in the "
                + "structure of its employer and of each organisation it is held for that day, marked `joint` with the agreement. Each node has its holder "
                + "in force that day, shown as GetPost shows holders. `governance` lists the lines of the organisation's boards that day (a board reporting "
                + "to a Cabinet and a PCT Board). At most 5,000 posts, management lines, joint arrangements or board lines: a larger structure is refused "
                + "(422 structure-too-large). With `asOf`, as the register stood then.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireScope(Scopes.RegisterRead);
        return api;
    }

    /// <param name="on">The date (default today in London).</param>
    /// <param name="kind">The kind of line to follow (default LineManagement).</param>
    /// <param name="asOf">Answer as the register stood at this moment (UTC date-time).</param>
    public static async Task<Results<Ok<List<ChainStepResponse>>, ProblemHttpResult>> GetAccountabilityChain(
        Guid id, DateOnly? on, AccountabilityKind? kind, DateTimeOffset? asOf, RegisterDbContext db, AccountabilityGraph graph, RecordHistory history,
        IMapper mapper, TimeProvider clock, CancellationToken cancellationToken)
    {
        var chain = await graph.ChainAsync(id, kind ?? AccountabilityKind.LineManagement, on ?? RegisterCalendar.Today(clock), asOf, cancellationToken);
        // a chain starts from its post, so only a post with none needs looking for
        if (chain.Count == 0 && !await PostHeldAsync(id, asOf, db, history, cancellationToken))
            return Problems.NotFound(PostsEndpoints.Resource, id);
        if (chain.Count > PageRequest.MaxLimit)
            return PageRequest.TooLong("steps in this chain");
        return TypedResults.Ok(mapper.Map<List<ChainStepResponse>>(chain));
    }

    /// <param name="id">The post.</param>
    /// <param name="on">The date (default today in London).</param>
    /// <param name="asOf">Answer as the register stood at this moment (UTC date-time).</param>
    public static async Task<Results<Ok<Page<AccountabilityLineResponse>>, ValidationProblem, ProblemHttpResult>> ListReports(
        Guid id, DateOnly? on, DateTimeOffset? asOf, [AsParameters] PageQuery paging, RegisterDbContext db, RecordHistory history, IMapper mapper,
        TimeProvider clock, HttpRequest request, CancellationToken cancellationToken)
    {
        var page = PageRequest.From(paging);
        if (PageRequest.Validate(paging.Limit) is [_, ..] problems)
            return Problems.Validation(problems);
        if (!page.TryReadKey<ReportCursor>(request, out var after))
            return Problems.Validation([PageRequest.BadCursor]);
        if (!await PostHeldAsync(id, asOf, db, history, cancellationToken))
            return Problems.NotFound(PostsEndpoints.Resource, id);
        var day = on ?? RegisterCalendar.Today(clock);
        var source = asOf is { } moment ? await history.AsOfAsync<AccountabilityLine>(moment, cancellationToken) : db.AccountabilityLines.AsNoTracking();
        var lines = source.Where(l => l.ToPostId == id && l.StartsOn <= day && (l.EndsOn == null || l.EndsOn >= day));
        if (after is not null)
            lines = lines.Where(l => EF.Functions.GreaterThan(ValueTuple.Create(l.Kind, l.Id), ValueTuple.Create(after.Kind, after.Id)));
        // by kind, then id: a board's line has no accountable post, so the key must not hold one
        var rows = await lines.OrderBy(l => l.Kind).ThenBy(l => l.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(page.ToPage(mapper.Map<List<AccountabilityLineResponse>>(rows), l => new ReportCursor(l.Kind, l.Id), request));
    }

    private sealed record ReportCursor(AccountabilityKind Kind, Guid Id);

    /// <param name="on">The date (default today in London).</param>
    /// <param name="asOf">Answer as the register stood at this moment (UTC date-time).</param>
    public static async Task<Results<Ok<StructureResponse>, ProblemHttpResult>> GetStructure(
        Guid id, DateOnly? on, DateTimeOffset? asOf, RegisterDbContext db, RecordHistory history, OrganisationStructure structure, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken)
    {
        var known = asOf is { } at ? await history.HeldAtAsync<Organisation>(id, at, cancellationToken) : await db.Organisations.AnyAsync(o => o.Id == id, cancellationToken);
        if (!known)
            return Problems.NotFound("organisation", id);
        var day = on ?? RegisterCalendar.Today(clock);
        var sources = asOf is { } moment
            ? new StructureSources(await history.AsOfAsync<Post>(moment, cancellationToken), await history.AsOfAsync<AccountabilityLine>(moment, cancellationToken),
                await history.AsOfAsync<Organisation>(moment, cancellationToken), await history.AsOfAsync<Domain.Agreements.Agreement>(moment, cancellationToken),
                await history.AsOfAsync<PostHolding>(moment, cancellationToken), await history.AsOfAsync<JointArrangement>(moment, cancellationToken))
            : StructureSources.Now(db);
        if (await structure.ReadAsync(id, day, sources, cancellationToken) is not { } source)
            return Structures.TooLarge(day);
        // holders are personal data: each shown only as the caller may see it
        var organisations = source.Posts.Concat(source.ManagersOfPlacedPosts.Select(l => l.Post)).Concat(source.Also.JointPosts)
            .DistinctBy(p => p.Id).ToDictionary(p => p.Id, p => p.OrganisationId);
        var held = source.Also.Holders.Where(h => organisations.ContainsKey(h.PostId)).ToList();
        var visible = await HolderVisibility.VisibleAsync(held.Select(h => new HeldPost(h.PostId, organisations[h.PostId], h.HolderReference)), http, db, cancellationToken);
        var shown = held.Where(h => visible.Contains(new HeldPost(h.PostId, organisations[h.PostId], h.HolderReference))).ToList();
        return TypedResults.Ok(Structures.Build(source with { Extras = source.Also with { Holders = shown } }));
    }

    /// <summary>Whether the post is in the register now, or was at <paramref name="asOf"/>.</summary>
    public static async Task<bool> PostHeldAsync(Guid id, DateTimeOffset? asOf, RegisterDbContext db, RecordHistory history, CancellationToken cancellationToken) =>
        asOf is { } moment ? await history.HeldAtAsync<Post>(id, moment, cancellationToken) : await db.Posts.AnyAsync(p => p.Id == id, cancellationToken);
}
