using AutoMapper;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.OpenApi;
using IntegrationGovernance.Api.RecordKeeping;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Common;
using IntegrationGovernance.Infrastructure.Agreements;
using IntegrationGovernance.Infrastructure.Persistence;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Api.Agreements;

/// <summary>The agreements register: create and revise drafts; decisions, variations and notices are in <see cref="AgreementDecisionsEndpoints"/>.</summary>
public static class AgreementsEndpoints
{
    public const string Resource = "agreement";

    public static RouteGroupBuilder MapAgreementsEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/agreements").WithTags("Agreements");
        group.MapGet("/", AgreementSearch.ListAgreements)
            .WithSummary("Find agreements")
            .WithDescription("Filters combine: active on a date, for an organisation (in a role) on that date, by statutory basis, by service, "
                + "under an over-arching agreement, expiring or due for review within N days of `on`, or overdue on `on` (past the end date in "
                + "force without a recorded termination or expiry), each judged by what was in force that day. With `asOf`, every question is "
                + "answered as the register stood at that moment. `q` is a ranked full-text search over reference, title, purpose and services.")
            .RequireScope(Scopes.RegisterRead);
        group.MapGet("/summaries", AgreementSearch.ListAgreementSummaries)
            .WithSummary("Find agreements: a summary of each")
            .WithDescription("The same questions and order as `GET /agreements`, answered with a summary of each agreement (what it is, and the status, "
                + "parties and terms in force on `activeOn`, else `on`, else today in London), read from its indexed periods without its history. "
                + "Follow `href` for the whole agreement.")
            .RequireScope(Scopes.RegisterRead);
        group.MapGet("/{id:guid}", GetAgreement)
            .WithName(nameof(GetAgreement))
            .WithSummary("Read one agreement")
            .WithDescription("With `activeOn`, `onDate` gives the status, parties and terms in force that day. With `asOf`, the agreement as the register held it then.")
            .ReturnsETag()
            .RequireScope(Scopes.RegisterRead);
        group.MapPost("/", CreateAgreement)
            .WithSummary("Create a draft agreement")
            .WithDescription("The caller's organisation must be one of the parties. Validation follows the statutory basis. Successions already "
                + "recorded for its parties are carried out on it as novations.")
            .ReturnsETag()
            .RequireScope(Scopes.RegisterWrite)
            .WithMetadata(new PartyRule(Resource)); // checked in the handler, against the parties in the body
        group.MapPut("/{id:guid}", ReviseAgreement)
            .WithSummary("Revise a draft agreement")
            .WithDescription("Only drafts are revised, and only by a party that stays a party; once approved, an agreement changes by numbered variation.")
            .RequiresIfMatch()
            .RequireScope(Scopes.RegisterWrite)
            .RequirePartyOf<Agreement>(Resource);
        group.MapAgreementDecisionsEndpoints();
        group.MapGet("/{id:guid}/schedules", AgreementSearch.ListSchedules)
            .WithSummary("Every agreement under an over-arching one")
            .WithDescription("Schedules and annexed agreements at any depth (up to ten levels), ordered by reference and keyset-paged; with `asOf`, as the register stood then.")
            .RequireScope(Scopes.RegisterRead);
        group.MapHistory<Agreement, AgreementResponse>(Resource)
            .RequireScope(Scopes.RegisterRead);
        api.MapGet("/organisations/{id:guid}/agreements", AgreementSearch.ListBindingAgreements)
            .WithTags("Agreements")
            .WithSummary("Agreements that bind an organisation, including those it took over from predecessors")
            .WithDescription("Every agreement the organisation is a party to (on `activeOn`, if given: then only those active that day with it a party), "
                + "its own or inherited by novation when a predecessor's part passed to it under a succession (PCT → CCG → ICB). Each says through "
                + "which party it was first made and how many successions back. An organisation is never bound before it took a party's place. "
                + "Ordered by reference, keyset-paged; with `asOf`, as the register stood then.")
            .RequireScope(Scopes.RegisterRead);
        api.MapGet("/organisations/{id:guid}/agreements/summaries", AgreementSearch.ListBindingAgreementSummaries)
            .WithTags("Agreements")
            .WithSummary("Agreements that bind an organisation, including those it took over from predecessors: a summary of each")
            .WithDescription("The same agreements and order as `GET /organisations/{id}/agreements`, each summarised as `GET /agreements/summaries` does "
                + "(the status, parties and terms in force on `activeOn`, else today in London), with through which party it binds and how many successions back.")
            .RequireScope(Scopes.RegisterRead);
        return api;
    }

    /// <param name="activeOn">Show the status, parties and terms in force on this date.</param>
    /// <param name="asOf">Read the agreement as the register held it at this moment (UTC date-time).</param>
    public static async Task<Results<Ok<AgreementResponse>, ProblemHttpResult>> GetAgreement(
        Guid id, DateOnly? activeOn, DateTimeOffset? asOf, RegisterDbContext db, RecordHistory history,
        IMapper mapper, HttpResponse response, CancellationToken cancellationToken)
    {
        var source = asOf is { } moment ? await history.AsOfAsync<Agreement>(moment, cancellationToken) : db.Agreements.AsNoTracking();
        var agreement = await source.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (agreement is null)
            return Problems.NotFound(Resource, id);
        if (asOf is null)
            ETags.Set(response, agreement.Version);
        return TypedResults.Ok(ToResponse(agreement, activeOn, mapper));
    }

    public static async Task<Results<Created<AgreementResponse>, ValidationProblem, ProblemHttpResult>> CreateAgreement(
        AgreementRequest body, RegisterDbContext db, AgreementTransfers transfers, IMapper mapper, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var details = mapper.Map<AgreementDetails>(body).Normalised();
        if (!await AccessRuleExtensions.ActsForAnyAsync(http, details.Parties.Select(p => p.OrganisationId), cancellationToken))
            return AccessRuleExtensions.NotAParty(Resource);
        if (await CheckAsync(details, db, cancellationToken) is [_, ..] problems)
            return Problems.Validation(problems);

        var agreement = await db.InTransactionAsync(async token =>
        {
            var draft = Agreement.Draft(details, clock.GetUtcNow());
            await transfers.ApplyAsync(draft, token);
            db.Agreements.Add(draft);
            await db.SaveChangesAsync(token);
            return draft;
        }, cancellationToken);
        ETags.Set(http.Response, agreement.Version);
        return TypedResults.Created(http.PathTo(nameof(GetAgreement), new { id = agreement.Id }), ToResponse(agreement, null, mapper));
    }

    public static Task<Results<Ok<AgreementResponse>, ValidationProblem, ProblemHttpResult>> ReviseAgreement(
        Guid id, AgreementRequest body, RegisterDbContext db, AgreementTransfers transfers, CallerOrganisation caller, IMapper mapper,
        TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var details = mapper.Map<AgreementDetails>(body).Normalised();
        return ChangeAsync(id, db, transfers, mapper, http, cancellationToken, async (agreement, token) =>
        {
            if (await CheckAsync(details, db, token) is [_, ..] problems)
                return problems;
            agreement.Revise(details, await caller.ActorAsync(token), clock.GetUtcNow());
            return [];
        });
    }

    public static AgreementResponse ToResponse(Agreement agreement, DateOnly? activeOn, IMapper mapper)
    {
        var response = mapper.Map<AgreementResponse>(agreement);
        return activeOn is { } day
            ? response with { OnDate = mapper.Map<OnDateResponse>(agreement.TermsOn(day)) with { Date = day } }
            : response;
    }

    /// <summary>
    /// The shape of every change to an agreement (see <see cref="RecordChanges"/>), after which the successions
    /// recorded for its parties, old and new, are carried out on it.
    /// </summary>
    internal static Task<Results<Ok<AgreementResponse>, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        Guid id, RegisterDbContext db, AgreementTransfers transfers, IMapper mapper, HttpContext http, CancellationToken cancellationToken,
        Func<Agreement, CancellationToken, Task<IReadOnlyList<RuleViolation>>> change) =>
        RecordChanges.ChangeAsync<Agreement, AgreementResponse>(db, id, Resource, http, mapper, async (agreement, token) =>
        {
            if (await change(agreement, token) is [_, ..] problems)
                return problems;
            await transfers.ApplyAsync(agreement, token);
            return [];
        }, cancellationToken);

    private static async Task<IReadOnlyList<RuleViolation>> CheckAsync(AgreementDetails details, RegisterDbContext db, CancellationToken cancellationToken)
    {
        var ids = details.Parties.Select(p => p.OrganisationId).Distinct().ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        var problems = AgreementRules.Check(details, organisations).ToList();
        if (details.ParentId is { } parent && !await db.Agreements.AnyAsync(a => a.Id == parent, cancellationToken))
            problems.Add(new RuleViolation("$.parentId", "No agreement with this id."));
        return problems;
    }
}
