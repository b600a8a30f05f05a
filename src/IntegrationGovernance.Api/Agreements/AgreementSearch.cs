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
    private static readonly AgreementStatus[] Running = [AgreementStatus.Active, AgreementStatus.Suspended];

    /// <param name="activeOn">Only agreements active on this date (status history and term, as varied).</param>
    /// <param name="organisationId">Only agreements this organisation is a party to.</param>
    /// <param name="role">With organisationId: only where it has this role.</param>
    /// <param name="basis">Only agreements under this statutory basis.</param>
    /// <param name="service">Only agreements covering this service (e.g. health visiting).</param>
    /// <param name="parentId">Only the agreements directly under this over-arching agreement.</param>
    /// <param name="expiringWithinDays">Only running agreements whose end date falls within this many days of <c>on</c>.</param>
    /// <param name="reviewWithinDays">Only agreements whose review date falls within this many days of <c>on</c>.</param>
    /// <param name="overdue">Only running agreements already past their end date on <c>on</c>, with no termination or expiry recorded.</param>
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
        DateOnly? activeOn, Guid? organisationId, PartyRole? role, StatutoryBasis? basis, string? service, Guid? parentId,
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
        if (activeOn is { } day)
            query = query.ActiveOn(day);
        if (organisationId is { } organisation)
        {
            query = query.WithAnyParty([organisation]);
            if (role is { } partyRole)
                query = query.Where(a => a.Parties.Any(p => p.OrganisationId == organisation && p.Role == partyRole));
        }
        if (basis is { } statute)
            query = query.Where(a => a.Basis == statute);
        if (!string.IsNullOrWhiteSpace(service))
        {
            var wanted = service.Trim().ToLowerInvariant();
            query = query.Where(a => a.Services.Contains(wanted));
        }
        if (parentId is { } parent)
            query = query.Where(a => a.ParentId == parent);
        if (expiringWithinDays is { } expiring)
        {
            var until = RegisterCalendar.DaysAfter(today, expiring);
            query = query.Where(a => Running.Contains(a.Status) && a.LatestEndsOn >= today && a.LatestEndsOn <= until);
        }
        if (reviewWithinDays is { } review)
        {
            var until = RegisterCalendar.DaysAfter(today, review);
            query = query.Where(a => a.Status != AgreementStatus.Terminated && a.Status != AgreementStatus.Expired
                && a.LatestReviewOn >= today && a.LatestReviewOn <= until);
        }
        if (overdue == true)
            query = query.Where(a => Running.Contains(a.Status) && a.LatestEndsOn < today);

        if (!string.IsNullOrWhiteSpace(q))
            return TypedResults.Ok(await RankedAsync(query, q, page, after, activeOn, mapper, request, cancellationToken));

        if (after is not null)
            query = query.Where(a => string.Compare(a.Reference, after.Reference) > 0);
        var rows = await query.OrderBy(a => a.Reference).Take(page.Limit + 1).ToListAsync(cancellationToken);
        var items = rows.Select(a => AgreementsEndpoints.ToResponse(a, activeOn, mapper)).ToList();
        return TypedResults.Ok(page.ToPage(items, a => new AgreementCursor(a.Reference, null), request));
    }

    public static async Task<Results<Ok<List<AgreementResponse>>, ProblemHttpResult>> ListSchedules(
        Guid id, RegisterDbContext db, IMapper mapper, CancellationToken cancellationToken)
    {
        if (!await db.Agreements.AnyAsync(a => a.Id == id, cancellationToken))
            return Problems.NotFound(AgreementsEndpoints.Resource, id);
        var schedules = await db.Descendants(id).AsNoTracking().OrderBy(a => a.Reference).ToListAsync(cancellationToken);
        return TypedResults.Ok(schedules.Select(a => AgreementsEndpoints.ToResponse(a, null, mapper)).ToList());
    }

    /// <param name="id"></param>
    /// <param name="activeOn">Only agreements active on this date.</param>
    /// <param name="includePredecessors">Include agreements made by the organisation's predecessors (default true).</param>
    /// <param name="db"></param>
    /// <param name="chains"></param>
    /// <param name="mapper"></param>
    /// <param name="cancellationToken"></param>
    public static async Task<Results<Ok<List<BindingAgreementResponse>>, ProblemHttpResult>> ListBindingAgreements(
        Guid id, DateOnly? activeOn, bool? includePredecessors, RegisterDbContext db, SuccessionChains chains, IMapper mapper,
        CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null)
            return Problems.NotFound("organisation", id);
        var through = new Dictionary<Guid, (string Name, int Depth)> { [id] = (organisation.Name, 0) };
        if (includePredecessors != false)
        {
            foreach (var link in await chains.PredecessorsAsync(id, cancellationToken))
                through.TryAdd(link.OrganisationId, (link.Name, link.Depth));
        }
        var query = db.Agreements.AsNoTracking().WithAnyParty(through.Keys.ToArray());
        if (activeOn is { } day)
            query = query.ActiveOn(day);
        var agreements = await query.OrderBy(a => a.Reference).Take(PageRequest.MaxLimit).ToListAsync(cancellationToken);
        return TypedResults.Ok(agreements.Select(a =>
        {
            var party = a.PartyIds.Where(through.ContainsKey).MinBy(p => through[p].Depth);
            return new BindingAgreementResponse
            {
                Agreement = AgreementsEndpoints.ToResponse(a, activeOn, mapper),
                BoundThroughId = party,
                BoundThroughName = through[party].Name,
                SuccessionDepth = through[party].Depth,
            };
        }).ToList());
    }

    private static async Task<Page<AgreementResponse>> RankedAsync(
        IQueryable<Agreement> query, string text, PageRequest page, AgreementCursor? after, DateOnly? activeOn, IMapper mapper,
        HttpRequest request, CancellationToken cancellationToken)
    {
        // the document searched: reference, title, purpose and services, in English
        var ranked = query
            .Select(a => new
            {
                Agreement = a,
                Document = EF.Functions.ToTsVector("english", a.Reference + " " + a.Title + " " + (a.Purpose ?? "") + " " + string.Join(" ", a.Services)),
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
