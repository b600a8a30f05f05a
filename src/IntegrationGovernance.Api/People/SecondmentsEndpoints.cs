using AutoMapper;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.OpenApi;
using IntegrationGovernance.Api.RecordKeeping;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Domain.Common;
using IntegrationGovernance.Domain.People;
using IntegrationGovernance.Infrastructure.Agreements;
using IntegrationGovernance.Infrastructure.People;
using IntegrationGovernance.Infrastructure.Persistence;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Api.People;

/// <summary>
/// Secondments: personal data. A caller sees only those its organisation employs or hosts (unless admin);
/// any other is answered 404, so its existence is not revealed.
/// </summary>
public static class SecondmentsEndpoints
{
    public const string Resource = "secondment";

    public static RouteGroupBuilder MapSecondmentsEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/secondments").WithTags("People");
        group.MapPost("/", CreateSecondment)
            .WithSummary("Record a secondment")
            .WithDescription("The authorising agreement must name employer and host as parties and be active for the whole secondment. "
                + "The caller acts for the employer or the host. A secondment placed in a host post lies within that post's period.")
            .ReturnsETag()
            .RequireScope(Scopes.PeopleWrite)
            .WithMetadata(new PartyRule(Resource)); // checked in the handler: employer or host
        group.MapGet("/{id:guid}", GetSecondment)
            .WithName(nameof(GetSecondment))
            .WithSummary("Read one secondment")
            .WithDescription("Only the employer and the host (or an admin) see it; to anyone else it does not exist (404). "
                + "With `asOf`, the secondment as the register held it at that moment (no ETag).")
            .ReturnsETag()
            .RequireScope(Scopes.PeopleRead)
            .WithMetadata(new VisibilityRule(Resource));
        group.MapPut("/{id:guid}/end-date", ChangeSecondmentEndDate)
            .WithSummary("End, shorten or extend a secondment")
            .WithDescription("Sets the last day (null: no end date). Shortening is always allowed. A longer secondment must, for its whole new period, rest on "
                + "its authorising agreement (naming both, active throughout: 422 `authorising-agreement-required`) and fit in its host post. "
                + "The caller acts for the employer or the host; to anyone else the secondment does not exist (404). Requires If-Match.")
            .RequiresIfMatch()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RecordsChangeAs("end-date-changed")
            .RequireScope(Scopes.PeopleWrite)
            .WithMetadata(new VisibilityRule(Resource));
        group.MapHistory<Secondment, SecondmentResponse>(Resource, HistoryViewAsync)
            .WithDescription("Every change the register recorded, oldest first, with the secondment as it then stood. Only the employer and the host "
                + "(or an admin) see it; to anyone else it does not exist (404). Paged like every list.")
            .RequireScope(Scopes.PeopleRead)
            .WithMetadata(new VisibilityRule(Resource));
        group.MapGet("/", ListSecondments)
            .WithSummary("Find secondments")
            .WithDescription("Compliance questions: active on a date for an organisation (in, out or either); those whose authorising agreement "
                + "ends before they do or has been terminated; those ending within N days. Only secondments the caller's organisation employs or hosts are listed, unless admin. Ordered by start date then id, keyset-paged.")
            .RequireScope(Scopes.PeopleRead)
            .WithMetadata(new VisibilityRule(Resource));
        return api;
    }

    public static async Task<Results<Created<SecondmentResponse>, ValidationProblem, ProblemHttpResult>> CreateSecondment(
        SecondmentRequest body, RegisterDbContext db, AccountabilityGraph graph, IMapper mapper, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (!await AccessRuleExtensions.ActsForAnyAsync(http, [body.EmployerId, body.HostId], cancellationToken))
            return AccessRuleExtensions.NotAParty(Resource);
        var problems = Secondment.Check(body.HolderReference, body.EmployerId, body.HostId, body.StartsOn, body.EndsOn, body.Fte, body.RechargePerYear, body.RechargePercent).ToList();
        var known = await db.Organisations.Where(o => o.Id == body.EmployerId || o.Id == body.HostId).Select(o => o.Id).ToListAsync(cancellationToken);
        if (!known.Contains(body.EmployerId))
            problems.Add(new("$.employerId", "No organisation with this id."));
        if (!known.Contains(body.HostId))
            problems.Add(new("$.hostId", "No organisation with this id."));
        if (body.HostPostId is { } hostPost && !await db.Posts.AnyAsync(p => p.Id == hostPost && p.OrganisationId == body.HostId, cancellationToken))
            problems.Add(new("$.hostPostId", "No post with this id in the host organisation."));
        var agreement = await db.Agreements.AsNoTracking().FirstOrDefaultAsync(a => a.Id == body.AgreementId, cancellationToken);
        if (agreement is null)
            problems.Add(new("$.agreementId", "No agreement with this id."));
        if (problems.Count > 0)
            return Problems.Validation(problems);
        if (PlacementBasis.ForSecondment(agreement, body.EmployerId, body.HostId, body.StartsOn, body.EndsOn) is { } missing)
            throw new RegisterRuleException("authorising-agreement-required", missing, "$.agreementId");

        var secondment = await db.InTransactionAsync(async token =>
        {
            // the host post is not ended meanwhile (see EndPost): it must hold the whole secondment
            if (body.HostPostId is { } placed)
            {
                await graph.LockPostsAsync([placed], token);
                var hostPost = await db.Posts.AsNoTracking().FirstAsync(p => p.Id == placed, token);
                if (Secondment.HostPostProblem(hostPost, body.StartsOn, body.EndsOn) is { } outside)
                    throw new RegisterRuleException("outside-host-post", outside, "$.hostPostId");
            }
            var created = Secondment.Create(body.HolderReference, body.EmployerId, body.HostId, body.AgreementId, body.StartsOn, body.EndsOn, body.Fte,
                body.TermsAndConditionsKeptBy, body.ProfessionalSupervisionKeptBy, body.HostPostId, body.RechargePerYear, body.RechargePercent, clock.GetUtcNow());
            db.Secondments.Add(created);
            await db.SaveChangesAsync(token);
            return created;
        }, cancellationToken);
        ETags.Set(http.Response, secondment.Version);
        return TypedResults.Created(http.PathTo(nameof(GetSecondment), new { id = secondment.Id }), mapper.Map<SecondmentResponse>(secondment));
    }

    /// <param name="asOf">Read the secondment as the register held it at this moment (UTC date-time).</param>
    public static async Task<Results<Ok<SecondmentResponse>, ProblemHttpResult>> GetSecondment(
        Guid id, DateTimeOffset? asOf, RegisterDbContext db, RecordHistory history, IMapper mapper, HttpContext http, CancellationToken cancellationToken)
    {
        var source = asOf is { } moment ? await history.AsOfAsync<Secondment>(moment, cancellationToken) : db.Secondments.AsNoTracking();
        var secondment = await source.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (secondment is null || !await MaySeeAsync(secondment, http, cancellationToken))
            return Problems.NotFound(Resource, id);
        if (asOf is null)
            ETags.Set(http.Response, secondment.Version);
        return TypedResults.Ok(mapper.Map<SecondmentResponse>(secondment));
    }

    public static async Task<Results<Ok<SecondmentResponse>, ValidationProblem, ProblemHttpResult>> ChangeSecondmentEndDate(
        Guid id, SecondmentEndDateRequest body, RegisterDbContext db, AccountabilityGraph graph, IMapper mapper, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        // to anyone but its employer and host the secondment does not exist, before any other answer
        var parties = await db.Secondments.Where(s => s.Id == id).Select(s => new { s.EmployerId, s.HostId }).FirstOrDefaultAsync(cancellationToken);
        if (parties is null || !await AccessRuleExtensions.ActsForAnyAsync(http, [parties.EmployerId, parties.HostId], cancellationToken))
            return Problems.NotFound(Resource, id);
        return await RecordChanges.ChangeAsync<Secondment, SecondmentResponse>(db, id, Resource, http, mapper, async (secondment, token) =>
        {
            if (secondment.CheckEndDate(body.EndsOn) is [_, ..] problems)
                return problems;
            var agreement = await db.Agreements.AsNoTracking().FirstOrDefaultAsync(a => a.Id == secondment.AgreementId, token);
            Post? hostPost = null;
            if (secondment.HostPostId is { } placed)
            {
                await graph.LockPostsAsync([placed], token);
                hostPost = await db.Posts.AsNoTracking().FirstOrDefaultAsync(p => p.Id == placed, token);
            }
            secondment.ChangeEndDate(body.EndsOn, agreement, hostPost, clock.GetUtcNow());
            return [];
        }, cancellationToken);
    }

    /// <summary>A secondment's revisions, for its employer and host (and admins) only: to anyone else it does not exist.</summary>
    public static async Task<IReadOnlyList<SecondmentResponse>?> HistoryViewAsync(Guid id, IReadOnlyList<(Revision Revision, Secondment Record)> revisions, HttpContext http,
        CancellationToken cancellationToken)
    {
        var db = http.RequestServices.GetRequiredService<RegisterDbContext>();
        var secondment = await db.Secondments.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (secondment is null || !await MaySeeAsync(secondment, http, cancellationToken))
            return null;
        var mapper = http.RequestServices.GetRequiredService<IMapper>();
        return [.. revisions.Select(r => mapper.Map<SecondmentResponse>(r.Record))];
    }

    // employer and host never change, so who may see a secondment now may see every state of it
    private static Task<bool> MaySeeAsync(Secondment secondment, HttpContext http, CancellationToken cancellationToken) =>
        AccessRuleExtensions.ActsForAnyAsync(http, [secondment.EmployerId, secondment.HostId], cancellationToken);

    public static async Task<Results<Ok<Page<SecondmentResponse>>, ValidationProblem>> ListSecondments(
        [AsParameters] SecondmentFilters filters, [AsParameters] PageQuery paging, RegisterDbContext db, RecordHistory history, IMapper mapper,
        CallerOrganisation caller, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var page = PageRequest.From(paging);
        var problems = filters.Validate().Concat(PageRequest.Validate(paging.Limit)).ToList();
        if (!page.TryReadKey<SecondmentCursor>(http.Request, out var after))
            problems.Add(PageRequest.BadCursor);
        if (problems.Count > 0)
            return Problems.Validation(problems);

        var query = filters.AsOf is { } moment ? await history.AsOfAsync<Secondment>(moment, cancellationToken) : db.Secondments.AsNoTracking();
        if (!http.User.HasScope(Scopes.Admin))
        {
            // personal data: only what the caller's organisation employs or hosts
            var mine = await caller.IdAsync(cancellationToken) ?? Guid.Empty;
            query = query.Where(s => s.EmployerId == mine || s.HostId == mine);
        }
        if (filters.OrganisationId is { } organisation)
        {
            query = filters.Direction switch
            {
                SecondmentDirection.In => query.Where(s => s.HostId == organisation),
                SecondmentDirection.Out => query.Where(s => s.EmployerId == organisation),
                _ => query.Where(s => s.HostId == organisation || s.EmployerId == organisation),
            };
        }
        if (filters.ActiveOn is { } day)
            query = query.Where(s => s.StartsOn <= day && (s.EndsOn == null || s.EndsOn >= day));
        if (filters.EndingWithinDays is { } within)
        {
            var from = filters.On ?? RegisterCalendar.Today(clock);
            var until = RegisterCalendar.DaysAfter(from, within);
            query = query.Where(s => s.EndsOn >= from && s.EndsOn <= until);
        }
        if (filters.AgreementEndsFirst == true)
        {
            // outlasting: no period in which the agreement is active reaches the secondment's last day (a termination or
            // expiry ends its active periods, a variation moves their end)
            var active = db.TermsAt(filters.AsOf).Active();
            query = query.Where(s => !active.Any(t => t.AgreementId == s.AgreementId
                && (t.Valid.UpperBoundInfinite || (s.EndsOn != null && t.Valid.UpperBound > s.EndsOn))));
        }
        if (after is not null)
            query = query.Where(s => EF.Functions.GreaterThan(ValueTuple.Create(s.StartsOn, s.Id), ValueTuple.Create(after.StartsOn, after.Id)));
        var secondments = await query.OrderBy(s => s.StartsOn).ThenBy(s => s.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(page.ToPage(mapper.Map<List<SecondmentResponse>>(secondments), s => new SecondmentCursor(s.StartsOn, s.Id), http.Request));
    }

    private sealed record SecondmentCursor(DateOnly StartsOn, Guid Id);
}
