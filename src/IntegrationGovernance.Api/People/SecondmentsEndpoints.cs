using AutoMapper;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.OpenApi;
using IntegrationGovernance.Api.RecordKeeping;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Common;
using IntegrationGovernance.Domain.People;
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
            .ListsAtMost(PageRequest.MaxLimit)
            .WithSummary("Find secondments")
            .WithDescription("Compliance questions: active on a date for an organisation (in, out or either); those whose authorising agreement "
                + "ends before they do or has been terminated; those ending within N days. Only secondments the caller's organisation employs or hosts are listed, unless admin.")
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
        return TypedResults.Created($"{http.Request.PathBase}/api/v1/secondments/{secondment.Id}", mapper.Map<SecondmentResponse>(secondment));
    }

    /// <param name="id"></param>
    /// <param name="asOf">Read the secondment as the register held it at this moment (UTC date-time).</param>
    /// <param name="db"></param>
    /// <param name="history"></param>
    /// <param name="mapper"></param>
    /// <param name="http"></param>
    /// <param name="cancellationToken"></param>
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
    public static async Task<IReadOnlyList<SecondmentResponse>?> HistoryViewAsync(Guid id, IReadOnlyList<Secondment> records, HttpContext http, CancellationToken cancellationToken)
    {
        var db = http.RequestServices.GetRequiredService<RegisterDbContext>();
        var secondment = await db.Secondments.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (secondment is null || !await MaySeeAsync(secondment, http, cancellationToken))
            return null;
        var mapper = http.RequestServices.GetRequiredService<IMapper>();
        return [.. records.Select(mapper.Map<SecondmentResponse>)];
    }

    // employer and host never change, so who may see a secondment now may see every state of it
    private static Task<bool> MaySeeAsync(Secondment secondment, HttpContext http, CancellationToken cancellationToken) =>
        AccessRuleExtensions.ActsForAnyAsync(http, [secondment.EmployerId, secondment.HostId], cancellationToken);

    /// <param name="organisationId">Only secondments of this organisation.</param>
    /// <param name="direction">With organisationId: In (it hosts), Out (it employs) or Either (default).</param>
    /// <param name="activeOn">Only secondments running on this date.</param>
    /// <param name="agreementEndsFirst">Only secondments whose authorising agreement ends before they do, or has been terminated or has expired.</param>
    /// <param name="endingWithinDays">Only secondments ending within this many days of <c>on</c>.</param>
    /// <param name="on">The day endingWithinDays counts from (default today in London).</param>
    /// <param name="asOf">Answer as the register stood at this moment (UTC date-time): the secondments and agreements as then recorded.</param>
    /// <param name="db"></param>
    /// <param name="history"></param>
    /// <param name="mapper"></param>
    /// <param name="caller"></param>
    /// <param name="clock"></param>
    /// <param name="http"></param>
    /// <param name="cancellationToken"></param>
    public static async Task<Results<Ok<List<SecondmentResponse>>, ValidationProblem>> ListSecondments(
        Guid? organisationId, SecondmentDirection? direction, DateOnly? activeOn, bool? agreementEndsFirst, int? endingWithinDays, DateOnly? on,
        DateTimeOffset? asOf, RegisterDbContext db, RecordHistory history, IMapper mapper, CallerOrganisation caller, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        if (endingWithinDays is < 0 or > RequestBounds.MaxWithinDays)
            return Problems.Validation("endingWithinDays", $"Between 0 and {RequestBounds.MaxWithinDays} days.");
        var query = asOf is { } moment ? await history.AsOfAsync<Secondment>(moment, cancellationToken) : db.Secondments.AsNoTracking();
        if (!http.User.HasScope(Scopes.Admin))
        {
            // personal data: only what the caller's organisation employs or hosts
            var mine = await caller.IdAsync(cancellationToken) ?? Guid.Empty;
            query = query.Where(s => s.EmployerId == mine || s.HostId == mine);
        }
        if (organisationId is { } organisation)
        {
            query = direction switch
            {
                SecondmentDirection.In => query.Where(s => s.HostId == organisation),
                SecondmentDirection.Out => query.Where(s => s.EmployerId == organisation),
                _ => query.Where(s => s.HostId == organisation || s.EmployerId == organisation),
            };
        }
        if (activeOn is { } day)
            query = query.Where(s => s.StartsOn <= day && (s.EndsOn == null || s.EndsOn >= day));
        if (endingWithinDays is { } within)
        {
            var from = on ?? RegisterCalendar.Today(clock);
            var until = RegisterCalendar.DaysAfter(from, within);
            query = query.Where(s => s.EndsOn >= from && s.EndsOn <= until);
        }
        if (agreementEndsFirst == true)
        {
            var agreements = asOf is { } at ? await history.AsOfAsync<Agreement>(at, cancellationToken) : db.Agreements.AsNoTracking();
            query = query.Where(s => agreements.Any(a => a.Id == s.AgreementId
                && (a.Status == AgreementStatus.Terminated || a.Status == AgreementStatus.Expired
                    || (a.LatestEndsOn != null && (s.EndsOn == null || a.LatestEndsOn < s.EndsOn)))));
        }
        var secondments = await query.OrderBy(s => s.StartsOn).ThenBy(s => s.Id).Take(PageRequest.MaxLimit).ToListAsync(cancellationToken);
        return TypedResults.Ok(mapper.Map<List<SecondmentResponse>>(secondments));
    }
}

public enum SecondmentDirection
{
    Either,
    In,
    Out,
}
