using AutoMapper;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.OpenApi;
using IntegrationGovernance.Api.RecordKeeping;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Common;
using IntegrationGovernance.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Api.Agreements;

/// <summary>The agreements register: create and revise drafts, then approvals, transitions and variations.</summary>
public static class AgreementsEndpoints
{
    public const string Resource = "agreement";

    public static RouteGroupBuilder MapAgreementsEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/agreements").WithTags("Agreements");
        group.MapGet("/", AgreementSearch.ListAgreements)
            .WithSummary("Find agreements")
            .WithDescription("Filters combine: active on a date, for an organisation (in a role), by statutory basis, by service, "
                + "under an over-arching agreement, expiring or due for review within N days, or overdue (past their end date "
                + "without a recorded termination or expiry). `q` is a ranked full-text search over reference, title, purpose and services.")
            .RequireScope(Scopes.RegisterRead);
        group.MapGet("/{id:guid}", GetAgreement)
            .WithSummary("Read one agreement")
            .WithDescription("With `activeOn`, `onDate` gives the status and the terms in force that day. With `asOf`, the agreement as the register held it then.")
            .ReturnsETag()
            .RequireScope(Scopes.RegisterRead);
        group.MapPost("/", CreateAgreement)
            .WithSummary("Create a draft agreement")
            .WithDescription("The caller's organisation must be one of the parties. Validation follows the statutory basis.")
            .ReturnsETag()
            .RequireScope(Scopes.RegisterWrite)
            .WithMetadata(new PartyRule(Resource)); // checked in the handler, against the parties in the body
        group.MapPut("/{id:guid}", ReviseAgreement)
            .WithSummary("Revise a draft agreement")
            .WithDescription("Only drafts are revised; once approved, an agreement changes by numbered variation.")
            .RequiresIfMatch()
            .RequireScope(Scopes.RegisterWrite)
            .RequirePartyOf<Agreement>(Resource);
        group.MapPost("/{id:guid}/approvals", RecordApproval)
            .WithSummary("Record a governance approval")
            .WithDescription("A decision by a body in the register (a Cabinet, a PCT Board, a Children's Trust Board), on a date, with its minute reference.")
            .RequiresIfMatch()
            .RequireScope(Scopes.RegisterWrite)
            .RequirePartyOf<Agreement>(Resource);
        group.MapPost("/{id:guid}/transitions", TransitionAgreement)
            .WithSummary("Move an agreement to another status")
            .WithDescription("Draft → Approved (needs a recorded approval) → Active (not before commencement) → Suspended / Terminated "
                + "(after commencement) / Expired (after the end date). Anything else is refused with the reason.")
            .RequiresIfMatch()
            .RequireScope(Scopes.RegisterWrite)
            .RequirePartyOf<Agreement>(Resource);
        group.MapPost("/{id:guid}/variations", VaryAgreement)
            .WithSummary("Record the next numbered variation")
            .RequiresIfMatch()
            .RequireScope(Scopes.RegisterWrite)
            .RequirePartyOf<Agreement>(Resource);
        group.MapGet("/{id:guid}/variations", ListVariations)
            .WithSummary("The chain of variations of one agreement")
            .RequireScope(Scopes.RegisterRead);
        group.MapGet("/{id:guid}/schedules", AgreementSearch.ListSchedules)
            .WithSummary("Every agreement under an over-arching one")
            .WithDescription("Schedules and annexed agreements at any depth, in one query.")
            .RequireScope(Scopes.RegisterRead);
        group.MapHistory<Agreement, AgreementResponse>(Resource)
            .RequireScope(Scopes.RegisterRead);
        api.MapGet("/organisations/{id:guid}/agreements", AgreementSearch.ListBindingAgreements)
            .WithTags("Agreements")
            .WithSummary("Agreements that bind an organisation, including those its predecessors made")
            .WithDescription("Walks the organisation's whole chain of predecessors (PCT → CCG → ICB) and lists every agreement any of them "
                + "is a party to, saying through which body it binds. At most 500, ordered by reference.")
            .RequireScope(Scopes.RegisterRead);
        return api;
    }

    /// <param name="id"></param>
    /// <param name="activeOn">Show the status and terms in force on this date.</param>
    /// <param name="asOf">Read the agreement as the register held it at this moment (UTC date-time).</param>
    /// <param name="db"></param>
    /// <param name="history"></param>
    /// <param name="mapper"></param>
    /// <param name="response"></param>
    /// <param name="cancellationToken"></param>
    public static async Task<Results<Ok<AgreementResponse>, ProblemHttpResult>> GetAgreement(
        Guid id, DateOnly? activeOn, DateTimeOffset? asOf, RegisterDbContext db, Infrastructure.RecordKeeping.RecordHistory history,
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
        AgreementRequest body, RegisterDbContext db, IMapper mapper, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var details = mapper.Map<AgreementDetails>(body).Normalised();
        if (!await AccessRuleExtensions.ActsForAnyAsync(http, details.Parties.Select(p => p.OrganisationId), cancellationToken))
            return AccessRuleExtensions.NotAParty(Resource);
        if (await CheckAsync(details, db, cancellationToken) is [_, ..] problems)
            return Problems.Validation(problems);

        var agreement = await db.InsertAsync(Agreement.Draft(details, clock.GetUtcNow()), cancellationToken);
        ETags.Set(http.Response, agreement.Version);
        return TypedResults.Created($"{http.Request.PathBase}/api/v1/agreements/{agreement.Id}", ToResponse(agreement, null, mapper));
    }

    public static Task<Results<Ok<AgreementResponse>, ValidationProblem, ProblemHttpResult>> ReviseAgreement(
        Guid id, AgreementRequest body, RegisterDbContext db, IMapper mapper, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var details = mapper.Map<AgreementDetails>(body).Normalised();
        return Change(id, db, mapper, http, cancellationToken, async (agreement, token) =>
        {
            if (await CheckAsync(details, db, token) is [_, ..] problems)
                return problems;
            agreement.Revise(details, clock.GetUtcNow());
            return [];
        });
    }

    public static Task<Results<Ok<AgreementResponse>, ValidationProblem, ProblemHttpResult>> RecordApproval(
        Guid id, ApprovalContract body, RegisterDbContext db, IMapper mapper, TimeProvider clock, HttpContext http, CancellationToken cancellationToken) =>
        Change(id, db, mapper, http, cancellationToken, async (agreement, token) =>
        {
            if (!Enum.IsDefined(body.Outcome))
                return [new RuleViolation("$.outcome", "Unknown outcome.")];
            if (!await db.Organisations.AnyAsync(o => o.Id == body.BodyId, token))
                return [new RuleViolation("$.bodyId", "No organisation or board with this id.")];
            agreement.RecordApproval(mapper.Map<Approval>(body), clock.GetUtcNow());
            return [];
        });

    public static Task<Results<Ok<AgreementResponse>, ValidationProblem, ProblemHttpResult>> TransitionAgreement(
        Guid id, TransitionRequest body, RegisterDbContext db, IMapper mapper, TimeProvider clock, HttpContext http, CancellationToken cancellationToken) =>
        Change(id, db, mapper, http, cancellationToken,
            (agreement, _) => Task.FromResult(agreement.Transition(body.To, body.EffectiveOn, body.Reason, clock.GetUtcNow())));

    public static Task<Results<Ok<AgreementResponse>, ValidationProblem, ProblemHttpResult>> VaryAgreement(
        Guid id, VariationRequest body, RegisterDbContext db, IMapper mapper, TimeProvider clock, HttpContext http, CancellationToken cancellationToken) =>
        Change(id, db, mapper, http, cancellationToken, (agreement, _) => Task.FromResult(
            agreement.Vary(body.EffectiveOn, body.Description, body.EndsOn, body.ReviewOn, body.NoticeMonths, clock.GetUtcNow())));

    public static async Task<Results<Ok<List<VariationResponse>>, ProblemHttpResult>> ListVariations(
        Guid id, RegisterDbContext db, IMapper mapper, CancellationToken cancellationToken)
    {
        var agreement = await db.Agreements.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        return agreement is null
            ? Problems.NotFound(Resource, id)
            : TypedResults.Ok(mapper.Map<List<VariationResponse>>(agreement.Variations.OrderBy(v => v.Number)));
    }

    public static AgreementResponse ToResponse(Agreement agreement, DateOnly? activeOn, IMapper mapper)
    {
        var response = mapper.Map<AgreementResponse>(agreement);
        if (activeOn is not { } day)
            return response;
        var terms = agreement.TermsOn(day);
        return response with
        {
            OnDate = new OnDateResponse
            {
                Date = day,
                Active = agreement.IsActiveOn(day),
                Status = agreement.StatusOn(day),
                EndsOn = terms.EndsOn,
                ReviewOn = terms.ReviewOn,
                NoticeMonths = terms.NoticeMonths,
                VariationNumber = terms.VariationNumber,
            },
        };
    }

    private static Task<Results<Ok<AgreementResponse>, ValidationProblem, ProblemHttpResult>> Change(
        Guid id, RegisterDbContext db, IMapper mapper, HttpContext http, CancellationToken cancellationToken,
        Func<Agreement, CancellationToken, Task<IReadOnlyList<RuleViolation>>> change) =>
        RecordChanges.ChangeAsync<Agreement, AgreementResponse>(db, id, Resource, http, mapper, change, cancellationToken);

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
