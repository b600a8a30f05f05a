using AutoMapper;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.OpenApi;
using IntegrationGovernance.Api.RecordKeeping;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Domain.People;
using IntegrationGovernance.Infrastructure.People;
using IntegrationGovernance.Infrastructure.Persistence;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Api.People;

/// <summary>
/// Who held a post, when and how: its holdings, personal data. The rules are the domain's (<see cref="HoldingRules"/>);
/// every holder shown passes <see cref="HolderVisibility"/>, in lists, single reads, revisions and <c>asOf</c> reads alike.
/// </summary>
public static class PostHoldersEndpoints
{
    public const string Resource = "post holding";

    private const string Overlaps = "A post has one substantive holder at a time and one acting or interim holder covering it at a time; the two may overlap "
        + "(an acting holder covers while the substantive holder is away, or while the post is vacant); one person holds a post once on any day; "
        + "a holding lies within the post's period; an acting holding may name the holder's substantive post, which runs on the day of return and is not "
        + "then another's (422 `holding-overlap`, `holder-already-holds-post`, `returns-to-post-held`).";

    public static RouteGroupBuilder MapPostHoldersEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/posts/{id:guid}/holders", ListPostHolders)
            .WithTags("People")
            .WithSummary("Who held a post: its holdings, oldest first")
            .WithDescription("With `on`, the holdings in force that day (who held the post on 1 April 2013: its substantive holder, and any acting or "
                + "interim holder covering it). With `asOf`, as the register stood then. Holders are personal data: `holderReference` and "
                + "`returnsToPostId` are null unless the caller may see the post's holders (see GetPost). Paged.")
            .RequireScope(Scopes.PeopleRead);
        api.MapPost("/posts/{id:guid}/holders", CreatePostHolding)
            .WithTags("People")
            .WithSummary("Record who holds a post, from a date")
            .WithDescription(Overlaps + " Races are refused as the rules say: writers of one post's holdings take turns. The caller acts for the "
                + "post's organisation, or one it is jointly held for.")
            .ReturnsETag()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireScope(Scopes.PeopleWrite)
            .RequirePartyOf<Post>(PostsEndpoints.Resource);
        var group = api.MapGroup("/post-holdings").WithTags("People");
        group.MapGet("/{id:guid}", GetPostHolding)
            .WithName(nameof(GetPostHolding))
            .WithSummary("Read one holding")
            .WithDescription("The holder is shown only to a caller who may see the post's holders. With `asOf`, as the register held it then (no ETag).")
            .ReturnsETag()
            .RequireScope(Scopes.PeopleRead);
        group.MapPut("/{id:guid}/end-date", ChangePostHoldingEndDate)
            .WithSummary("End, shorten or extend a holding")
            .WithDescription("Sets the holding's last day (null: none). Shortening is always allowed; a longer holding keeps every rule a new one does. "
                + "An acting holder's return to their substantive post is the day after the new end. The caller acts for the post's organisation, or "
                + "one it is jointly held for. Requires If-Match.")
            .RequiresIfMatch()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RecordsChangeAs("end-date-changed")
            .RequireScope(Scopes.PeopleWrite)
            .RequirePartyOf<PostHolding>(Resource);
        group.MapHistory<PostHolding, PostHoldingResponse>(Resource, HistoryViewAsync)
            .WithDescription("Every change the register recorded, oldest first, with the holding as it then stood. The holder is shown in no revision "
                + "to a caller who may not see the post's holders now. Paged like every list.")
            .RequireScope(Scopes.PeopleRead);
        return api;
    }

    /// <param name="id">The post.</param>
    /// <param name="on">Only the holdings in force on this day.</param>
    /// <param name="asOf">Answer as the register stood at this moment (UTC date-time).</param>
    public static async Task<Results<Ok<Page<PostHoldingResponse>>, ValidationProblem, ProblemHttpResult>> ListPostHolders(
        Guid id, DateOnly? on, DateTimeOffset? asOf, [AsParameters] PageQuery paging, RegisterDbContext db, RecordHistory history, HttpContext http,
        CancellationToken cancellationToken)
    {
        var page = PageRequest.From(paging);
        if (PageRequest.Validate(paging.Limit) is [_, ..] problems)
            return Problems.Validation(problems);
        if (!page.TryReadKey<HoldingCursor>(http.Request, out var after))
            return Problems.Validation([PageRequest.BadCursor]);
        var organisation = await db.Posts.Where(p => p.Id == id).Select(p => (Guid?)p.OrganisationId).FirstOrDefaultAsync(cancellationToken);
        if (organisation is null || !await StructureEndpoints.PostHeldAsync(id, asOf, db, history, cancellationToken))
            return Problems.NotFound(PostsEndpoints.Resource, id);
        var query = (asOf is { } moment ? await history.AsOfAsync<PostHolding>(moment, cancellationToken) : db.PostHoldings.AsNoTracking())
            .Where(h => h.PostId == id);
        if (on is { } day)
            query = query.Where(h => h.StartsOn <= day && (h.EndsOn == null || h.EndsOn >= day));
        if (after is not null)
            query = query.Where(h => EF.Functions.GreaterThan(ValueTuple.Create(h.StartsOn, h.Id), ValueTuple.Create(after.StartsOn, after.Id)));
        var rows = await query.OrderBy(h => h.StartsOn).ThenBy(h => h.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        var shown = await ShownAsync(rows, organisation.Value, http, db, cancellationToken);
        return TypedResults.Ok(page.ToPage(shown, h => new HoldingCursor(h.StartsOn, h.Id), http.Request));
    }

    public static async Task<Results<Created<PostHoldingResponse>, ValidationProblem, ProblemHttpResult>> CreatePostHolding(
        Guid id, PostHoldingRequest body, RegisterDbContext db, AccountabilityGraph graph, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (PostHolding.Check(id, body.HolderReference, body.Kind, body.StartsOn, body.EndsOn, body.ReturnsToPostId) is [_, ..] problems)
            return Problems.Validation(problems);
        var proposed = new ProposedHolding(null, id, body.HolderReference.Trim(), body.Kind, body.StartsOn, body.EndsOn, body.ReturnsToPostId);
        return await db.InTransactionAsync<Results<Created<PostHoldingResponse>, ValidationProblem, ProblemHttpResult>>(async token =>
        {
            // writers of a post's holdings, and the post's end, take turns: the posts are read under their locks
            await graph.LockPostsAsync(body.ReturnsToPostId is { } back ? [id, back] : [id], token);
            var post = await db.Posts.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, token);
            if (post is null)
                return Problems.NotFound(PostsEndpoints.Resource, id);
            if (await CheckAsync(proposed, post, db, token) is [_, ..] faults)
                return Problems.Validation(faults);
            var created = PostHolding.Create(id, proposed.HolderReference, proposed.Kind, proposed.StartsOn, proposed.EndsOn, proposed.ReturnsToPostId, clock.GetUtcNow());
            db.PostHoldings.Add(created);
            await db.SaveChangesAsync(token);
            ETags.Set(http.Response, created.Version);
            return TypedResults.Created(http.PathTo(nameof(GetPostHolding), new { id = created.Id }),
                (await ShownAsync([created], post.OrganisationId, http, db, token))[0]);
        }, cancellationToken);
    }

    /// <param name="asOf">Read the holding as the register held it at this moment (UTC date-time).</param>
    public static async Task<Results<Ok<PostHoldingResponse>, ProblemHttpResult>> GetPostHolding(
        Guid id, DateTimeOffset? asOf, RegisterDbContext db, RecordHistory history, HttpContext http, CancellationToken cancellationToken)
    {
        var source = asOf is { } moment ? await history.AsOfAsync<PostHolding>(moment, cancellationToken) : db.PostHoldings.AsNoTracking();
        var holding = await source.FirstOrDefaultAsync(h => h.Id == id, cancellationToken);
        if (holding is null)
            return Problems.NotFound(Resource, id);
        var organisation = await db.Posts.Where(p => p.Id == holding.PostId).Select(p => p.OrganisationId).FirstAsync(cancellationToken);
        if (asOf is null)
            ETags.Set(http.Response, holding.Version);
        return TypedResults.Ok((await ShownAsync([holding], organisation, http, db, cancellationToken))[0]);
    }

    public static async Task<Results<Ok<PostHoldingResponse>, ValidationProblem, ProblemHttpResult>> ChangePostHoldingEndDate(
        Guid id, HoldingEndDateRequest body, RegisterDbContext db, AccountabilityGraph graph, IMapper mapper, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        // the posts' locks first (the post held and the one returned to never change), as every writer of their holdings takes them
        var posts = await db.PostHoldings.Where(h => h.Id == id).Select(h => new { h.PostId, h.ReturnsToPostId }).FirstOrDefaultAsync(cancellationToken);
        return await RecordChanges.ChangeAsync<PostHolding, PostHoldingResponse>(db, id, Resource, http, mapper, async (holding, token) =>
        {
            if (holding.CheckEndDate(body.EndsOn) is [_, ..] problems)
                return problems;
            var before = ProposedHolding.Of(holding);
            var longer = holding.ChangeEndDate(body.EndsOn, clock.GetUtcNow());
            // a longer holding claims days it did not hold; an earlier end moves the day an acting holder returns
            if (longer || before.ReturnsToPostId is not null)
            {
                var post = await db.Posts.AsNoTracking().FirstAsync(p => p.Id == holding.PostId, token);
                return await CheckAsync(ProposedHolding.Of(holding), post, db, token);
            }
            return [];
        }, cancellationToken,
            first: token => posts is null ? Task.CompletedTask : graph.LockPostsAsync(posts.ReturnsToPostId is { } back ? [posts.PostId, back] : [posts.PostId], token),
            respond: async (holding, token) => (await ShownAsync([holding], await db.Posts.Where(p => p.Id == holding.PostId).Select(p => p.OrganisationId)
                .FirstAsync(token), http, db, token))[0]);
    }

    /// <summary>A holding's revisions, each holder shown only to a caller who may see the post's holders now.</summary>
    public static async Task<IReadOnlyList<PostHoldingResponse>?> HistoryViewAsync(Guid id, IReadOnlyList<(Revision Revision, PostHolding Record)> revisions,
        HttpContext http, CancellationToken cancellationToken)
    {
        if (revisions.Count == 0)
            return [];
        var db = http.RequestServices.GetRequiredService<RegisterDbContext>();
        var organisation = await db.Posts.Where(p => p.Id == revisions[0].Record.PostId).Select(p => p.OrganisationId).FirstAsync(cancellationToken);
        return await ShownAsync([.. revisions.Select(r => r.Record)], organisation, http, db, cancellationToken);
    }

    /// <summary>
    /// Loads what the rules ask about a holding as it would stand, and asks them: faults are returned (400), a broken rule thrown.
    /// The caller holds the locks that keep the answer true until the transaction commits (the post's, and the post returned to).
    /// </summary>
    private static async Task<IReadOnlyList<Domain.Common.RuleViolation>> CheckAsync(ProposedHolding holding, Post post, RegisterDbContext db,
        CancellationToken cancellationToken)
    {
        var returnsTo = holding.ReturnsToPostId is { } to ? await db.Posts.AsNoTracking().FirstOrDefaultAsync(p => p.Id == to, cancellationToken) : null;
        if (HoldingRules.Check(holding, post, returnsTo) is [_, ..] problems)
            return problems;
        var self = holding.Id ?? Guid.Empty;
        var overlapping = await db.PostHoldings.AsNoTracking()
            .Where(h => h.PostId == post.Id && h.Id != self && h.StartsOn <= (holding.EndsOn ?? DateOnly.MaxValue) && (h.EndsOn ?? DateOnly.MaxValue) >= holding.StartsOn)
            .ToListAsync(cancellationToken);
        var day = holding.ReturnDay;
        var atReturn = returnsTo is null ? new List<PostHolding>() : await db.PostHoldings.AsNoTracking()
            .Where(h => h.PostId == returnsTo.Id && h.StartsOn <= day && (h.EndsOn == null || h.EndsOn >= day)).ToListAsync(cancellationToken);
        HoldingRules.Ensure(holding, overlapping, atReturn);
        return [];
    }

    // each holding as the caller may see it: its holder, and the post it returns to (which points to the person), or neither
    private static async Task<List<PostHoldingResponse>> ShownAsync(IReadOnlyList<PostHolding> holdings, Guid organisation, HttpContext http, RegisterDbContext db,
        CancellationToken cancellationToken)
    {
        var mapper = http.RequestServices.GetRequiredService<IMapper>();
        var visible = await HolderVisibility.VisibleAsync(holdings.Select(h => new HeldPost(h.PostId, organisation, h.HolderReference)), http, db, cancellationToken);
        return [.. holdings.Select(h => mapper.Map<PostHoldingResponse>(h) is var response && visible.Contains(new HeldPost(h.PostId, organisation, h.HolderReference))
            ? response
            : response with { HolderReference = null, ReturnsToPostId = null })];
    }

    private sealed record HoldingCursor(DateOnly StartsOn, Guid Id);
}
