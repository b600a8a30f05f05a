using AutoMapper;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Domain.Common;
using IntegrationGovernance.Domain.People;
using IntegrationGovernance.Infrastructure.People;
using IntegrationGovernance.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Api.People;

/// <summary>Accountability lines between posts and boards, and the questions asked of them.</summary>
public static class AccountabilityEndpoints
{
    public static RouteGroupBuilder MapAccountabilityEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/accountability-lines", CreateAccountabilityLine)
            .WithTags("People")
            .WithSummary("Record an accountability line")
            .WithDescription("A post has at most one line manager at a time; hierarchies (line management, professional accountability, clinical supervision) "
                + "never run in a circle; day-to-day management (OperationalManagement) may stand beside the line manager, by another post, in another organisation too; "
                + "a line across organisations needs a basis agreement naming both, active for its whole period (a board that is part of an organisation counts as that organisation). "
                + "The caller acts for the accountable post's organisation.")
            .RequireScope(Scopes.RegisterWrite)
            .WithMetadata(new PartyRule("post")); // checked in the handler, against the accountable post's organisation
        api.MapGet("/posts/{id:guid}/lines", ListPostLines)
            .WithTags("People")
            .WithSummary("Every line from and to a post")
            .RequireScope(Scopes.RegisterRead);
        api.MapGet("/posts/{id:guid}/chain", GetAccountabilityChain)
            .WithTags("People")
            .WithSummary("The chain of accountability from a post to the top, on a date")
            .WithDescription("One recursive query, across organisations.")
            .RequireScope(Scopes.RegisterRead);
        api.MapGet("/posts/{id:guid}/reports", ListReports)
            .WithTags("People")
            .WithSummary("The posts accountable to a post, on a date")
            .RequireScope(Scopes.RegisterRead);
        api.MapGet("/organisations/{id:guid}/structure", GetStructure)
            .WithTags("People")
            .WithSummary("An organisation's management structure on a date, as a tree and as Mermaid text")
            .WithDescription("Its posts under their line managers, and the posts of other organisations its posts manage (line or day to day) "
                + "under a section 113 or other arrangement, marked with their employer and the agreement (`placement`). A post line-managed from "
                + "another organisation stays a root here, its `managers` saying where. At most 5,000 posts and management lines: a larger structure "
                + "is refused (422 structure-too-large).")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireScope(Scopes.RegisterRead);
        return api;
    }

    public static async Task<Results<Created<AccountabilityLineResponse>, ValidationProblem, ProblemHttpResult>> CreateAccountabilityLine(
        AccountabilityLineRequest body, RegisterDbContext db, AccountabilityGraph graph, IMapper mapper, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var post = await db.Posts.AsNoTracking().FirstOrDefaultAsync(p => p.Id == body.PostId, cancellationToken);
        if (post is null)
            return Problems.Validation("$.postId", "No post with this id.");
        if (!await AccessRuleExtensions.ActsForAnyAsync(http, [post.OrganisationId], cancellationToken))
            return AccessRuleExtensions.NotAParty("post");

        return await db.InTransactionAsync<Results<Created<AccountabilityLineResponse>, ValidationProblem, ProblemHttpResult>>(async token =>
        {
            await graph.LockAsync(body.Kind, token);
            var (target, problems) = await CheckAsync(body, post, db, token);
            if (problems.Count > 0)
                return Problems.Validation(problems);
            if (await db.AccountabilityLines.AnyAsync(l => l.PostId == post.Id && l.Kind == body.Kind
                    && l.ToPostId == body.ToPostId && l.ToBodyId == body.ToBodyId
                    && l.StartsOn <= (body.EndsOn ?? DateOnly.MaxValue) && (l.EndsOn ?? DateOnly.MaxValue) >= body.StartsOn, token))
                throw new RegisterRuleException("duplicate-line", $"This {body.Kind} line is already recorded for part of this period.", "$.startsOn", RuleKind.Conflict);
            if (body.Kind == AccountabilityKind.LineManagement && await db.AccountabilityLines.AnyAsync(l =>
                    l.PostId == post.Id && l.Kind == AccountabilityKind.LineManagement
                    && l.StartsOn <= (body.EndsOn ?? DateOnly.MaxValue) && (l.EndsOn ?? DateOnly.MaxValue) >= body.StartsOn, token))
                throw new RegisterRuleException("second-line-manager", "The post already has a line manager for part of this period; end that line first.", "$.kind");
            if (AccountabilityLine.IsHierarchy(body.Kind) && body.ToPostId is { } to
                && await graph.WouldCloseCycleAsync(post.Id, to, body.Kind, body.StartsOn, body.EndsOn, token))
                throw new RegisterRuleException("accountability-cycle", $"The post would end up accountable to itself by {body.Kind} during this period.", "$.toPostId");
            if (target != post.OrganisationId)
            {
                var agreement = body.BasisAgreementId is { } basis ? await db.Agreements.AsNoTracking().FirstOrDefaultAsync(a => a.Id == basis, token) : null;
                if (AccountabilityLine.BasisProblem(agreement, post.OrganisationId, target, body.StartsOn, body.EndsOn) is { } missing)
                    throw new RegisterRuleException("basis-agreement-required", missing, "$.basisAgreementId");
            }

            var line = AccountabilityLine.Create(post.Id, body.ToPostId, body.ToBodyId, body.Kind, body.StartsOn, body.EndsOn, body.BasisAgreementId, clock.GetUtcNow());
            db.AccountabilityLines.Add(line);
            await db.SaveChangesAsync(token);
            return TypedResults.Created($"{http.Request.PathBase}/api/v1/posts/{post.Id}/lines", mapper.Map<AccountabilityLineResponse>(line));
        }, cancellationToken);
    }

    public static async Task<Results<Ok<List<AccountabilityLineResponse>>, ProblemHttpResult>> ListPostLines(
        Guid id, RegisterDbContext db, IMapper mapper, CancellationToken cancellationToken)
    {
        if (!await db.Posts.AnyAsync(p => p.Id == id, cancellationToken))
            return Problems.NotFound(PostsEndpoints.Resource, id);
        var lines = await db.AccountabilityLines.AsNoTracking().Where(l => l.PostId == id || l.ToPostId == id)
            .OrderBy(l => l.StartsOn).ThenBy(l => l.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(mapper.Map<List<AccountabilityLineResponse>>(lines));
    }

    /// <param name="id"></param>
    /// <param name="on">The date (default today in London).</param>
    /// <param name="kind">The kind of line to follow (default LineManagement).</param>
    /// <param name="db"></param>
    /// <param name="graph"></param>
    /// <param name="mapper"></param>
    /// <param name="clock"></param>
    /// <param name="cancellationToken"></param>
    public static async Task<Results<Ok<List<ChainStepResponse>>, ProblemHttpResult>> GetAccountabilityChain(
        Guid id, DateOnly? on, AccountabilityKind? kind, RegisterDbContext db, AccountabilityGraph graph, IMapper mapper, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!await db.Posts.AnyAsync(p => p.Id == id, cancellationToken))
            return Problems.NotFound(PostsEndpoints.Resource, id);
        var chain = await graph.ChainAsync(id, kind ?? AccountabilityKind.LineManagement, on ?? RegisterCalendar.Today(clock), cancellationToken);
        return TypedResults.Ok(mapper.Map<List<ChainStepResponse>>(chain));
    }

    /// <param name="id"></param>
    /// <param name="on">The date (default today in London).</param>
    /// <param name="db"></param>
    /// <param name="mapper"></param>
    /// <param name="clock"></param>
    /// <param name="cancellationToken"></param>
    public static async Task<Results<Ok<List<AccountabilityLineResponse>>, ProblemHttpResult>> ListReports(
        Guid id, DateOnly? on, RegisterDbContext db, IMapper mapper, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await db.Posts.AnyAsync(p => p.Id == id, cancellationToken))
            return Problems.NotFound(PostsEndpoints.Resource, id);
        var day = on ?? RegisterCalendar.Today(clock);
        var lines = await db.AccountabilityLines.AsNoTracking()
            .Where(l => l.ToPostId == id && l.StartsOn <= day && (l.EndsOn == null || l.EndsOn >= day))
            .OrderBy(l => l.Kind).ThenBy(l => l.PostId).ToListAsync(cancellationToken);
        return TypedResults.Ok(mapper.Map<List<AccountabilityLineResponse>>(lines));
    }

    /// <param name="id"></param>
    /// <param name="on">The date (default today in London).</param>
    /// <param name="db"></param>
    /// <param name="structure"></param>
    /// <param name="clock"></param>
    /// <param name="cancellationToken"></param>
    public static async Task<Results<Ok<StructureResponse>, ProblemHttpResult>> GetStructure(
        Guid id, DateOnly? on, RegisterDbContext db, OrganisationStructure structure, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await db.Organisations.AnyAsync(o => o.Id == id, cancellationToken))
            return Problems.NotFound("organisation", id);
        var day = on ?? RegisterCalendar.Today(clock);
        return await structure.ReadAsync(id, day, cancellationToken) is { } source ? TypedResults.Ok(Structures.Build(source)) : Structures.TooLarge(day);
    }

    private static async Task<(Guid TargetOrganisation, List<RuleViolation> Problems)> CheckAsync(
        AccountabilityLineRequest body, Post post, RegisterDbContext db, CancellationToken cancellationToken)
    {
        var problems = new List<RuleViolation>();
        if (!Enum.IsDefined(body.Kind))
            problems.Add(new("$.kind", "Unknown kind of line."));
        if (body.EndsOn is { } end && end < body.StartsOn)
            problems.Add(new("$.endsOn", "The end date is before the start date."));
        if (!post.Period.Contains(body.StartsOn))
            problems.Add(new("$.startsOn", "The post does not exist on this date."));
        var target = Guid.Empty;
        if ((body.ToPostId is null) == (body.ToBodyId is null))
            problems.Add(new("$.toPostId", "Give exactly one of toPostId (a post) and toBodyId (a governance body)."));
        else if (body.ToPostId is { } toPost)
        {
            if (toPost == post.Id)
                problems.Add(new("$.toPostId", "A post is not accountable to itself."));
            else if (await db.Posts.AsNoTracking().FirstOrDefaultAsync(p => p.Id == toPost, cancellationToken) is { } other)
                target = other.OrganisationId;
            else
                problems.Add(new("$.toPostId", "No post with this id."));
        }
        else if (await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == body.ToBodyId, cancellationToken) is { } board)
            target = board.PartOfId ?? board.Id; // a board part of an organisation (a CCG's committee) answers for it
        else
            problems.Add(new("$.toBodyId", "No organisation or board with this id."));
        return (target, problems);
    }
}
