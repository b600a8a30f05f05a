using System.Text;
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
    // a node nests two JSON levels (itself and its reports): 25 stays inside System.Text.Json's default depth of 64
    private const int MaxStructureDepth = 25;

    public static RouteGroupBuilder MapAccountabilityEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/accountability-lines", CreateAccountabilityLine)
            .WithTags("People")
            .WithSummary("Record an accountability line")
            .WithDescription("A post has at most one line manager at a time; hierarchies (line management, professional accountability, clinical supervision) "
                + "never run in a circle; a line across organisations needs a basis agreement naming both, active for its whole period. The caller acts for the accountable post's organisation.")
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
            .WithSummary("An organisation's line-management structure on a date, as a tree and as Mermaid text")
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
    /// <param name="clock"></param>
    /// <param name="cancellationToken"></param>
    public static async Task<Results<Ok<StructureResponse>, ProblemHttpResult>> GetStructure(
        Guid id, DateOnly? on, RegisterDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await db.Organisations.AnyAsync(o => o.Id == id, cancellationToken))
            return Problems.NotFound("organisation", id);
        var day = on ?? RegisterCalendar.Today(clock);
        var posts = await db.Posts.AsNoTracking()
            .Where(p => p.OrganisationId == id && p.StartsOn <= day && (p.EndsOn == null || p.EndsOn >= day))
            .OrderBy(p => p.Title).ToListAsync(cancellationToken);
        var ids = posts.Select(p => p.Id).ToList();
        var managers = await db.AccountabilityLines.AsNoTracking()
            .Where(l => ids.Contains(l.PostId) && l.Kind == AccountabilityKind.LineManagement && l.ToPostId != null
                && l.StartsOn <= day && (l.EndsOn == null || l.EndsOn >= day))
            .ToDictionaryAsync(l => l.PostId, l => l.ToPostId!.Value, cancellationToken);

        var reports = posts.Where(p => managers.ContainsKey(p.Id)).ToLookup(p => managers[p.Id]);
        var placed = new HashSet<Guid>();
        var deeper = new List<Post>();
        // each post placed once, however the lines run; a structure deeper than the JSON a client can nest continues
        // from a new root
        StructureNode Node(Post post, int depth) => new()
        {
            PostId = post.Id,
            Title = post.Title,
            Reports = depth == MaxStructureDepth
                ? Defer(reports[post.Id])
                : reports[post.Id].Where(p => placed.Add(p.Id)).ToList().Select(p => Node(p, depth + 1)).ToList(),
        };
        List<StructureNode> Defer(IEnumerable<Post> below)
        {
            deeper.AddRange(below.Where(p => !placed.Contains(p.Id)));
            return [];
        }
        var roots = posts.Where(p => !managers.TryGetValue(p.Id, out var m) || !ids.Contains(m)).Where(p => placed.Add(p.Id)).ToList()
            .Select(p => Node(p, 1)).ToList();
        // then what was too deep, and any post whose managers run in a circle (older data), each from a root of its own
        while ((deeper.Count > 0 ? deeper : posts.Where(p => !placed.Contains(p.Id)).Take(1)).ToList() is [_, ..] next)
        {
            deeper.Clear();
            roots.AddRange(next.Where(p => placed.Add(p.Id)).ToList().Select(p => Node(p, 1)).ToList());
        }
        return TypedResults.Ok(new StructureResponse { On = day, Roots = roots, Mermaid = Mermaid(posts, managers) });
    }

    private static string Mermaid(IReadOnlyList<Post> posts, IReadOnlyDictionary<Guid, Guid> managers)
    {
        var names = posts.Select((p, i) => (p.Id, Name: $"p{i + 1}")).ToDictionary(x => x.Id, x => x.Name);
        var text = new StringBuilder("graph TD\n");
        foreach (var post in posts)
            text.Append($"  {names[post.Id]}[\"{MermaidLabel(post.Title)}\"]\n");
        foreach (var (report, manager) in managers.Where(m => names.ContainsKey(m.Value)).OrderBy(m => names[m.Value]).ThenBy(m => names[m.Key]))
            text.Append($"  {names[manager]} --> {names[report]}\n");
        return text.ToString();
    }

    // Mermaid reads #name; as an entity inside a quoted label: nothing a title holds can end the label or open markup
    private static string MermaidLabel(string title) => title
        .Replace("#", "#35;", StringComparison.Ordinal).Replace("\"", "#quot;", StringComparison.Ordinal)
        .Replace("<", "#lt;", StringComparison.Ordinal).Replace(">", "#gt;", StringComparison.Ordinal)
        .Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

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
        else if (await db.Organisations.AnyAsync(o => o.Id == body.ToBodyId, cancellationToken))
            target = body.ToBodyId!.Value;
        else
            problems.Add(new("$.toBodyId", "No organisation or board with this id."));
        return (target, problems);
    }
}
