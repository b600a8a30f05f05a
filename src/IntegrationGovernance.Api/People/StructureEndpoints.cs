using System.Text;
using AutoMapper;
using IntegrationGovernance.Api.Http;
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
    // a node nests two JSON levels (itself and its reports): 25 stays inside System.Text.Json's default depth of 64
    private const int MaxStructureDepth = 25;

    public static RouteGroupBuilder MapStructureEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/posts/{id:guid}/chain", GetAccountabilityChain)
            .WithTags("People")
            .WithSummary("The chain of accountability from a post to the top, on a date")
            .WithDescription("One recursive query, across organisations; each post's title is the one it had that day. With `asOf`, as the register stood then.")
            .RequireScope(Scopes.RegisterRead);
        api.MapGet("/posts/{id:guid}/reports", ListReports)
            .WithTags("People")
            .WithSummary("The posts accountable to a post, on a date")
            .WithDescription("With `asOf`, as the register stood then.")
            .RequireScope(Scopes.RegisterRead);
        api.MapGet("/organisations/{id:guid}/structure", GetStructure)
            .WithTags("People")
            .WithSummary("An organisation's line-management structure on a date, as a tree and as Mermaid text")
            .WithDescription("The posts running that day, with the titles and teams they had that day. With `asOf`, as the register stood then.")
            .RequireScope(Scopes.RegisterRead);
        return api;
    }

    /// <param name="id"></param>
    /// <param name="on">The date (default today in London).</param>
    /// <param name="kind">The kind of line to follow (default LineManagement).</param>
    /// <param name="asOf">Answer as the register stood at this moment (UTC date-time).</param>
    /// <param name="db"></param>
    /// <param name="graph"></param>
    /// <param name="history"></param>
    /// <param name="mapper"></param>
    /// <param name="clock"></param>
    /// <param name="cancellationToken"></param>
    public static async Task<Results<Ok<List<ChainStepResponse>>, ProblemHttpResult>> GetAccountabilityChain(
        Guid id, DateOnly? on, AccountabilityKind? kind, DateTimeOffset? asOf, RegisterDbContext db, AccountabilityGraph graph, RecordHistory history,
        IMapper mapper, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await PostHeldAsync(id, asOf, db, history, cancellationToken))
            return Problems.NotFound(PostsEndpoints.Resource, id);
        var chain = await graph.ChainAsync(id, kind ?? AccountabilityKind.LineManagement, on ?? RegisterCalendar.Today(clock), asOf, cancellationToken);
        return TypedResults.Ok(mapper.Map<List<ChainStepResponse>>(chain));
    }

    /// <param name="id"></param>
    /// <param name="on">The date (default today in London).</param>
    /// <param name="asOf">Answer as the register stood at this moment (UTC date-time).</param>
    /// <param name="db"></param>
    /// <param name="history"></param>
    /// <param name="mapper"></param>
    /// <param name="clock"></param>
    /// <param name="cancellationToken"></param>
    public static async Task<Results<Ok<List<AccountabilityLineResponse>>, ProblemHttpResult>> ListReports(
        Guid id, DateOnly? on, DateTimeOffset? asOf, RegisterDbContext db, RecordHistory history, IMapper mapper, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!await PostHeldAsync(id, asOf, db, history, cancellationToken))
            return Problems.NotFound(PostsEndpoints.Resource, id);
        var day = on ?? RegisterCalendar.Today(clock);
        var source = asOf is { } moment ? await history.AsOfAsync<AccountabilityLine>(moment, cancellationToken) : db.AccountabilityLines.AsNoTracking();
        var lines = await source
            .Where(l => l.ToPostId == id && l.StartsOn <= day && (l.EndsOn == null || l.EndsOn >= day))
            .OrderBy(l => l.Kind).ThenBy(l => l.PostId).ToListAsync(cancellationToken);
        return TypedResults.Ok(mapper.Map<List<AccountabilityLineResponse>>(lines));
    }

    /// <param name="id"></param>
    /// <param name="on">The date (default today in London).</param>
    /// <param name="asOf">Answer as the register stood at this moment (UTC date-time).</param>
    /// <param name="db"></param>
    /// <param name="history"></param>
    /// <param name="clock"></param>
    /// <param name="cancellationToken"></param>
    public static async Task<Results<Ok<StructureResponse>, ProblemHttpResult>> GetStructure(
        Guid id, DateOnly? on, DateTimeOffset? asOf, RegisterDbContext db, RecordHistory history, TimeProvider clock, CancellationToken cancellationToken)
    {
        var known = asOf is { } at ? await history.HeldAtAsync<Organisation>(id, at, cancellationToken) : await db.Organisations.AnyAsync(o => o.Id == id, cancellationToken);
        if (!known)
            return Problems.NotFound("organisation", id);
        var day = on ?? RegisterCalendar.Today(clock);
        var (postSource, lineSource) = asOf is { } moment
            ? (await history.AsOfAsync<Post>(moment, cancellationToken), await history.AsOfAsync<AccountabilityLine>(moment, cancellationToken))
            : (db.Posts.AsNoTracking(), db.AccountabilityLines.AsNoTracking());
        var running = await postSource
            .Where(p => p.OrganisationId == id && p.StartsOn <= day && (p.EndsOn == null || p.EndsOn >= day))
            .ToListAsync(cancellationToken);
        // titles as they were that day, in that order
        var posts = running.Select(p => (Post: p, Title: p.TitleOn(day))).OrderBy(p => p.Title.Title, StringComparer.Ordinal).ThenBy(p => p.Post.Id).ToList();
        var ids = posts.Select(p => p.Post.Id).ToList();
        var managers = await lineSource
            .Where(l => ids.Contains(l.PostId) && l.Kind == AccountabilityKind.LineManagement && l.ToPostId != null
                && l.StartsOn <= day && (l.EndsOn == null || l.EndsOn >= day))
            .ToDictionaryAsync(l => l.PostId, l => l.ToPostId!.Value, cancellationToken);

        var reports = posts.Where(p => managers.ContainsKey(p.Post.Id)).ToLookup(p => managers[p.Post.Id]);
        var placed = new HashSet<Guid>();
        var deeper = new List<(Post Post, PostTitle Title)>();
        // each post placed once, however the lines run; a structure deeper than the JSON a client can nest continues
        // from a new root
        StructureNode Node((Post Post, PostTitle Title) post, int depth) => new()
        {
            PostId = post.Post.Id,
            Title = post.Title.Title,
            Team = post.Title.Team,
            Reports = depth == MaxStructureDepth
                ? Defer(reports[post.Post.Id])
                : reports[post.Post.Id].Where(p => placed.Add(p.Post.Id)).ToList().Select(p => Node(p, depth + 1)).ToList(),
        };
        List<StructureNode> Defer(IEnumerable<(Post Post, PostTitle Title)> below)
        {
            deeper.AddRange(below.Where(p => !placed.Contains(p.Post.Id)));
            return [];
        }
        var roots = posts.Where(p => !managers.TryGetValue(p.Post.Id, out var m) || !ids.Contains(m)).Where(p => placed.Add(p.Post.Id)).ToList()
            .Select(p => Node(p, 1)).ToList();
        // then what was too deep, and any post whose managers run in a circle (older data), each from a root of its own
        while ((deeper.Count > 0 ? deeper : posts.Where(p => !placed.Contains(p.Post.Id)).Take(1)).ToList() is [_, ..] next)
        {
            deeper.Clear();
            roots.AddRange(next.Where(p => placed.Add(p.Post.Id)).ToList().Select(p => Node(p, 1)).ToList());
        }
        return TypedResults.Ok(new StructureResponse { On = day, Roots = roots, Mermaid = Mermaid(posts, managers) });
    }

    /// <summary>Whether the post is in the register now, or was at <paramref name="asOf"/>.</summary>
    public static async Task<bool> PostHeldAsync(Guid id, DateTimeOffset? asOf, RegisterDbContext db, RecordHistory history, CancellationToken cancellationToken) =>
        asOf is { } moment ? await history.HeldAtAsync<Post>(id, moment, cancellationToken) : await db.Posts.AnyAsync(p => p.Id == id, cancellationToken);

    private static string Mermaid(IReadOnlyList<(Post Post, PostTitle Title)> posts, IReadOnlyDictionary<Guid, Guid> managers)
    {
        var names = posts.Select((p, i) => (p.Post.Id, Name: $"p{i + 1}")).ToDictionary(x => x.Id, x => x.Name);
        var text = new StringBuilder("graph TD\n");
        foreach (var (post, title) in posts)
            text.Append($"  {names[post.Id]}[\"{MermaidLabel(title.Title)}\"]\n");
        foreach (var (report, manager) in managers.Where(m => names.ContainsKey(m.Value)).OrderBy(m => names[m.Value]).ThenBy(m => names[m.Key]))
            text.Append($"  {names[manager]} --> {names[report]}\n");
        return text.ToString();
    }

    // Mermaid reads #name; as an entity inside a quoted label: nothing a title holds can end the label or open markup
    private static string MermaidLabel(string title) => title
        .Replace("#", "#35;", StringComparison.Ordinal).Replace("\"", "#quot;", StringComparison.Ordinal)
        .Replace("<", "#lt;", StringComparison.Ordinal).Replace(">", "#gt;", StringComparison.Ordinal)
        .Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
