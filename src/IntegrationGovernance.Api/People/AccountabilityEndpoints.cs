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
/// Accountability lines between posts and boards (a board may be the accountable side too): recording, reading and ending them. The rules are the domain's
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
            .WithDescription("The accountable side is a post (`postId`) or a board (`fromBodyId`: a governance body, accountable by GovernanceReporting or "
                + "StatutoryDelegation only, never line-managed); it is accountable to a post (`toPostId`) or a body (`toBodyId`). "
                + "A post has at most one line manager at a time; hierarchies (line management, professional accountability, clinical supervision) "
                + "and governance reporting (between posts and boards) never run in a circle; day-to-day management (OperationalManagement) may stand beside "
                + "the line manager, by another post, in another organisation too; a line across organisations needs a basis agreement naming both, active for its "
                + "whole period (a board that is part of an organisation counts as that organisation, one part of none as itself); the line lies within the periods "
                + "of both posts, and of the board that is accountable. The caller acts for the accountable side's organisation (or the board itself).")
            .ReturnsETag()
            .RequireScope(Scopes.RegisterWrite)
            .WithMetadata(new PartyRule("post")); // checked in the handler, against the accountable post's organisation
        group.MapGet("/{id:guid}", GetAccountabilityLine)
            .WithName(nameof(GetAccountabilityLine))
            .WithSummary("Read one accountability line")
            .WithDescription("With `asOf`, the line as the register held it at that moment (no ETag: the past cannot be changed).")
            .ReturnsETag()
            .RequireScope(Scopes.RegisterRead);
        group.MapPost("/{id:guid}/end", EndAccountabilityLine)
            .WithSummary("End an accountability line on a date")
            .WithDescription("Records the line's last day, so another line (a new line manager, say) can begin the day after. Ending a line that had already "
                + "ended earlier brings it back for the days between, so it needs `extend: true`, and a longer line keeps every rule a new one must. "
                + "The caller acts for the accountable side's organisation (or the board itself). Requires If-Match.")
            .RequiresIfMatch()
            .RecordsChangeAs("ended")
            .RequireScope(Scopes.RegisterWrite)
            .WithMetadata(new PartyRule("post")); // checked in the handler, against the accountable post's organisation
        group.MapHistory<AccountabilityLine, AccountabilityLineResponse>(Resource)
            .RequireScope(Scopes.RegisterRead);
        api.MapGet("/posts/{id:guid}/lines", ListPostLines)
            .WithTags("People")
            .WithSummary("Every line from and to a post")
            .WithDescription("Ordered by start date then id, keyset-paged. With `asOf`, the lines as the register held them at that moment.")
            .RequireScope(Scopes.RegisterRead);
        return api;
    }

    public static async Task<Results<Created<AccountabilityLineResponse>, ValidationProblem, ProblemHttpResult>> CreateAccountabilityLine(
        AccountabilityLineRequest body, RegisterDbContext db, AccountabilityGraph graph, IMapper mapper, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        if ((body.PostId is null) == (body.FromBodyId is null))
            return Problems.Validation("$.postId", "Give exactly one of postId (a post) and fromBodyId (a board) as the accountable side.");
        var actingFor = await AccountableAsync(body.PostId, body.FromBodyId, db, cancellationToken);
        if (actingFor.Count == 0)
            return body.PostId is null ? Problems.Validation("$.fromBodyId", "No organisation or board with this id.") : Problems.Validation("$.postId", "No post with this id.");
        if (!await AccessRuleExtensions.ActsForAnyAsync(http, actingFor, cancellationToken))
            return AccessRuleExtensions.NotAParty("post");

        var line = new ProposedLine(null, body.PostId, body.ToPostId, body.ToBodyId, body.Kind, body.StartsOn, body.EndsOn, body.BasisAgreementId, body.FromBodyId);
        return await db.InTransactionAsync<Results<Created<AccountabilityLineResponse>, ValidationProblem, ProblemHttpResult>>(async token =>
        {
            if (await CheckAsync(line, db, graph, token) is [_, ..] problems)
                return Problems.Validation(problems);
            var recorded = AccountabilityLine.Create(line.PostId, line.ToPostId, line.ToBodyId, line.Kind, line.StartsOn, line.EndsOn, line.BasisAgreementId, clock.GetUtcNow(),
                line.FromBodyId);
            db.AccountabilityLines.Add(recorded);
            await db.SaveChangesAsync(token);
            ETags.Set(http.Response, recorded.Version);
            return TypedResults.Created(http.PathTo(nameof(GetAccountabilityLine), new { id = recorded.Id }), mapper.Map<AccountabilityLineResponse>(recorded));
        }, cancellationToken);
    }

    /// <param name="asOf">Read the line as the register held it at this moment (UTC date-time).</param>
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
        var sides = await db.AccountabilityLines.Where(l => l.Id == id).Select(l => new { l.PostId, l.FromBodyId }).FirstOrDefaultAsync(cancellationToken);
        // only the accountable side's organisation ends its lines; a line that is not there is answered 404 below
        if (sides is not null && !await AccessRuleExtensions.ActsForAnyAsync(http, await AccountableAsync(sides.PostId, sides.FromBodyId, db, cancellationToken),
                cancellationToken))
            return AccessRuleExtensions.NotAParty("post");
        return await RecordChanges.ChangeAsync<AccountabilityLine, AccountabilityLineResponse>(db, id, Resource, http, mapper, async (line, token) =>
        {
            if (line.CheckEnd(body.EndsOn) is [_, ..] problems)
                return problems;
            // a longer line claims days it did not hold: it keeps every rule a new line keeps, over its whole new period
            return line.End(body.EndsOn, body.Extend) ? await CheckAsync(ProposedLine.Of(line), db, graph, token) : [];
        }, cancellationToken);
    }

    /// <param name="id">The post.</param>
    /// <param name="asOf">The lines as the register held them at this moment (UTC date-time).</param>
    public static async Task<Results<Ok<Page<AccountabilityLineResponse>>, ValidationProblem, ProblemHttpResult>> ListPostLines(
        Guid id, DateTimeOffset? asOf, [AsParameters] PageQuery paging, RegisterDbContext db, RecordHistory history, IMapper mapper,
        HttpRequest request, CancellationToken cancellationToken)
    {
        var page = PageRequest.From(paging);
        if (PageRequest.Validate(paging.Limit) is [_, ..] problems)
            return Problems.Validation(problems);
        if (!page.TryReadKey<LineCursor>(request, out var after))
            return Problems.Validation([PageRequest.BadCursor]);
        if (!await StructureEndpoints.PostHeldAsync(id, asOf, db, history, cancellationToken))
            return Problems.NotFound(PostsEndpoints.Resource, id);
        var source = asOf is { } moment ? await history.AsOfAsync<AccountabilityLine>(moment, cancellationToken) : db.AccountabilityLines.AsNoTracking();
        var lines = source.Where(l => l.PostId == id || l.ToPostId == id);
        if (after is not null)
            lines = lines.Where(l => EF.Functions.GreaterThan(ValueTuple.Create(l.StartsOn, l.Id), ValueTuple.Create(after.StartsOn, after.Id)));
        var rows = await lines.OrderBy(l => l.StartsOn).ThenBy(l => l.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(page.ToPage(mapper.Map<List<AccountabilityLineResponse>>(rows), l => new LineCursor(l.StartsOn, l.Id), request));
    }

    private sealed record LineCursor(DateOnly StartsOn, Guid Id);

    /// <summary>
    /// The organisations acting for which a caller records or ends a line from this side: the post's organisation, or the
    /// board and the organisation it is part of. Empty when the post or board is not there.
    /// </summary>
    private static async Task<List<Guid>> AccountableAsync(Guid? postId, Guid? fromBodyId, RegisterDbContext db, CancellationToken cancellationToken)
    {
        if (postId is { } post)
            return await db.Posts.Where(p => p.Id == post).Select(p => p.OrganisationId).Take(1).ToListAsync(cancellationToken);
        var board = await db.Organisations.Where(o => o.Id == fromBodyId).Select(o => new { o.Id, o.PartOfId }).FirstOrDefaultAsync(cancellationToken);
        return board is null ? [] : board.PartOfId is { } owner ? [board.Id, owner] : [board.Id];
    }

    /// <summary>
    /// Loads what the rules ask about a line as it would stand, under the locks that keep the answer true until the
    /// transaction commits, and asks them: the line's own faults are returned (400), a broken rule of the register is thrown.
    /// </summary>
    private static async Task<IReadOnlyList<RuleViolation>> CheckAsync(ProposedLine line, RegisterDbContext db, AccountabilityGraph graph, CancellationToken cancellationToken)
    {
        // one kind's lines, then the posts joined, each in one order for every writer
        await graph.LockAsync(line.Kind, cancellationToken);
        await graph.LockPostsAsync(new[] { line.PostId, line.ToPostId }.OfType<Guid>(), cancellationToken);
        var posts = await db.Posts.AsNoTracking().Where(p => p.Id == line.PostId || p.Id == line.ToPostId).ToListAsync(cancellationToken);
        var post = posts.FirstOrDefault(p => p.Id == line.PostId);
        var toPost = posts.FirstOrDefault(p => p.Id == line.ToPostId && p.Id != line.PostId);
        var bodies = await db.Organisations.AsNoTracking().Where(o => o.Id == line.FromBodyId || o.Id == line.ToBodyId).ToListAsync(cancellationToken);
        var fromBody = bodies.FirstOrDefault(o => o.Id == line.FromBodyId);
        var board = bodies.FirstOrDefault(o => o.Id == line.ToBodyId);
        if (AccountabilityRules.Check(line, post, fromBody, toPost, board is not null) is [_, ..] problems)
            return problems;
        // a board that is part of an organisation (a CCG's committee) counts as it; a partnership board of none, as none
        var (from, to) = (AccountabilityRules.SideOrganisation(post, fromBody), AccountabilityRules.SideOrganisation(toPost, board));

        var self = line.Id ?? Guid.Empty;
        var lines = db.AccountabilityLines.AsNoTracking()
            .Where(l => l.Id != self && l.StartsOn <= (line.EndsOn ?? DateOnly.MaxValue) && (l.EndsOn ?? DateOnly.MaxValue) >= line.StartsOn);
        var overlapping = await (line.PostId is { } accountablePost ? lines.Where(l => l.PostId == accountablePost) : lines.Where(l => l.FromBodyId == line.FromBodyId))
            .ToListAsync(cancellationToken);
        var closesCycle = AccountabilityRules.MayCloseCycle(line)
            && await graph.WouldCloseCycleAsync(line.From, line.To, line.Kind, line.StartsOn, line.EndsOn, cancellationToken);
        var basis = line.BasisAgreementId is { } agreement
            ? await db.Agreements.AsNoTracking().FirstOrDefaultAsync(a => a.Id == agreement, cancellationToken)
            : null;
        AccountabilityRules.Ensure(line, from, to, overlapping, closesCycle, basis);
        return [];
    }
}
