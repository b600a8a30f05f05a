using AutoMapper;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.OpenApi;
using IntegrationGovernance.Api.RecordKeeping;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Domain.Common;
using IntegrationGovernance.Domain.People;
using IntegrationGovernance.Infrastructure.People;
using IntegrationGovernance.Infrastructure.Persistence;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Api.People;

/// <summary>
/// Accountability lines between posts and boards: recording, reading and ending them. The rules are the domain's
/// (<see cref="AccountabilityRules"/>); these handlers load what the rules ask about, call them and map the answer.
/// The questions asked of many lines at once (chains, reports, structures) are in <see cref="StructureEndpoints"/>.
/// </summary>
public static class AccountabilityEndpoints
{
    public const string Resource = "accountability line";

    public static RouteGroupBuilder MapAccountabilityEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/accountability-lines").WithTags("People");
        group.MapPost("/", CreateAccountabilityLine)
            .WithSummary("Record an accountability line")
            .WithDescription("A post has at most one line manager at a time; hierarchies (line management, professional accountability, clinical supervision) "
                + "never run in a circle; day-to-day management (OperationalManagement) may stand beside the line manager, by another post, in another organisation too; "
                + "a line across organisations needs a basis agreement naming both, active for its whole period (a board that is part of an organisation counts as that organisation); "
                + "the line lies within the periods of both posts. The caller acts for the accountable post's organisation.")
            .ReturnsETag()
            .RequireScope(Scopes.RegisterWrite)
            .WithMetadata(new PartyRule("post")); // checked in the handler, against the accountable post's organisation
        group.MapGet("/{id:guid}", GetAccountabilityLine)
            .WithSummary("Read one accountability line")
            .WithDescription("With `asOf`, the line as the register held it at that moment (no ETag: the past cannot be changed).")
            .ReturnsETag()
            .RequireScope(Scopes.RegisterRead);
        group.MapPost("/{id:guid}/end", EndAccountabilityLine)
            .WithSummary("End an accountability line on a date")
            .WithDescription("Records the line's last day, so another line (a new line manager, say) can begin the day after. Ending a line that had already "
                + "ended earlier brings it back for the days between, so it needs `extend: true`, and a longer line keeps every rule a new one must. "
                + "The caller acts for the accountable post's organisation. Requires If-Match.")
            .RequiresIfMatch()
            .RecordsChangeAs("ended")
            .RequireScope(Scopes.RegisterWrite)
            .WithMetadata(new PartyRule("post")); // checked in the handler, against the accountable post's organisation
        group.MapHistory<AccountabilityLine, AccountabilityLineResponse>(Resource)
            .RequireScope(Scopes.RegisterRead);
        api.MapGet("/posts/{id:guid}/lines", ListPostLines)
            .ListsAtMost(PageRequest.MaxLimit, refusesMore: true)
            .WithTags("People")
            .WithSummary("Every line from and to a post")
            .WithDescription("With `asOf`, the lines as the register held them at that moment.")
            .RequireScope(Scopes.RegisterRead);
        return api;
    }

    public static async Task<Results<Created<AccountabilityLineResponse>, ValidationProblem, ProblemHttpResult>> CreateAccountabilityLine(
        AccountabilityLineRequest body, RegisterDbContext db, AccountabilityGraph graph, IMapper mapper, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var organisation = await db.Posts.Where(p => p.Id == body.PostId).Select(p => (Guid?)p.OrganisationId).FirstOrDefaultAsync(cancellationToken);
        if (organisation is null)
            return Problems.Validation("$.postId", "No post with this id.");
        if (!await AccessRuleExtensions.ActsForAnyAsync(http, [organisation.Value], cancellationToken))
            return AccessRuleExtensions.NotAParty("post");

        var line = new ProposedLine(null, body.PostId, body.ToPostId, body.ToBodyId, body.Kind, body.StartsOn, body.EndsOn, body.BasisAgreementId);
        return await db.InTransactionAsync<Results<Created<AccountabilityLineResponse>, ValidationProblem, ProblemHttpResult>>(async token =>
        {
            if (await CheckAsync(line, db, graph, token) is [_, ..] problems)
                return Problems.Validation(problems);
            var recorded = AccountabilityLine.Create(line.PostId, line.ToPostId, line.ToBodyId, line.Kind, line.StartsOn, line.EndsOn, line.BasisAgreementId, clock.GetUtcNow());
            db.AccountabilityLines.Add(recorded);
            await db.SaveChangesAsync(token);
            ETags.Set(http.Response, recorded.Version);
            return TypedResults.Created($"{http.Request.PathBase}/api/v1/accountability-lines/{recorded.Id}", mapper.Map<AccountabilityLineResponse>(recorded));
        }, cancellationToken);
    }

    /// <param name="id"></param>
    /// <param name="asOf">Read the line as the register held it at this moment (UTC date-time).</param>
    /// <param name="db"></param>
    /// <param name="history"></param>
    /// <param name="mapper"></param>
    /// <param name="response"></param>
    /// <param name="cancellationToken"></param>
    public static async Task<Results<Ok<AccountabilityLineResponse>, ProblemHttpResult>> GetAccountabilityLine(
        Guid id, DateTimeOffset? asOf, RegisterDbContext db, RecordHistory history, IMapper mapper, HttpResponse response, CancellationToken cancellationToken)
    {
        var source = asOf is { } moment ? await history.AsOfAsync<AccountabilityLine>(moment, cancellationToken) : db.AccountabilityLines.AsNoTracking();
        var line = await source.FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (line is null)
            return Problems.NotFound(Resource, id);
        if (asOf is null)
            ETags.Set(response, line.Version);
        return TypedResults.Ok(mapper.Map<AccountabilityLineResponse>(line));
    }

    public static async Task<Results<Ok<AccountabilityLineResponse>, ValidationProblem, ProblemHttpResult>> EndAccountabilityLine(
        Guid id, EndRequest body, RegisterDbContext db, AccountabilityGraph graph, IMapper mapper, HttpContext http, CancellationToken cancellationToken)
    {
        var organisation = await db.AccountabilityLines.Where(l => l.Id == id)
            .Join(db.Posts, l => l.PostId, p => p.Id, (l, p) => (Guid?)p.OrganisationId).FirstOrDefaultAsync(cancellationToken);
        // only the accountable post's organisation ends its lines; a line that is not there is answered 404 below
        if (organisation is { } accountable && !await AccessRuleExtensions.ActsForAnyAsync(http, [accountable], cancellationToken))
            return AccessRuleExtensions.NotAParty("post");
        return await RecordChanges.ChangeAsync<AccountabilityLine, AccountabilityLineResponse>(db, id, Resource, http, mapper, async (line, token) =>
        {
            if (line.CheckEnd(body.EndsOn) is [_, ..] problems)
                return problems;
            // a longer line claims days it did not hold: it keeps every rule a new line keeps, over its whole new period
            return line.End(body.EndsOn, body.Extend) ? await CheckAsync(ProposedLine.Of(line), db, graph, token) : [];
        }, cancellationToken);
    }

    /// <param name="id"></param>
    /// <param name="asOf">The lines as the register held them at this moment (UTC date-time).</param>
    /// <param name="db"></param>
    /// <param name="history"></param>
    /// <param name="mapper"></param>
    /// <param name="cancellationToken"></param>
    public static async Task<Results<Ok<List<AccountabilityLineResponse>>, ProblemHttpResult>> ListPostLines(
        Guid id, DateTimeOffset? asOf, RegisterDbContext db, RecordHistory history, IMapper mapper, CancellationToken cancellationToken)
    {
        if (!await StructureEndpoints.PostHeldAsync(id, asOf, db, history, cancellationToken))
            return Problems.NotFound(PostsEndpoints.Resource, id);
        var source = asOf is { } moment ? await history.AsOfAsync<AccountabilityLine>(moment, cancellationToken) : db.AccountabilityLines.AsNoTracking();
        if (await PageRequest.AtMostAsync(source.Where(l => l.PostId == id || l.ToPostId == id).OrderBy(l => l.StartsOn).ThenBy(l => l.Id), cancellationToken)
            is not { } lines)
            return PageRequest.TooLong("lines of this post");
        return TypedResults.Ok(mapper.Map<List<AccountabilityLineResponse>>(lines));
    }

    /// <summary>
    /// Loads what the rules ask about a line as it would stand, under the locks that keep the answer true until the
    /// transaction commits, and asks them: the line's own faults are returned (400), a broken rule of the register is thrown.
    /// </summary>
    private static async Task<IReadOnlyList<RuleViolation>> CheckAsync(ProposedLine line, RegisterDbContext db, AccountabilityGraph graph, CancellationToken cancellationToken)
    {
        // one kind's lines, then the posts joined, each in one order for every writer
        await graph.LockAsync(line.Kind, cancellationToken);
        await graph.LockPostsAsync(line.ToPostId is { } to ? [line.PostId, to] : [line.PostId], cancellationToken);
        var posts = await db.Posts.AsNoTracking().Where(p => p.Id == line.PostId || p.Id == line.ToPostId).ToListAsync(cancellationToken);
        var post = posts.First(p => p.Id == line.PostId);
        var toPost = posts.FirstOrDefault(p => p.Id == line.ToPostId && p.Id != line.PostId);
        var board = line.ToBodyId is { } body ? await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == body, cancellationToken) : null;
        // a board that is part of an organisation (a CCG's committee) answers for it
        var boardAnswersFor = board is null ? (Guid?)null : board.PartOfId ?? board.Id;
        if (AccountabilityRules.Check(line, post, toPost, board is not null) is [_, ..] problems)
            return problems;

        var self = line.Id ?? Guid.Empty;
        var overlapping = await db.AccountabilityLines.AsNoTracking()
            .Where(l => l.PostId == line.PostId && l.Id != self && l.StartsOn <= (line.EndsOn ?? DateOnly.MaxValue) && (l.EndsOn ?? DateOnly.MaxValue) >= line.StartsOn)
            .ToListAsync(cancellationToken);
        var closesCycle = AccountabilityRules.MayCloseCycle(line)
            && await graph.WouldCloseCycleAsync(line.PostId, line.ToPostId!.Value, line.Kind, line.StartsOn, line.EndsOn, cancellationToken);
        var basis = AccountabilityRules.TargetOrganisation(line, toPost, boardAnswersFor) != post.OrganisationId && line.BasisAgreementId is { } agreement
            ? await db.Agreements.AsNoTracking().FirstOrDefaultAsync(a => a.Id == agreement, cancellationToken)
            : null;
        AccountabilityRules.Ensure(line, post, toPost, overlapping, closesCycle, basis, boardAnswersFor);
        return [];
    }
}
