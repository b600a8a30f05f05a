using System.Globalization;
using AutoMapper;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Domain.Common;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationGovernance.Api.RecordKeeping;

/// <summary>The change feed, for systems that keep a copy of the register in step by polling.</summary>
public static class ChangesEndpoints
{
    public static RouteGroupBuilder MapChangesEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/changes", ListChanges)
            .WithName(nameof(ListChanges))
            .WithTags("Record keeping")
            .WithSummary("Read the change feed")
            .WithDescription("Every committed change to a register record, in commit order, from the position after `after`. "
                + "Positions are never skipped nor reordered: poll with the `lastPosition` of the previous page and you see each change once. "
                + "Changes to secondments (personal data) appear only to callers with people:read whose organisation employs or hosts them, and to admins.")
            .RequireScope(Scopes.RegisterRead);
        api.MapGet("/changes/head", GetChangesHead)
            .WithTags("Record keeping")
            .WithSummary("The change feed's latest position")
            .WithDescription("The position of the latest committed change the caller can see (0 for an empty feed), and the link that reads the feed from there: "
                + "a new copy of the register starts here, after loading the records as they stand, without walking the feed from the beginning. "
                + "Secondments' changes count only for callers who see them in the feed.")
            .RequireScope(Scopes.RegisterRead);
        return api;
    }

    /// <param name="after">The last position you have seen (0 to start from the beginning).</param>
    /// <param name="limit">At most this many changes, 1 to 500 (default 50).</param>
    public static async Task<Results<Ok<ChangesPage>, ValidationProblem>> ListChanges(
        long? after, int? limit, ChangeFeed feed, IMapper mapper, CallerOrganisation caller, HttpRequest request, CancellationToken cancellationToken)
    {
        var problems = PageRequest.Validate(limit).ToList();
        if (after is < 0)
            problems.Add(new RuleViolation("after", "after is a position, 0 or more."));
        if (problems.Count > 0)
            return Problems.Validation(problems);

        var from = after ?? 0;
        var take = limit ?? PageRequest.DefaultLimit;
        var changes = await feed.ReadAsync(from, take, await SecondmentsOfAsync(request, caller, cancellationToken), cancellationToken);
        var last = changes.Count > 0 ? changes[^1].Position : from;
        return TypedResults.Ok(new ChangesPage { Items = mapper.Map<List<ChangeResponse>>(changes), LastPosition = last, Next = After(request, last, take) });
    }

    public static async Task<Ok<ChangesHeadResponse>> GetChangesHead(
        ChangeFeed feed, CallerOrganisation caller, HttpRequest request, CancellationToken cancellationToken)
    {
        var head = await feed.HeadAsync(await SecondmentsOfAsync(request, caller, cancellationToken), cancellationToken);
        return TypedResults.Ok(new ChangesHeadResponse { Position = head, Next = After(request, head, PageRequest.DefaultLimit) });
    }

    // secondments are personal data: a reader sees those its organisation employs or hosts, an admin all
    private static async Task<Guid?> SecondmentsOfAsync(HttpRequest request, CallerOrganisation caller, CancellationToken cancellationToken) =>
        request.HttpContext.User.HasScope(Scopes.Admin) ? null
            : request.HttpContext.User.HasScope(Scopes.PeopleRead) ? await caller.IdAsync(cancellationToken) ?? Guid.Empty
            : Guid.Empty;

    /// <summary>The link, from the feed's named route, that reads the feed after <paramref name="position"/>.</summary>
    private static string After(HttpRequest request, long position, int limit) =>
        request.HttpContext.RequestServices.GetRequiredService<LinkGenerator>().GetUriByName(request.HttpContext, nameof(ListChanges), new
        {
            version = request.RouteValues["version"] ?? "1",
            after = position.ToString(CultureInfo.InvariantCulture),
            limit = limit.ToString(CultureInfo.InvariantCulture),
        }) ?? throw new InvalidOperationException("The change feed has no route.");
}
