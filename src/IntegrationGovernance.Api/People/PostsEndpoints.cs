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
/// Posts: roles in organisations. Holders are personal data (see <see cref="HolderVisibility"/>), recorded as dated holdings
/// (<see cref="PostHoldersEndpoints"/>); naming one needs people:write.
/// </summary>
public static class PostsEndpoints
{
    public const string Resource = "post";

    public static RouteGroupBuilder MapPostsEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/posts").WithTags("People");
        group.MapPost("/", CreatePost)
            .WithSummary("Create a post in an organisation")
            .WithDescription("The caller must act for the organisation. Naming a `holderReference` also needs the people:write scope: it is recorded as the "
                + "post's substantive holder for its whole period (a holding, see `/posts/{id}/holders`).")
            .ReturnsETag()
            .RequireScope(Scopes.RegisterWrite)
            .WithMetadata(new PartyRule("organisation")); // checked in the handler, against the organisation in the body
        group.MapGet("/{id:guid}", GetPost)
            .WithName(nameof(GetPost))
            .WithSummary("Read one post")
            .WithDescription("`holderReference` is the holder in force on the day read, from the post's holdings (`/holders`): an acting or interim "
                + "holder covering the post before its substantive holder, and for an ended post its holder on its last day; `holderKind` says how they hold it. "
                + "It is personal data: null unless the token has people:read and acts for the post's organisation, for an organisation the post is "
                + "jointly held for, or for the other party to a secondment of its holder (or is an admin). With `asOf`, the post as the register "
                + "held it then (no ETag), its holder the one in force on the day it then was, shown only to a caller who may see that holder now.")
            .ReturnsETag()
            .RequireScope(Scopes.RegisterRead);
        group.MapPost("/{id:guid}/end", EndPost)
            .WithSummary("End a post on a date")
            .WithDescription("Records the post's last day. Refused (409) while a line from or to the post, a secondment placed in it or a joint arrangement "
                + "of it runs past that day, or a holding of it starts after it (or an acting holder elsewhere returns to it after it): the refusal names them, "
                + "and each is ended by its own change first. The post's holdings running past the day end with it, on that day, each in its own history. "
                + "Ending a post that had already ended earlier brings it back for the days between, so it needs `extend: true`. The caller acts for the "
                + "post's organisation (its employer; an organisation it is jointly held for ends its joint arrangement instead). Requires If-Match.")
            .RequiresIfMatch()
            .RecordsChangeAs("ended")
            .RequireScope(Scopes.RegisterWrite)
            .RequirePartyOf<Post>(Resource);
        group.MapPost("/{id:guid}/changes", ChangePost)
            .WithSummary("Change a post's title or team from a date")
            .WithDescription("Before the date the post keeps the title and team it had; from it, the new ones, until the next change recorded after it. "
                + "Structures and chains on any date read the title of that day. The caller acts for the post's organisation (its employer). Requires If-Match.")
            .RequiresIfMatch()
            .RecordsChangeAs("retitled")
            .RequireScope(Scopes.RegisterWrite)
            .RequirePartyOf<Post>(Resource);
        group.MapHistory<Post, PostResponse>(Resource, PostHolders.HistoryViewAsync)
            .WithDescription("Every change the register recorded, oldest first, with the post as it then stood, and the holder a read would then have "
                + "answered (from the holdings as they stood). A holder is shown only to a caller who may see that holder now (see GetPost); for anyone "
                + "else it is null in every revision. The holdings' own changes are in each holding's history. Paged like every list.")
            .RequireScope(Scopes.RegisterRead);
        return api;
    }

    public static async Task<Results<Created<PostResponse>, ValidationProblem, ProblemHttpResult>> CreatePost(
        PostRequest body, RegisterDbContext db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == body.OrganisationId, cancellationToken);
        if (organisation is null)
            return Problems.Validation("$.organisationId", "No organisation with this id.");
        if (!await AccessRuleExtensions.ActsForAnyAsync(http, [organisation.Id], cancellationToken))
            return AccessRuleExtensions.NotAParty("organisation");
        if (body.HolderReference is not null && !http.User.HasScope(Scopes.PeopleWrite))
            return TypedResults.Problem("Naming who holds a post is recording personal data: it needs the people:write scope.",
                title: "The token does not allow this.", statusCode: StatusCodes.Status403Forbidden, type: ProblemTypes.ForRule("forbidden"));
        if (Post.Check(body.Title, body.Team, body.HolderReference, body.StartsOn, body.EndsOn) is [_, ..] problems)
            return Problems.Validation(problems);
        var post = await db.InTransactionAsync(async token =>
        {
            var created = Post.Create(organisation.Id, body.Title, body.Team, body.HolderReference, body.StartsOn, body.EndsOn, clock.GetUtcNow());
            db.Posts.Add(created);
            if (PostHolding.FirstOf(created, clock.GetUtcNow()) is { } first)
                db.PostHoldings.Add(first);
            await db.SaveChangesAsync(token);
            return created;
        }, cancellationToken);
        ETags.Set(http.Response, post.Version);
        return TypedResults.Created(http.PathTo(nameof(GetPost), new { id = post.Id }), await PostHolders.ResponseAsync(post, null, http, cancellationToken));
    }

    /// <param name="asOf">Read the post as the register held it at this moment (UTC date-time).</param>
    public static async Task<Results<Ok<PostResponse>, ProblemHttpResult>> GetPost(
        Guid id, DateTimeOffset? asOf, RegisterDbContext db, RecordHistory history, HttpContext http, CancellationToken cancellationToken)
    {
        var source = asOf is { } moment ? await history.AsOfAsync<Post>(moment, cancellationToken) : db.Posts.AsNoTracking();
        var post = await source.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (post is null)
            return Problems.NotFound(Resource, id);
        if (asOf is null)
            ETags.Set(http.Response, post.Version);
        return TypedResults.Ok(await PostHolders.ResponseAsync(post, asOf, http, cancellationToken));
    }

    public static Task<Results<Ok<PostResponse>, ValidationProblem, ProblemHttpResult>> EndPost(
        Guid id, EndRequest body, RegisterDbContext db, AccountabilityGraph graph, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken) =>
        ChangeAsync(id, db, http, cancellationToken, async (post, token) =>
        {
            if (post.CheckEnd(body.EndsOn) is [_, ..] problems)
                return problems;
            var lines = await db.AccountabilityLines.AsNoTracking()
                .Where(l => (l.PostId == post.Id || l.ToPostId == post.Id) && (l.EndsOn == null || l.EndsOn > body.EndsOn)).ToListAsync(token);
            var placements = await db.Secondments.AsNoTracking()
                .Where(s => s.HostPostId == post.Id && (s.EndsOn == null || s.EndsOn > body.EndsOn)).ToListAsync(token);
            // tracked: those of the post running past the day end with it
            var holdings = await db.PostHoldings
                .Where(h => (h.PostId == post.Id || h.ReturnsToPostId == post.Id) && (h.EndsOn == null || h.EndsOn >= body.EndsOn)).ToListAsync(token);
            var arrangements = await db.JointArrangements.AsNoTracking()
                .Where(a => a.PostId == post.Id && (a.EndsOn == null || a.EndsOn > body.EndsOn)).ToListAsync(token);
            post.End(body.EndsOn, body.Extend, lines, placements, holdings, arrangements, clock.GetUtcNow());
            return [];
        }, first: token => graph.LockPostsAsync([id], token)); // a line, secondment, holding or arrangement recorded meanwhile waits, so none slips past the end checked

    public static Task<Results<Ok<PostResponse>, ValidationProblem, ProblemHttpResult>> ChangePost(
        Guid id, PostChangeRequest body, RegisterDbContext db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (Post.CheckChange(body.Title, body.Team) is [_, ..] problems)
            return Task.FromResult<Results<Ok<PostResponse>, ValidationProblem, ProblemHttpResult>>(Problems.Validation(problems));
        return ChangeAsync(id, db, http, cancellationToken, (post, _) =>
        {
            post.ChangeTitle(body.EffectiveOn, body.Title, body.Team, clock.GetUtcNow());
            return Task.FromResult<IReadOnlyList<Domain.Common.RuleViolation>>([]);
        });
    }

    // every change to a post is its employer's (an organisation it is jointly held for is a party to it, and reads it, but
    // changes only its joint arrangement), and answers with the post as this caller may see it
    private static async Task<Results<Ok<PostResponse>, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        Guid id, RegisterDbContext db, HttpContext http, CancellationToken cancellationToken,
        Func<Post, CancellationToken, Task<IReadOnlyList<Domain.Common.RuleViolation>>> change, Func<CancellationToken, Task>? first = null)
    {
        var employer = await db.Posts.Where(p => p.Id == id).Select(p => (Guid?)p.OrganisationId).FirstOrDefaultAsync(cancellationToken);
        if (employer is { } owner && !await AccessRuleExtensions.ActsForAnyAsync(http, [owner], cancellationToken))
            return AccessRuleExtensions.NotAParty(Resource);
        return await RecordChanges.ChangeAsync<Post, PostResponse>(db, id, Resource, http, http.RequestServices.GetRequiredService<IMapper>(), change, cancellationToken,
            first, respond: (post, token) => PostHolders.ResponseAsync(post, null, http, token));
    }
}
