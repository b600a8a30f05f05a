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
/// Joint posts: a post held for another organisation too, under an agreement between them. The rules are the domain's
/// (<see cref="JointArrangement"/>, resting on its agreement as a line across organisations does, <see cref="PlacementBasis.ForJointPost"/>).
/// </summary>
public static class JointArrangementsEndpoints
{
    public const string Resource = "joint arrangement";

    public static RouteGroupBuilder MapJointArrangementsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/posts/{id:guid}/joint-arrangements", ListJointArrangements)
            .WithTags("People")
            .WithSummary("The organisations a post is held for besides its employer (a joint post)")
            .WithDescription("Every joint arrangement of the post, oldest first. With `asOf`, as the register stood then.")
            .RequireScope(Scopes.RegisterRead);
        api.MapPost("/posts/{id:guid}/joint-arrangements", CreateJointArrangement)
            .WithTags("People")
            .WithSummary("Record that a post is held for another organisation too, under an agreement")
            .WithDescription("The post is then a joint post: shown in both organisations' structures on the days it runs, marked with the agreement. "
                + "The agreement is checked as a line across organisations is: active and naming both on every day (a successor from its novation); "
                + "under section 113 the employer is a Provider, whose officer is placed at the disposal of the Host (422 `basis-agreement-required`). "
                + "Not twice for one organisation over overlapping days (409 `duplicate-joint-arrangement`). The caller acts for the post's organisation.")
            .ReturnsETag()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireScope(Scopes.RegisterWrite)
            .WithMetadata(new PartyRule(PostsEndpoints.Resource)); // checked in the handler, against the post's employer
        var group = api.MapGroup("/joint-arrangements").WithTags("People");
        group.MapGet("/{id:guid}", GetJointArrangement)
            .WithName(nameof(GetJointArrangement))
            .WithSummary("Read one joint arrangement")
            .WithDescription("With `asOf`, as the register held it then (no ETag).")
            .ReturnsETag()
            .RequireScope(Scopes.RegisterRead);
        group.MapPost("/{id:guid}/end", EndJointArrangement)
            .WithSummary("End a joint arrangement on a date")
            .WithDescription("From the day after, the post is its employer's alone. Ending one that had already ended earlier brings it back for the days "
                + "between, so it needs `extend: true`, and a longer arrangement rests on its agreement for its whole new period. The caller acts for "
                + "either organisation. Requires If-Match.")
            .RequiresIfMatch()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RecordsChangeAs("ended")
            .RequireScope(Scopes.RegisterWrite)
            .RequirePartyOf<JointArrangement>(Resource);
        group.MapHistory<JointArrangement, JointArrangementResponse>(Resource)
            .RequireScope(Scopes.RegisterRead);
        return api;
    }

    /// <param name="asOf">The arrangements as the register held them at this moment (UTC date-time).</param>
    public static async Task<Results<Ok<Page<JointArrangementResponse>>, ValidationProblem, ProblemHttpResult>> ListJointArrangements(
        Guid id, DateTimeOffset? asOf, [AsParameters] PageQuery paging, RegisterDbContext db, RecordHistory history, IMapper mapper, HttpRequest request,
        CancellationToken cancellationToken)
    {
        var page = PageRequest.From(paging);
        if (PageRequest.Validate(paging.Limit) is [_, ..] problems)
            return Problems.Validation(problems);
        if (!page.TryReadKey<ArrangementCursor>(request, out var after))
            return Problems.Validation([PageRequest.BadCursor]);
        if (!await StructureEndpoints.PostHeldAsync(id, asOf, db, history, cancellationToken))
            return Problems.NotFound(PostsEndpoints.Resource, id);
        var source = (asOf is { } moment ? await history.AsOfAsync<JointArrangement>(moment, cancellationToken) : db.JointArrangements.AsNoTracking())
            .Where(a => a.PostId == id);
        if (after is not null)
            source = source.Where(a => EF.Functions.GreaterThan(ValueTuple.Create(a.StartsOn, a.Id), ValueTuple.Create(after.StartsOn, after.Id)));
        var rows = await source.OrderBy(a => a.StartsOn).ThenBy(a => a.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(page.ToPage(mapper.Map<List<JointArrangementResponse>>(rows), a => new ArrangementCursor(a.StartsOn, a.Id), request));
    }

    private sealed record ArrangementCursor(DateOnly StartsOn, Guid Id);

    public static async Task<Results<Created<JointArrangementResponse>, ValidationProblem, ProblemHttpResult>> CreateJointArrangement(
        Guid id, JointArrangementRequest body, RegisterDbContext db, AccountabilityGraph graph, IMapper mapper, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var employer = await db.Posts.Where(p => p.Id == id).Select(p => (Guid?)p.OrganisationId).FirstOrDefaultAsync(cancellationToken);
        if (employer is null)
            return Problems.NotFound(PostsEndpoints.Resource, id);
        if (!await AccessRuleExtensions.ActsForAnyAsync(http, [employer.Value], cancellationToken))
            return AccessRuleExtensions.NotAParty(PostsEndpoints.Resource);
        return await db.InTransactionAsync<Results<Created<JointArrangementResponse>, ValidationProblem, ProblemHttpResult>>(async token =>
        {
            // the post is not ended meanwhile (EndPost takes the same lock)
            await graph.LockPostsAsync([id], token);
            var post = await db.Posts.AsNoTracking().FirstAsync(p => p.Id == id, token);
            var known = await db.Organisations.AnyAsync(o => o.Id == body.OrganisationId, token);
            if (JointArrangement.Check(post, body.OrganisationId, known, body.StartsOn, body.EndsOn) is [_, ..] problems)
                return Problems.Validation(problems);
            var basis = await db.Agreements.AsNoTracking().FirstOrDefaultAsync(a => a.Id == body.BasisAgreementId, token);
            var existing = await db.JointArrangements.AsNoTracking().Where(a => a.PostId == id && a.OrganisationId == body.OrganisationId).ToListAsync(token);
            JointArrangement.Ensure(post, body.OrganisationId, body.StartsOn, body.EndsOn, basis, existing);
            var created = JointArrangement.Create(id, body.OrganisationId, body.BasisAgreementId, body.StartsOn, body.EndsOn, clock.GetUtcNow());
            db.JointArrangements.Add(created);
            await db.SaveChangesAsync(token);
            ETags.Set(http.Response, created.Version);
            return TypedResults.Created(http.PathTo(nameof(GetJointArrangement), new { id = created.Id }), mapper.Map<JointArrangementResponse>(created));
        }, cancellationToken);
    }

    /// <param name="asOf">Read the arrangement as the register held it at this moment (UTC date-time).</param>
    public static async Task<Results<Ok<JointArrangementResponse>, ProblemHttpResult>> GetJointArrangement(
        Guid id, DateTimeOffset? asOf, RegisterDbContext db, RecordHistory history, IMapper mapper, HttpResponse response, CancellationToken cancellationToken)
    {
        var source = asOf is { } moment ? await history.AsOfAsync<JointArrangement>(moment, cancellationToken) : db.JointArrangements.AsNoTracking();
        var arrangement = await source.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (arrangement is null)
            return Problems.NotFound(Resource, id);
        if (asOf is null)
            ETags.Set(response, arrangement.Version);
        return TypedResults.Ok(mapper.Map<JointArrangementResponse>(arrangement));
    }

    public static async Task<Results<Ok<JointArrangementResponse>, ValidationProblem, ProblemHttpResult>> EndJointArrangement(
        Guid id, EndRequest body, RegisterDbContext db, AccountabilityGraph graph, IMapper mapper, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var postId = await db.JointArrangements.Where(a => a.Id == id).Select(a => (Guid?)a.PostId).FirstOrDefaultAsync(cancellationToken);
        return await RecordChanges.ChangeAsync<JointArrangement, JointArrangementResponse>(db, id, Resource, http, mapper, async (arrangement, token) =>
        {
            if (arrangement.CheckEnd(body.EndsOn) is [_, ..] problems)
                return problems;
            if (!arrangement.End(body.EndsOn, body.Extend, clock.GetUtcNow()))
                return [];
            // a longer arrangement claims days it did not hold: within the post, on its agreement, for its whole new period
            var post = await db.Posts.AsNoTracking().FirstAsync(p => p.Id == arrangement.PostId, token);
            if (JointArrangement.Check(post, arrangement.OrganisationId, true, arrangement.StartsOn, arrangement.EndsOn) is [_, ..] faults)
                return faults;
            var basis = await db.Agreements.AsNoTracking().FirstOrDefaultAsync(a => a.Id == arrangement.BasisAgreementId, token);
            var others = await db.JointArrangements.AsNoTracking().Where(a => a.PostId == arrangement.PostId && a.OrganisationId == arrangement.OrganisationId).ToListAsync(token);
            JointArrangement.Ensure(post, arrangement.OrganisationId, arrangement.StartsOn, arrangement.EndsOn, basis, others, arrangement.Id);
            return [];
        }, cancellationToken, first: token => postId is { } post ? graph.LockPostsAsync([post], token) : Task.CompletedTask);
    }
}
