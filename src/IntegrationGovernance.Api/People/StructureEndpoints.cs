using System.Text;
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
    // a node nests two JSON levels (itself and its reports): 25 stays inside System.Text.Json's default depth of 64
    private const int MaxStructureDepth = 25;

    public static RouteGroupBuilder MapStructureEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/posts/{id:guid}/chain", GetAccountabilityChain)
            .ListsAtMost(PageRequest.MaxLimit, refusesMore: true)
            .WithTags("People")
            .WithSummary("The chain of accountability from a post to the top, on a date")
            .WithDescription("One recursive query, across organisations; each post's title is the one it had that day. With `asOf`, as the register stood then.")
            .RequireScope(Scopes.RegisterRead);
        api.MapGet("/posts/{id:guid}/reports", ListReports)
            .ListsAtMost(PageRequest.MaxLimit, refusesMore: true)
            .WithTags("People")
            .WithSummary("The posts accountable to a post, on a date")
            .WithDescription("With `asOf`, as the register stood then.")
            .RequireScope(Scopes.RegisterRead);
        api.MapGet("/organisations/{id:guid}/structure", GetStructure)
            .WithTags("People")
            .WithSummary("An organisation's management structure on a date, as a tree and as Mermaid text")
            .WithDescription("Its posts running that day, with the titles and teams they had that day, under their line managers, and the posts of other "
                + "organisations its posts manage (line or day to day) under a section 113 or other arrangement, marked with their employer and the agreement "
                + "(`placement`). A post line-managed from another organisation stays a root here, its `managers` saying where. At most 5,000 posts and "
                + "management lines: a larger structure is refused (422 structure-too-large). With `asOf`, as the register stood then.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
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
        if (chain.Count > PageRequest.MaxLimit)
            return PageRequest.TooLong("steps in this chain");
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
        if (await PageRequest.AtMostAsync(source
            .Where(l => l.ToPostId == id && l.StartsOn <= day && (l.EndsOn == null || l.EndsOn >= day))
            .OrderBy(l => l.Kind).ThenBy(l => l.PostId), cancellationToken) is not { } lines)
            return PageRequest.TooLong("posts reporting to this one that day");
        return TypedResults.Ok(mapper.Map<List<AccountabilityLineResponse>>(lines));
    }

    /// <param name="id"></param>
    /// <param name="on">The date (default today in London).</param>
    /// <param name="asOf">Answer as the register stood at this moment (UTC date-time).</param>
    /// <param name="db"></param>
    /// <param name="history"></param>
    /// <param name="structure"></param>
    /// <param name="clock"></param>
    /// <param name="cancellationToken"></param>
    public static async Task<Results<Ok<StructureResponse>, ProblemHttpResult>> GetStructure(
        Guid id, DateOnly? on, DateTimeOffset? asOf, RegisterDbContext db, RecordHistory history, OrganisationStructure structure, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var known = asOf is { } at ? await history.HeldAtAsync<Organisation>(id, at, cancellationToken) : await db.Organisations.AnyAsync(o => o.Id == id, cancellationToken);
        if (!known)
            return Problems.NotFound("organisation", id);
        var day = on ?? RegisterCalendar.Today(clock);
        var sources = asOf is { } moment
            ? new StructureSources(await history.AsOfAsync<Post>(moment, cancellationToken), await history.AsOfAsync<AccountabilityLine>(moment, cancellationToken),
                await history.AsOfAsync<Organisation>(moment, cancellationToken), await history.AsOfAsync<Domain.Agreements.Agreement>(moment, cancellationToken))
            : StructureSources.Now(db);
        return await structure.ReadAsync(id, day, sources, cancellationToken) is { } source ? TypedResults.Ok(Structures.Build(source)) : Structures.TooLarge(day);
    }

    /// <summary>Whether the post is in the register now, or was at <paramref name="asOf"/>.</summary>
    public static async Task<bool> PostHeldAsync(Guid id, DateTimeOffset? asOf, RegisterDbContext db, RecordHistory history, CancellationToken cancellationToken) =>
        asOf is { } moment ? await history.HeldAtAsync<Post>(id, moment, cancellationToken) : await db.Posts.AnyAsync(p => p.Id == id, cancellationToken);
}
