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

    // batches of a page's size read to fill one page of an organisation's own agreements, at most
    private const int MaxBindingBatches = 10;

    public static Task<Results<Ok<Page<AgreementResponse>>, ValidationProblem>> ListAgreements(
        [AsParameters] AgreementFilters filters, [AsParameters] PageQuery paging,
        RegisterDbContext db, RecordHistory history, IMapper mapper, TimeProvider clock, HttpRequest request, CancellationToken cancellationToken) =>
        ListAsync(filters, paging, db, history, clock, request, async (agreements, token) =>
            (await agreements.ToListAsync(token)).Select(a => AgreementsEndpoints.ToResponse(a, filters.ActiveOn, mapper)).ToList(), cancellationToken);

    public static Task<Results<Ok<Page<AgreementSummaryResponse>>, ValidationProblem>> ListAgreementSummaries(
        [AsParameters] AgreementFilters filters, [AsParameters] PageQuery paging,
        RegisterDbContext db, RecordHistory history, IMapper mapper, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var day = filters.ActiveOn ?? filters.On ?? RegisterCalendar.Today(clock);
        var terms = db.TermsAt(filters.AsOf);
        return ListAsync(filters, paging, db, history, clock, http.Request, async (agreements, token) =>
            (await agreements.SummariesAsync(terms, day, token)).Select(s => AgreementSummaries.ToResponse(s, day, http, mapper)).ToList(), cancellationToken);
    }

    // the questions are the same for whole agreements and for summaries: only how the page's agreements are read differs
    private static async Task<Results<Ok<Page<T>>, ValidationProblem>> ListAsync<T>(
        AgreementFilters filters, PageQuery paging, RegisterDbContext db, RecordHistory history, TimeProvider clock, HttpRequest request,
        Func<IQueryable<Agreement>, CancellationToken, Task<List<T>>> read, CancellationToken cancellationToken) where T : IListedAgreement
    {
        var page = PageRequest.From(paging);
        var problems = PageRequest.Validate(paging.Limit).Concat(filters.Validate()).ToList();
        if (!page.TryReadKey<AgreementCursor>(request, out var after))
            problems.Add(PageRequest.BadCursor);
        if (problems.Count > 0)
            return Problems.Validation(problems);

        var (activeOn, asOf) = (filters.ActiveOn, filters.AsOf);
        var today = filters.On ?? RegisterCalendar.Today(clock);
        var source = asOf is { } moment ? await history.AsOfAsync<Agreement>(moment, cancellationToken) : db.Agreements.AsNoTracking();
        var query = source;
        var terms = db.TermsAt(asOf);
        // "active on D for X" and "X in role R" are asked of the same period: X a party on that day. With an organisation
        // the question is asked of its part in each period, whose index walks its agreements in reference order.
        IQueryable<AgreementPartyTermRow>? parts = filters.OrganisationId is { } organisation ? db.PartyTermsAt(asOf).Of(organisation, filters.Role) : null;
        IQueryable<AgreementTermRow>? periods = parts is null && activeOn is not null ? terms : null;
        if (activeOn is { } day)
        {
            parts = parts?.On(day).Active();
            periods = periods?.On(day).Active();
        }
        if (filters.Basis is { } statute)
            query = query.Where(a => a.Basis == statute);
        if (filters.Status is { } recorded)
            query = query.Where(a => a.Status == recorded);
        if (!string.IsNullOrWhiteSpace(filters.Service))
        {
            // on a day, the services then in force (a variation may add or drop one from a date); else those first agreed
            var wanted = filters.Service.Trim().ToLowerInvariant();
            if (activeOn is not { } on)
                query = query.Where(a => a.Services.Contains(wanted));
            else if (periods is not null)
                periods = periods.WithService(wanted);
            else
                query = query.Having(terms.On(on).WithService(wanted));
        }
        if (filters.ParentId is { } parent)
            query = query.Where(a => a.ParentId == parent);
        if (filters.ExpiringWithinDays is { } expiring)
            query = query.Having(terms.Expiring(today, RegisterCalendar.DaysAfter(today, expiring)));
        if (filters.ReviewWithinDays is { } review)
            query = query.ReviewDue(terms, today, RegisterCalendar.DaysAfter(today, review));
        if (filters.Overdue == true)
            query = query.Having(terms.Overdue(today));

        // asked only of the periods: the page is found among the period rows (or the organisation's part in them), which
        // carry their agreement's reference and are walked in reference order, and only the page's agreements are read.
        // With a question of the agreements too, the agreements are walked and their periods looked up, as before.
        if ((parts is not null || periods is not null) && string.IsNullOrWhiteSpace(filters.Q) && !filters.AsksOfAgreements)
        {
            var pageQuery = parts is not null
                ? query.PageOfPeriods(parts, oneDay: activeOn is not null, after?.Reference, page.Limit + 1)
                : query.PageOfPeriods(periods!, oneDay: true, after?.Reference, page.Limit + 1);
            return TypedResults.Ok(page.ToPage(await read(pageQuery, cancellationToken), a => new AgreementCursor(a.Reference, null), request));
        }
        if (parts is not null)
            query = query.Having(parts);
        else if (periods is not null)
            query = query.Having(periods);

        if (!string.IsNullOrWhiteSpace(filters.Q))
        {
            var narrowed = parts is not null || periods is not null || filters.AsksOfAgreements;
            return TypedResults.Ok(await RankedAsync(db.SearchAt(asOf), narrowed ? query : null, source, filters.Q, page, after, read, request,
                cancellationToken));
        }

        if (after is not null)
            query = query.Where(a => string.Compare(a.Reference, after.Reference) > 0);
        var items = await read(query.OrderBy(a => a.Reference).Take(page.Limit + 1), cancellationToken);
        return TypedResults.Ok(page.ToPage(items, a => new AgreementCursor(a.Reference, null), request));
    }

    /// <param name="id">The over-arching agreement.</param>
    /// <param name="asOf">The schedules as the register held them at this moment (UTC date-time).</param>
    public static async Task<Results<Ok<Page<AgreementResponse>>, ValidationProblem, ProblemHttpResult>> ListSchedules(
        Guid id, DateTimeOffset? asOf, [AsParameters] PageQuery paging, RegisterDbContext db, RecordHistory history, IMapper mapper,
        HttpRequest request, CancellationToken cancellationToken)
    {
        var page = PageRequest.From(paging);
        if (PageRequest.Validate(paging.Limit) is [_, ..] problems)
            return Problems.Validation(problems);
        if (!page.TryReadKey<AgreementCursor>(request, out var after))
            return Problems.Validation([PageRequest.BadCursor]);
        var source = asOf is { } moment ? await history.AsOfAsync<Agreement>(moment, cancellationToken) : db.Agreements.AsNoTracking();
        if (!await source.AnyAsync(a => a.Id == id, cancellationToken))
            return Problems.NotFound(AgreementsEndpoints.Resource, id);
        // the tree is walked by ids alone; only the page's agreements are read whole, in reference order
        var descendants = await source.DescendantIdsAsync(id, MaxScheduleDepth, cancellationToken);
        var schedules = source.Where(a => descendants.Contains(a.Id));
        if (after is not null)
            schedules = schedules.Where(a => string.Compare(a.Reference, after.Reference) > 0);
        var rows = await schedules.OrderBy(a => a.Reference).Take(page.Limit + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(page.ToPage(rows.Select(a => AgreementsEndpoints.ToResponse(a, null, mapper)).ToList(),
            a => new AgreementCursor(a.Reference, null), request));
    }

    /// <param name="id">The organisation.</param>
    public static Task<Results<Ok<Page<BindingAgreementResponse>>, ValidationProblem, ProblemHttpResult>> ListBindingAgreements(
        Guid id, [AsParameters] BindingAgreementFilters filters, [AsParameters] PageQuery paging, RegisterDbContext db, RecordHistory history,
        IMapper mapper, HttpRequest request, CancellationToken cancellationToken) =>
        ListBindingAsync(id, filters, paging, db, history, request, async (agreements, _, token) =>
                (await agreements.ToListAsync(token))
                    .Select(a => new Bound<AgreementResponse>(AgreementsEndpoints.ToResponse(a, filters.ActiveOn, mapper), a.Reference, a.InheritedThrough(id))).ToList(),
            (bound, name) => new BindingAgreementResponse
            {
                Agreement = bound.Item, BoundThroughId = bound.Link.Through, BoundThroughName = name, SuccessionDepth = bound.Link.Depth,
            }, cancellationToken);

    /// <param name="id">The organisation.</param>
    public static Task<Results<Ok<Page<BindingAgreementSummaryResponse>>, ValidationProblem, ProblemHttpResult>> ListBindingAgreementSummaries(
        Guid id, [AsParameters] BindingAgreementFilters filters, [AsParameters] PageQuery paging, RegisterDbContext db, RecordHistory history,
        IMapper mapper, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var day = filters.ActiveOn ?? RegisterCalendar.Today(clock);
        var terms = db.TermsAt(filters.AsOf);
        return ListBindingAsync(id, filters, paging, db, history, http.Request, async (agreements, all, token) =>
            {
                var rows = await agreements.SummariesAsync(terms, day, token);
                var variations = await all.VariationsAsync(rows.Select(r => r.Id).ToList(), token);
                return rows.Select(r => new Bound<AgreementSummaryResponse>(AgreementSummaries.ToResponse(r, day, http, mapper), r.Reference,
                    Agreement.InheritedThrough(variations[r.Id], id))).ToList();
            },
            (bound, name) => new BindingAgreementSummaryResponse
            {
                Agreement = bound.Item, BoundThroughId = bound.Link.Through, BoundThroughName = name, SuccessionDepth = bound.Link.Depth,
            }, cancellationToken);
    }

    // one agreement that binds the organisation, as the list shows it, with its reference and through whom it binds
    private sealed record Bound<T>(T Item, string Reference, (Guid Through, int Depth) Link);

    // the agreements binding an organisation, read batch by batch in reference order by `read` (given the batch, and every
    // agreement now or then), whole or summarised
    private static async Task<Results<Ok<Page<TItem>>, ValidationProblem, ProblemHttpResult>> ListBindingAsync<T, TItem>(
        Guid id, BindingAgreementFilters filters, PageQuery paging, RegisterDbContext db, RecordHistory history, HttpRequest request,
        Func<IQueryable<Agreement>, IQueryable<Agreement>, CancellationToken, Task<List<Bound<T>>>> read, Func<Bound<T>, string, TItem> item,
        CancellationToken cancellationToken)
    {
        var page = PageRequest.From(paging);
        if (PageRequest.Validate(paging.Limit) is [_, ..] problems)
            return Problems.Validation(problems);
        if (!page.TryReadKey<AgreementCursor>(request, out var after))
            return Problems.Validation([PageRequest.BadCursor]);
        var known = filters.AsOf is { } moment
            ? await history.HeldAtAsync<Domain.Organisations.Organisation>(id, moment, cancellationToken)
            : await db.Organisations.AnyAsync(o => o.Id == id, cancellationToken);
        if (!known)
            return Problems.NotFound("organisation", id);
        var query = filters.AsOf is { } at ? await history.AsOfAsync<Agreement>(at, cancellationToken) : db.Agreements.AsNoTracking();
        var periods = db.TermsAt(filters.AsOf).WithAnyParty([id]);
        if (filters.ActiveOn is { } day)
            periods = periods.On(day).Active();
        var binding = query.Having(periods);

        // whether it was inherited is read from each agreement's variations: its own only are found batch by batch, in reference
        // order, and a page short of its limit after MaxBindingBatches still ends with a cursor past the last agreement read
        var bound = new List<Bound<T>>();
        var lastRead = after?.Reference;
        var exhausted = false;
        for (var batch = 0; !exhausted && bound.Count <= page.Limit && batch < MaxBindingBatches; batch++)
        {
            var from = lastRead;
            var rows = await read((from is null ? binding : binding.Where(a => string.Compare(a.Reference, from) > 0))
                .OrderBy(a => a.Reference).Take(page.Limit + 1), query, cancellationToken);
            exhausted = rows.Count <= page.Limit;
            foreach (var agreement in rows.TakeWhile(_ => bound.Count <= page.Limit))
            {
                lastRead = agreement.Reference;
                if (filters.IncludePredecessors != false || agreement.Link.Depth == 0)
                    bound.Add(agreement);
            }
        }
        var onPage = bound.Take(page.Limit).ToList();
        var throughIds = onPage.Select(b => b.Link.Through).Distinct().ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => throughIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var items = onPage.Select(b => item(b, names.GetValueOrDefault(b.Link.Through, string.Empty))).ToList();
        if (bound.Count > page.Limit)
            return TypedResults.Ok(page.ToPageAfter(items, new AgreementCursor(onPage[^1].Reference, null), request));
        return TypedResults.Ok(exhausted ? new Page<TItem> { Items = items } : page.ToPageAfter(items, new AgreementCursor(lastRead!, null), request));
    }

    // the matches are ranked from their stored documents alone (each row small, under a GIN index); with other questions asked,
    // only the documents of the agreements they find; then only the page's agreements are read whole
    private static async Task<Page<T>> RankedAsync<T>(
        IQueryable<AgreementSearchRow> documents, IQueryable<Agreement>? narrowedTo, IQueryable<Agreement> agreements, string text, PageRequest page,
        AgreementCursor? after, Func<IQueryable<Agreement>, CancellationToken, Task<List<T>>> read, HttpRequest request, CancellationToken cancellationToken)
        where T : IListedAgreement
    {
        // the document searched: reference and title, services, purpose, weighted in that order
        var matches = documents.Where(d => d.Document.Matches(EF.Functions.WebSearchToTsQuery("english", text)));
        if (narrowedTo is not null)
            matches = matches.Where(d => narrowedTo.Any(a => a.Id == d.AgreementId));
        var ranked = matches.Select(d => new { d.AgreementId, d.Reference, Rank = d.Document.Rank(EF.Functions.WebSearchToTsQuery("english", text)) });
        if (after?.Rank is { } rank)
            ranked = ranked.Where(x => x.Rank < rank || (x.Rank == rank && string.Compare(x.Reference, after.Reference) > 0));
        var found = await ranked.OrderByDescending(x => x.Rank).ThenBy(x => x.Reference).Take(page.Limit + 1).ToListAsync(cancellationToken);
        var ids = found.Select(x => x.AgreementId).ToList();
        // read from every agreement (then), not the filtered ones: agreements are never deleted, so each document found has its row
        var rows = (await read(agreements.Where(a => ids.Contains(a.Id)), cancellationToken)).ToDictionary(a => a.Id);
        var items = found.Select(x => (Response: rows[x.AgreementId], x.Reference, x.Rank)).ToList();
        var result = page.ToPage(items, x => new AgreementCursor(x.Reference, x.Rank), request);
        return new Page<T> { Items = result.Items.Select(x => x.Response).ToList(), NextCursor = result.NextCursor, Next = result.Next };
    }

    private sealed record AgreementCursor(string Reference, float? Rank);
}
