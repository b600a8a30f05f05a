using AutoMapper;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.OpenApi;
using IntegrationGovernance.Api.RecordKeeping;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.Infrastructure.Organisations;
using IntegrationGovernance.Infrastructure.Persistence;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Api.Organisations;

/// <summary>The organisations register: every body that can be party to an agreement, and who succeeded whom.</summary>
public static class OrganisationsEndpoints
{
    private const string Resource = "organisation";

    public static RouteGroupBuilder MapOrganisationsEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/organisations").WithTags("Organisations");

        group.MapGet("/", ListOrganisations)
            .WithSummary("List organisations")
            .WithDescription("Filters combine. Ordered by name then id; keyset paging with `cursor` from the previous page. "
                + "With `asOf`, the register as it stood at that moment; `activeOn` is about operational dates, `asOf` about what was recorded.")
            .ProducesValidationProblem()
            .RequireScope(Scopes.RegisterRead);
        group.MapGet("/{id:guid}", GetOrganisation)
            .WithName(nameof(GetOrganisation))
            .WithSummary("Read one organisation")
            .WithDescription("The response carries an ETag; send it back in If-Match to change the organisation. "
                + "With `asOf`, the organisation as the register held it at that moment (no ETag: the past cannot be changed).")
            .ReturnsETag()
            .RequireScope(Scopes.RegisterRead);
        group.MapPost("/", CreateOrganisation)
            .WithSummary("Create an organisation")
            .ReturnsETag()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireScope(Scopes.Admin);
        group.MapPut("/{id:guid}", UpdateOrganisation)
            .WithSummary("Replace what the register holds about an organisation")
            .WithDescription("Requires If-Match with the ETag of the last read. Operational dates must still agree with recorded successions. "
                + "Type, codes and partOfId say who the organisation is and who acts for it: only an admin changes them.")
            .RequiresIfMatch()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireScope(Scopes.RegisterWrite)
            .RequirePartyOf<Organisation>(Resource);
        group.MapPost("/{id:guid}/close", CloseOrganisation)
            .WithSummary("Close an organisation")
            .WithDescription("Organisations are never deleted: closing records the last day it operated. Requires If-Match.")
            .RequiresIfMatch()
            .RecordsChangeAs("closed")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireScope(Scopes.RegisterWrite)
            .RequirePartyOf<Organisation>(Resource);
        group.MapPost("/{id:guid}/type-changes", ChangeOrganisationType)
            .WithSummary("Record that an organisation became another type of body from a date")
            .WithDescription("A reorganisation that keeps the body (Stockton-on-Tees: a district council until 31 March 1996, a unitary authority from 1 April 1996). "
                + "Its present type moves to `earlierTypes`, to the day before; the rules read each party's type on an agreement's commencement date. "
                + "Requires If-Match; only an admin changes who a body is. A body replaced by a new one is a succession instead.")
            .RequiresIfMatch()
            .RecordsChangeAs("type-changed")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireScope(Scopes.Admin);
        group.MapGet("/{id:guid}/successors", GetSuccessors)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Walk the whole chain of successors")
            .WithDescription("Every organisation that followed this one, at any depth (a PCT's CCG, then that CCG's ICB...), nearest first.")
            .RequireScope(Scopes.RegisterRead);
        group.MapGet("/{id:guid}/predecessors", GetPredecessors)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Walk the whole chain of predecessors")
            .WithDescription("Every organisation this one came from, at any depth, nearest first.")
            .RequireScope(Scopes.RegisterRead);
        group.MapHistory<Organisation, OrganisationResponse>(Resource)
            .RequireScope(Scopes.RegisterRead);
        return api;
    }

    public static async Task<Results<Ok<Page<OrganisationResponse>>, ValidationProblem>> ListOrganisations(
        [AsParameters] OrganisationFilters filters, [AsParameters] PageQuery paging, RegisterDbContext db, RecordHistory history, IMapper mapper,
        HttpRequest request, CancellationToken cancellationToken)
    {
        var page = PageRequest.From(paging);
        if (PageRequest.Validate(paging.Limit) is [_, ..] limitProblems)
            return Problems.Validation(limitProblems);
        if (!page.TryReadKey<OrganisationCursor>(request, out var after))
            return Problems.Validation([PageRequest.BadCursor]);

        var (type, code, nameContains, activeOn, asOf) = (filters.Type, filters.Code, filters.NameContains, filters.ActiveOn, filters.AsOf);
        var query = asOf is { } moment ? await history.AsOfAsync<Organisation>(moment, cancellationToken) : db.Organisations.AsNoTracking();
        if (type is { } t)
            query = query.Where(o => o.Type == t);
        if (OrganisationCodes.Normalise(code) is { } c)
            query = query.Where(o => o.OdsCode == c || o.GssCode == c);
        if (!string.IsNullOrWhiteSpace(nameContains))
            query = query.Where(o => EF.Functions.ILike(o.Name, $"%{EscapeLike(nameContains.Trim())}%", @"\"));
        if (activeOn is { } day)
            query = query.Where(o => (o.OperationalFrom == null || o.OperationalFrom <= day) && (o.OperationalTo == null || o.OperationalTo >= day));
        if (after is not null)
            query = query.Where(o => EF.Functions.GreaterThan(ValueTuple.Create(o.Name, o.Id), ValueTuple.Create(after.Name, after.Id)));

        // mapped after reading: the earlier types are a jsonb list, which a projection in SQL cannot take apart
        var rows = await query
            .OrderBy(o => o.Name).ThenBy(o => o.Id)
            .Take(page.Limit + 1)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(page.ToPage(mapper.Map<List<OrganisationResponse>>(rows), o => new OrganisationCursor(o.Name, o.Id), request));
    }

    /// <param name="asOf">Read the organisation as the register held it at this moment (UTC date-time).</param>
    public static async Task<Results<Ok<OrganisationResponse>, ProblemHttpResult>> GetOrganisation(
        Guid id, DateTimeOffset? asOf, RegisterDbContext db, RecordHistory history, IMapper mapper, HttpResponse response, CancellationToken cancellationToken)
    {
        var source = asOf is { } moment ? await history.AsOfAsync<Organisation>(moment, cancellationToken) : db.Organisations.AsNoTracking();
        var organisation = await source.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null)
            return Problems.NotFound(Resource, id);
        if (asOf is null)
            ETags.Set(response, organisation.Version);
        return TypedResults.Ok(mapper.Map<OrganisationResponse>(organisation));
    }

    public static async Task<Results<Created<OrganisationResponse>, ValidationProblem>> CreateOrganisation(
        OrganisationRequest body, RegisterDbContext db, IMapper mapper, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var details = mapper.Map<OrganisationDetails>(body).Normalised();
        if (details.Validate().Concat(await PartOfProblemsAsync(details, null, db, cancellationToken)).ToList() is [_, ..] problems)
            return Problems.Validation(problems);

        var organisation = await db.InsertAsync(Organisation.Create(details, clock.GetUtcNow()), cancellationToken);

        ETags.Set(http.Response, organisation.Version);
        return TypedResults.Created(http.PathTo(nameof(GetOrganisation), new { id = organisation.Id }), mapper.Map<OrganisationResponse>(organisation));
    }

    public static Task<Results<Ok<OrganisationResponse>, ValidationProblem, ProblemHttpResult>> UpdateOrganisation(
        Guid id, OrganisationRequest body, RegisterDbContext db, SuccessionChains chains, CallerOrganisation caller, IMapper mapper,
        TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var details = mapper.Map<OrganisationDetails>(body).Normalised();
        return ChangeAsync(id, db, chains, mapper, http, cancellationToken, async organisation =>
        {
            if (details.Validate().Concat(await PartOfProblemsAsync(details, id, db, cancellationToken)).ToList() is [_, ..] problems)
                return problems;
            return organisation.Update(details, await caller.ActorAsync(cancellationToken), clock.GetUtcNow());
        });
    }

    public static Task<Results<Ok<OrganisationResponse>, ValidationProblem, ProblemHttpResult>> CloseOrganisation(
        Guid id, CloseOrganisationRequest body, RegisterDbContext db, SuccessionChains chains, IMapper mapper, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken) =>
        ChangeAsync(id, db, chains, mapper, http, cancellationToken, organisation => Task.FromResult(organisation.Close(body.LastDay, clock.GetUtcNow())));

    public static Task<Results<Ok<OrganisationResponse>, ValidationProblem, ProblemHttpResult>> ChangeOrganisationType(
        Guid id, TypeChangeRequest body, RegisterDbContext db, SuccessionChains chains, IMapper mapper, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken) =>
        ChangeAsync(id, db, chains, mapper, http, cancellationToken, organisation => Task.FromResult(organisation.ChangeType(body.Type, body.From, clock.GetUtcNow())));

    public static Task<Results<Ok<SuccessionChainResponse>, ProblemHttpResult>> GetSuccessors(
        Guid id, RegisterDbContext db, SuccessionChains chains, IMapper mapper, CancellationToken cancellationToken) =>
        ChainAsync(id, db, mapper, token => chains.SuccessorsAsync(id, token), cancellationToken);

    public static Task<Results<Ok<SuccessionChainResponse>, ProblemHttpResult>> GetPredecessors(
        Guid id, RegisterDbContext db, SuccessionChains chains, IMapper mapper, CancellationToken cancellationToken) =>
        ChainAsync(id, db, mapper, token => chains.PredecessorsAsync(id, token), cancellationToken);

    /// <summary>Every change to an organisation keeps its operational dates in step with recorded successions.</summary>
    private static Task<Results<Ok<OrganisationResponse>, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        Guid id, RegisterDbContext db, SuccessionChains chains, IMapper mapper, HttpContext http, CancellationToken cancellationToken,
        Func<Organisation, Task<IReadOnlyList<Domain.Common.RuleViolation>>> change) =>
        RecordChanges.ChangeAsync<Organisation, OrganisationResponse>(db, id, Resource, http, mapper, async (organisation, token) =>
        {
            if (await change(organisation) is [_, ..] problems)
                return problems;
            await chains.GuardDatesAsync(organisation, token);
            return [];
        }, cancellationToken, first: chains.LockAsync);

    private static async Task<IReadOnlyList<Domain.Common.RuleViolation>> PartOfProblemsAsync(
        OrganisationDetails details, Guid? self, RegisterDbContext db, CancellationToken cancellationToken)
    {
        if (details.PartOfId is not { } owner)
            return [];
        if (owner == self)
            return [new("$.partOfId", "An organisation is not part of itself.")];
        return await db.Organisations.AnyAsync(o => o.Id == owner, cancellationToken) ? [] : [new("$.partOfId", "No organisation with this id.")];
    }

    private static async Task<Results<Ok<SuccessionChainResponse>, ProblemHttpResult>> ChainAsync(
        Guid id, RegisterDbContext db, IMapper mapper, Func<CancellationToken, Task<IReadOnlyList<ChainLink>>> walk, CancellationToken cancellationToken)
    {
        if (!await db.Organisations.AnyAsync(o => o.Id == id, cancellationToken))
            return Problems.NotFound(Resource, id);
        var links = await walk(cancellationToken);
        if (links.Count > SuccessionChains.MaxLinks)
            return Problems.TooLarge($"The chain holds more than {SuccessionChains.MaxLinks:N0} links; walk it from an organisation nearer the end you want.");
        return TypedResults.Ok(new SuccessionChainResponse
        {
            OrganisationId = id,
            Links = mapper.Map<IReadOnlyList<SuccessionLinkResponse>>(links),
        });
    }

    private static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);

    private sealed record OrganisationCursor(string Name, Guid Id);
}
