using System.Globalization;
using AutoMapper;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Domain.Common;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationGovernance.Api.RecordKeeping;

/// <summary>The change feed, for systems that keep a copy of the register in step by polling.</summary>
public static class ChangesEndpoints
{
    public static RouteGroupBuilder MapChangesEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/changes", ListChanges)
            .WithTags("Record keeping")
            .WithSummary("Read the change feed")
            .WithDescription("Every committed change to a register record, in commit order, from the position after `after`. "
                + "Positions are never skipped nor reordered: poll with the `lastPosition` of the previous page and you see each change once. "
                + "Changes to secondments (personal data) appear only to callers with people:read whose organisation employs or hosts them, and to admins.")
            .RequireScope(Scopes.RegisterRead);
        return api;
    }

    /// <param name="after">The last position you have seen (0 to start from the beginning).</param>
    /// <param name="limit">At most this many changes, 1 to 500 (default 50).</param>
    /// <param name="feed"></param>
    /// <param name="mapper"></param>
    /// <param name="caller"></param>
    /// <param name="request"></param>
    /// <param name="cancellationToken"></param>
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
        // secondments are personal data: a reader sees those its organisation employs or hosts, an admin all
        Guid? secondmentsOf = request.HttpContext.User.HasScope(Scopes.Admin) ? null
            : request.HttpContext.User.HasScope(Scopes.PeopleRead) ? await caller.IdAsync(cancellationToken) ?? Guid.Empty
            : Guid.Empty;
        var changes = await feed.ReadAsync(from, take, secondmentsOf, cancellationToken);
        var last = changes.Count > 0 ? changes[^1].Position : from;
        var next = UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path,
            QueryString.Create(new Dictionary<string, string?>
            {
                ["after"] = last.ToString(CultureInfo.InvariantCulture),
                ["limit"] = take.ToString(CultureInfo.InvariantCulture),
            }));
        return TypedResults.Ok(new ChangesPage { Items = mapper.Map<List<ChangeResponse>>(changes), LastPosition = last, Next = next });
    }
}
