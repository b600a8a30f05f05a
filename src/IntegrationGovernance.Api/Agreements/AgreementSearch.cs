using AutoMapper;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Common;
using IntegrationGovernance.Infrastructure.Agreements;
using IntegrationGovernance.Infrastructure.Organisations;
using IntegrationGovernance.Infrastructure.Persistence;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Api.Agreements;

/// <summary>The questions legal teams ask of the agreements register.</summary>
public static class AgreementSearch
{
    // schedules annexed to schedules: real registers go two or three deep
    private const int MaxScheduleDepth = 10;

    /// <param name="activeOn">Only agreements active on this date (status, term and parties then in force).</param>
    /// <param name="organisationId">Only agreements this organisation is a party to (on <c>activeOn</c>, when given).</param>
    /// <param name="role">With organisationId: only where it has this role (on <c>activeOn</c>, when given).</param>
    /// <param name="basis">Only agreements under this statutory basis.</param>
    /// <param name="status">Only agreements whose recorded status (the latest transition, whatever its date) is this.</param>
    /// <param name="service">Only agreements covering this service (e.g. health visiting).</param>
    /// <param name="parentId">Only the agreements directly under this over-arching agreement.</param>
    /// <param name="expiringWithinDays">Only agreements running on <c>on</c> whose end date then in force falls within this many days of it.</param>
    /// <param name="reviewWithinDays">Only agreements not finished on <c>on</c> whose review date then in force falls within this many days of it.</param>
    /// <param name="overdue">Only agreements still running on <c>on</c> past the end date then in force, with no termination or expiry recorded.</param>
    /// <param name="on">The day the expiring, review and overdue questions count from (default: today in London).</param>
    /// <param name="q">Full-text search over reference, title, purpose and services; results ranked best first.</param>
    /// <param name="asOf">Read the register as it stood at this moment (UTC date-time).</param>
    /// <param name="limit">Page size, 1 to 500 (default 50).</param>
    /// <param name="cursor">The <c>nextCursor</c> of the previous page.</param>
    /// <param name="db"></param>
    /// <param name="history"></param>
    /// <param name="mapper"></param>
    /// <param name="clock"></param>
    /// <param name="request"></param>
    /// <param name="cancellationToken"></param>
    public static async Task<Results<Ok<Page<AgreementResponse>>, ValidationProblem>> ListAgreements(
        DateOnly? activeOn, Guid? organisationId, PartyRole? role, StatutoryBasis? basis, AgreementStatus? status, string? service, Guid? parentId,
        int? expiringWithinDays, int? reviewWithinDays, bool? overdue, DateOnly? on, string? q, DateTimeOffset? asOf,
        int? limit, string? cursor,
        RegisterDbContext db, RecordHistory history, IMapper mapper, TimeProvider clock, HttpRequest request, CancellationToken cancellationToken)
    {
        var page = PageRequest.From(limit, cursor);
        var problems = PageRequest.Validate(limit).ToList();
        if (expiringWithinDays is < 0 or > 3660)
            problems.Add(new RuleViolation("expiringWithinDays", "Between 0 and 3660 days."));
        if (reviewWithinDays is < 0 or > 3660)
            problems.Add(new RuleViolation("reviewWithinDays", "Between 0 and 3660 days."));
        if (role is not null && organisationId is null)
            problems.Add(new RuleViolation("role", "A role filter needs organisationId."));
        if (!page.TryReadKey<AgreementCursor>(out var after))
            problems.Add(PageRequest.BadCursor);
        if (problems.Count > 0)
            return Problems.Validation(problems);

        var today = on ?? RegisterCalendar.Today(clock);
        var query = asOf is { } moment ? await history.AsOfAsync<Agreement>(moment, cancellationToken) : db.Agreements.AsNoTracking();
        var terms = db.TermsAt(asOf);
        // "active on D for X" and "X in role R" are asked of the same period: X a party on that day. With an organisation
        // the question is asked of its part in each period, whose index walks its agreements in reference order.
        IQueryable<AgreementPartyTermRow>? parts = organisationId is { } organisation ? db.PartyTermsAt(asOf).Of(organisation, role) : null;
        IQueryable<AgreementTermRow>? periods = parts is null && activeOn is not null ? terms : null;
        if (activeOn is { } day)
        {
            parts = parts?.On(day).Active();
            periods = periods?.On(day).Active();
        }
        if (basis is { } statute)
            query = query.Where(a => a.Basis == statute);
        if (status is { } recorded)
            query = query.Where(a => a.Status == recorded);
        if (!string.IsNullOrWhiteSpace(service))
        {
            var wanted = service.Trim().ToLowerInvariant();
            query = query.Where(a => a.Services.Contains(wanted));
        }
        if (parentId is { } parent)
            query = query.Where(a => a.ParentId == parent);
        if (expiringWithinDays is { } expiring)
            query = query.Having(terms.Expiring(today, RegisterCalendar.DaysAfter(today, expiring)));
        if (reviewWithinDays is { } review)
            query = query.ReviewDue(terms, today, RegisterCalendar.DaysAfter(today, review));
        if (overdue == true)
            query = query.Having(terms.Overdue(today));

        // asked only of the periods: the page is found among the period rows (or the organisation's part in them), which
        // carry their agreement's reference and are walked in reference order, and only the page's agreements are read.
        // With a question of the agreements too, the agreements are walked and their periods looked up, as before.
        var ofAgreementsToo = basis is not null || status is not null || !string.IsNullOrWhiteSpace(service) || parentId is not null
            || expiringWithinDays is not null || reviewWithinDays is not null || overdue == true;
        if ((parts is not null || periods is not null) && string.IsNullOrWhiteSpace(q) && !ofAgreementsToo)
        {
            var pageQuery = parts is not null
                ? query.PageOfPeriods(parts, oneDay: activeOn is not null, after?.Reference, page.Limit + 1)
                : query.PageOfPeriods(periods!, oneDay: true, after?.Reference, page.Limit + 1);
            var found = await pageQuery.ToListAsync(cancellationToken);
            return TypedResults.Ok(page.ToPage(found.Select(a => AgreementsEndpoints.ToResponse(a, activeOn, mapper)).ToList(),
                a => new AgreementCursor(a.Reference, null), request));
        }
        if (parts is not null)
            query = query.Having(parts);
        else if (periods is not null)
            query = query.Having(periods);

        if (!string.IsNullOrWhiteSpace(q))
            return TypedResults.Ok(await RankedAsync(query, q, page, after, activeOn, mapper, request, cancellationToken));

        if (after is not null)
            query = query.Where(a => string.Compare(a.Reference, after.Reference) > 0);
        var rows = await query.OrderBy(a => a.Reference).Take(page.Limit + 1).ToListAsync(cancellationToken);
        var items = rows.Select(a => AgreementsEndpoints.ToResponse(a, activeOn, mapper)).ToList();
        return TypedResults.Ok(page.ToPage(items, a => new AgreementCursor(a.Reference, null), request));
    }

    /// <param name="id"></param>
    /// <param name="asOf">The schedules as the register held them at this moment (UTC date-time).</param>
    /// <param name="db"></param>
    /// <param name="history"></param>
    /// <param name="mapper"></param>
    /// <param name="cancellationToken"></param>
    public static async Task<Results<Ok<List<AgreementResponse>>, ProblemHttpResult>> ListSchedules(
        Guid id, DateTimeOffset? asOf, RegisterDbContext db, RecordHistory history, IMapper mapper, CancellationToken cancellationToken)
    {
        var source = asOf is { } moment ? await history.AsOfAsync<Agreement>(moment, cancellationToken) : db.Agreements.AsNoTracking();
        if (!await source.AnyAsync(a => a.Id == id, cancellationToken))
            return Problems.NotFound(AgreementsEndpoints.Resource, id);
        var schedules = await source.DescendantsAsync(id, MaxScheduleDepth, cancellationToken);
        return TypedResults.Ok(schedules.OrderBy(a => a.Reference, StringComparer.Ordinal).Select(a => AgreementsEndpoints.ToResponse(a, null, mapper)).ToList());
    }

    /// <param name="id"></param>
    /// <param name="activeOn">Only agreements active on this date with the organisation a party that day.</param>
    /// <param name="includePredecessors">Include agreements the organisation took over from predecessors by novation (default true).</param>
    /// <param name="asOf">Answer as the register stood at this moment (UTC date-time).</param>
    /// <param name="db"></param>
    /// <param name="history"></param>
    /// <param name="mapper"></param>
    /// <param name="cancellationToken"></param>
    public static async Task<Results<Ok<List<BindingAgreementResponse>>, ProblemHttpResult>> ListBindingAgreements(
        Guid id, DateOnly? activeOn, bool? includePredecessors, DateTimeOffset? asOf, RegisterDbContext db, RecordHistory history, IMapper mapper,
        CancellationToken cancellationToken)
    {
        var known = asOf is { } moment
            ? await history.HeldAtAsync<Domain.Organisations.Organisation>(id, moment, cancellationToken)
            : await db.Organisations.AnyAsync(o => o.Id == id, cancellationToken);
        if (!known)
            return Problems.NotFound("organisation", id);
        var query = asOf is { } at ? await history.AsOfAsync<Agreement>(at, cancellationToken) : db.Agreements.AsNoTracking();
        var periods = db.TermsAt(asOf).WithAnyParty([id]);
        if (activeOn is { } day)
            periods = periods.On(day).Active();
        var agreements = await query.Having(periods).OrderBy(a => a.Reference).Take(PageRequest.MaxLimit).ToListAsync(cancellationToken);

        var bound = agreements.Select(a => (Agreement: a, Link: a.InheritedThrough(id)))
            .Where(b => includePredecessors != false || b.Link.Depth == 0)
            .ToList();
        var throughIds = bound.Select(b => b.Link.Through).Distinct().ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => throughIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        return TypedResults.Ok(bound.Select(b => new BindingAgreementResponse
        {
            Agreement = AgreementsEndpoints.ToResponse(b.Agreement, activeOn, mapper),
            BoundThroughId = b.Link.Through,
            BoundThroughName = names.GetValueOrDefault(b.Link.Through, string.Empty),
            SuccessionDepth = b.Link.Depth,
        }).ToList());
    }

    private static async Task<Page<AgreementResponse>> RankedAsync(
        IQueryable<Agreement> query, string text, PageRequest page, AgreementCursor? after, DateOnly? activeOn, IMapper mapper,
        HttpRequest request, CancellationToken cancellationToken)
    {
        // the document searched: reference and title, services, purpose, weighted in that order, served by a GIN index
        var ranked = query
            .Select(a => new
            {
                Agreement = a,
                Document = AgreementSearchDocument.Of(a.Reference, a.Title, a.Purpose, a.Services),
                Query = EF.Functions.WebSearchToTsQuery("english", text),
            })
            .Where(x => x.Document.Matches(x.Query))
            .Select(x => new { x.Agreement, Rank = x.Document.RankCoverDensity(x.Query) });
        if (after?.Rank is { } rank)
            ranked = ranked.Where(x => x.Rank < rank || (x.Rank == rank && string.Compare(x.Agreement.Reference, after.Reference) > 0));
        var rows = await ranked.OrderByDescending(x => x.Rank).ThenBy(x => x.Agreement.Reference).Take(page.Limit + 1).ToListAsync(cancellationToken);
        var items = rows.Select(x => (Response: AgreementsEndpoints.ToResponse(x.Agreement, activeOn, mapper), x.Rank)).ToList();
        var result = page.ToPage(items, x => new AgreementCursor(x.Response.Reference, x.Rank), request);
        return new Page<AgreementResponse> { Items = result.Items.Select(x => x.Response).ToList(), NextCursor = result.NextCursor, Next = result.Next };
    }

    private sealed record AgreementCursor(string Reference, float? Rank);
}
