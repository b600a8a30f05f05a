using AutoMapper;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.OpenApi;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Common;
using IntegrationGovernance.Infrastructure.Agreements;
using IntegrationGovernance.Infrastructure.Persistence;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Api.Agreements;

/// <summary>
/// What the parties decide about an agreement: approvals, status changes, variations, notices, and their acceptance
/// of what another party proposed. A caller acts for its own organisation; the administrator records what was agreed.
/// </summary>
public static class AgreementDecisionsEndpoints
{
    private const string Resource = AgreementsEndpoints.Resource;

    public static RouteGroupBuilder MapAgreementDecisionsEndpoints(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/approvals", RecordApproval)
            .WithSummary("Record a governance approval")
            .WithDescription("A decision by a party, or by a governance body that is part of one (a council's Cabinet, a PCT Board), on a date, "
                + "with its minute reference. A caller records decisions only of its own organisation and its bodies.")
            .RequiresIfMatch()
            .RequireScope(Scopes.RegisterWrite)
            .RequirePartyOf<Agreement>(Resource);
        group.MapPost("/{id:guid}/transitions", TransitionAgreement)
            .WithSummary("Move an agreement to another status")
            .WithDescription("Draft → Approved (needs an Approved decision for every party) → Active (not before commencement) → Suspended / "
                + "Terminated (after commencement) / Expired (after the end date). A termination asked for by one party waits for every "
                + "other party's acceptance; to leave or end it alone, a party serves notice. Anything else is refused with the reason.")
            .RequiresIfMatch()
            .RequireScope(Scopes.RegisterWrite)
            .RequirePartyOf<Agreement>(Resource);
        group.MapPost("/{id:guid}/transitions/{sequence:int}/acceptances", AcceptTransition)
            .WithSummary("Accept a status change another party asked for")
            .RequiresIfMatch()
            .RequireScope(Scopes.RegisterWrite)
            .RequirePartyOf<Agreement>(Resource);
        group.MapPost("/{id:guid}/variations", VaryAgreement)
            .WithSummary("Record the next numbered variation")
            .WithDescription("Any term may change from the variation's date: parties and roles (host among them), flexibilities, services, client "
                + "groups, documents, end and review dates, notice. The caller's organisation must be a party before and after. Organisations "
                + "it adds, removes or gives another role must accept it before it is in force.")
            .RequiresIfMatch()
            .RequireScope(Scopes.RegisterWrite)
            .RequirePartyOf<Agreement>(Resource);
        group.MapPost("/{id:guid}/variations/{number:int}/acceptances", AcceptVariation)
            .WithSummary("Accept a proposed variation")
            .RequiresIfMatch()
            .RequireScope(Scopes.RegisterWrite)
            .RequirePartyOf<Agreement>(Resource);
        group.MapGet("/{id:guid}/variations", ListVariations)
            .ListsAtMost(AgreementRules.MaxEntries)
            .WithSummary("The chain of variations of one agreement")
            .WithDescription("Variations and novations in number order; with `asOf`, as the register stood then.")
            .RequireScope(Scopes.RegisterRead);
        group.MapPost("/{id:guid}/notices", ServeNotice)
            .WithSummary("Serve notice of withdrawal or termination")
            .WithDescription("A party serves notice on a date; it takes effect when the notice period in force that day has run (or on a later date "
                + "given). From then a withdrawal removes the party, a termination ends the agreement.")
            .RequiresIfMatch()
            .RequireScope(Scopes.RegisterWrite)
            .RequirePartyOf<Agreement>(Resource);
        group.MapPost("/{id:guid}/notices/{number:int}/withdrawal", WithdrawNotice)
            .WithSummary("Withdraw a notice before it takes effect")
            .RequiresIfMatch()
            .RequireScope(Scopes.RegisterWrite)
            .RequirePartyOf<Agreement>(Resource);
        return group;
    }

    public static Task<Results<Ok<AgreementResponse>, ValidationProblem, ProblemHttpResult>> RecordApproval(
        Guid id, ApprovalContract body, RegisterDbContext db, AgreementTransfers transfers, CallerOrganisation caller, IMapper mapper,
        TimeProvider clock, HttpContext http, CancellationToken cancellationToken) =>
        AgreementsEndpoints.ChangeAsync(id, db, transfers, mapper, http, cancellationToken, async (agreement, token) =>
        {
            if (!Enum.IsDefined(body.Outcome))
                return [new RuleViolation("$.outcome", "Unknown outcome.")];
            var decidedBy = await db.Organisations.AsNoTracking().Where(o => o.Id == body.BodyId).Select(o => new { o.Id, o.PartOfId }).FirstOrDefaultAsync(token);
            if (decidedBy is null)
                return [new RuleViolation("$.bodyId", "No organisation or board with this id.")];
            agreement.RecordApproval(mapper.Map<Approval>(body), decidedBy.PartOfId, await caller.ActorAsync(token), clock.GetUtcNow());
            return [];
        });

    public static Task<Results<Ok<AgreementResponse>, ValidationProblem, ProblemHttpResult>> TransitionAgreement(
        Guid id, TransitionRequest body, RegisterDbContext db, AgreementTransfers transfers, CallerOrganisation caller, IMapper mapper,
        TimeProvider clock, HttpContext http, CancellationToken cancellationToken) =>
        AgreementsEndpoints.ChangeAsync(id, db, transfers, mapper, http, cancellationToken, async (agreement, token) =>
        {
            agreement.Transition(body.To, body.EffectiveOn, body.Reason, await caller.ActorAsync(token), clock.GetUtcNow());
            return [];
        });

    public static Task<Results<Ok<AgreementResponse>, ValidationProblem, ProblemHttpResult>> AcceptTransition(
        Guid id, int sequence, AcceptanceRequest body, RegisterDbContext db, AgreementTransfers transfers, CallerOrganisation caller,
        IMapper mapper, TimeProvider clock, HttpContext http, CancellationToken cancellationToken) =>
        AgreementsEndpoints.ChangeAsync(id, db, transfers, mapper, http, cancellationToken, async (agreement, token) =>
        {
            agreement.AcceptTransition(sequence, await AcceptingAsync(body.OrganisationId, caller, token), clock.GetUtcNow());
            return [];
        });

    public static Task<Results<Ok<AgreementResponse>, ValidationProblem, ProblemHttpResult>> VaryAgreement(
        Guid id, VariationRequest body, RegisterDbContext db, AgreementTransfers transfers, CallerOrganisation caller, IMapper mapper,
        TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var change = mapper.Map<VariationDetails>(body).Normalised();
        return AgreementsEndpoints.ChangeAsync(id, db, transfers, mapper, http, cancellationToken, async (agreement, token) =>
        {
            var ids = change.Parties.Select(p => p.OrganisationId).Concat(agreement.PartyIds).Distinct().ToList();
            var organisations = await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, token);
            if (AgreementRules.CheckVariation(change, agreement, organisations) is [_, ..] problems)
                return problems;
            agreement.Vary(change, await caller.ActorAsync(token), clock.GetUtcNow());
            return [];
        });
    }

    public static Task<Results<Ok<AgreementResponse>, ValidationProblem, ProblemHttpResult>> AcceptVariation(
        Guid id, int number, AcceptanceRequest body, RegisterDbContext db, AgreementTransfers transfers, CallerOrganisation caller,
        IMapper mapper, TimeProvider clock, HttpContext http, CancellationToken cancellationToken) =>
        AgreementsEndpoints.ChangeAsync(id, db, transfers, mapper, http, cancellationToken, async (agreement, token) =>
        {
            agreement.AcceptVariation(number, await AcceptingAsync(body.OrganisationId, caller, token), clock.GetUtcNow());
            return [];
        });

    /// <param name="asOf">The variations as the register held them at this moment (UTC date-time).</param>
    public static async Task<Results<Ok<List<VariationResponse>>, ProblemHttpResult>> ListVariations(
        Guid id, DateTimeOffset? asOf, RegisterDbContext db, RecordHistory history, IMapper mapper, CancellationToken cancellationToken)
    {
        var source = asOf is { } moment ? await history.AsOfAsync<Agreement>(moment, cancellationToken) : db.Agreements.AsNoTracking();
        var agreement = await source.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        return agreement is null
            ? Problems.NotFound(Resource, id)
            : TypedResults.Ok(mapper.Map<List<VariationResponse>>(agreement.Variations.OrderBy(v => v.Number)));
    }

    public static Task<Results<Ok<AgreementResponse>, ValidationProblem, ProblemHttpResult>> ServeNotice(
        Guid id, NoticeRequest body, RegisterDbContext db, AgreementTransfers transfers, CallerOrganisation caller, IMapper mapper,
        TimeProvider clock, HttpContext http, CancellationToken cancellationToken) =>
        AgreementsEndpoints.ChangeAsync(id, db, transfers, mapper, http, cancellationToken, async (agreement, token) =>
        {
            var party = await AcceptingAsync(body.OrganisationId, caller, token);
            agreement.ServeNotice(party, body.Kind, body.ServedOn, body.EffectiveOn, body.Reason, clock.GetUtcNow());
            return [];
        });

    public static Task<Results<Ok<AgreementResponse>, ValidationProblem, ProblemHttpResult>> WithdrawNotice(
        Guid id, int number, RegisterDbContext db, AgreementTransfers transfers, CallerOrganisation caller, IMapper mapper,
        TimeProvider clock, HttpContext http, CancellationToken cancellationToken) =>
        AgreementsEndpoints.ChangeAsync(id, db, transfers, mapper, http, cancellationToken, async (agreement, token) =>
        {
            agreement.WithdrawNotice(number, await caller.ActorAsync(token), RegisterCalendar.Today(clock), clock.GetUtcNow());
            return [];
        });

    /// <summary>The organisation acting: the caller's own, or, for the administrator only, the one named.</summary>
    private static async Task<Guid> AcceptingAsync(Guid? named, CallerOrganisation caller, CancellationToken cancellationToken)
    {
        var actor = await caller.ActorAsync(cancellationToken);
        if (actor.IsAdministrator)
            return named ?? throw new RegisterRuleException("organisation-required", "Name the organisation the administrator acts for.", "$.organisationId");
        if (named is not null && named != actor.OrganisationId)
            throw new RegisterRuleException("not-your-organisation", "A caller acts only for the organisation its token names.", "$.organisationId");
        return actor.OrganisationId!.Value;
    }
}
