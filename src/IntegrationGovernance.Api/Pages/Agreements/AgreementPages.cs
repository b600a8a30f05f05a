using AutoMapper;
using IntegrationGovernance.Api.Agreements;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.Pages.Shared;
using IntegrationGovernance.Api.RecordKeeping;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Common;
using IntegrationGovernance.Infrastructure.Persistence;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationGovernance.Api.Pages.Agreements;

/// <summary>
/// The agreements as pages: the search (and its CSV), the legal worklist, and one agreement. Every read goes through
/// the API's own handler (<see cref="AgreementSearch"/>, <see cref="AgreementsEndpoints"/>, <see cref="HistoryEndpoints"/>),
/// with the API's scope; the page only lays out what it answers.
/// </summary>
public static class AgreementPages
{
    /// <summary>A CSV download holds at most this many agreements; a larger selection is refused, to be narrowed.</summary>
    public const int MaxCsvRows = 10_000;

    /// <summary>An agreement's page lists this many of its schedules (unless the address says <c>limit</c>), then links to the next page of them.</summary>
    public const int SchedulesPerPage = 100;

    public static RouteGroupBuilder MapAgreementPages(this RouteGroupBuilder pages)
    {
        pages.MapGet("/agreements", Search).RequirePageScope(Scopes.RegisterRead);
        pages.MapGet("/agreements/csv", Download).RequirePageScope(Scopes.RegisterRead);
        pages.MapGet("/agreements/worklist", Worklist).RequirePageScope(Scopes.RegisterRead);
        pages.MapGet("/agreements/{id:guid}", Show).RequirePageScope(Scopes.RegisterRead);
        return pages;
    }

    private static async Task<IResult> Search(HttpContext http, PageShells shells, OrganisationNames names, RegisterDbContext db, RecordHistory history,
        IMapper mapper, TimeProvider clock, CancellationToken cancellationToken)
    {
        var query = new PageAddress(http.Request.Query);
        var filter = await AgreementFilter.Read(query).ResolveAsync(query, db, history, mapper, http.Request, cancellationToken);
        Page<AgreementResponse>? results = null;
        if (query.Valid)
        {
            var answer = await ListAsync(filter, filter.Limit, filter.Cursor, db, history, mapper, clock, http.Request, cancellationToken);
            if (answer.Result is Ok<Page<AgreementResponse>> ok)
                results = ok.Value;
            else if (answer.Result is ValidationProblem problem)
                query.Problems(problem.ProblemDetails.Errors);
        }
        var api = ApiUrl(http.Request, filter);
        var shell = await shells.CreateAsync(http, "Find agreements", "agreements", query.Valid ? api : null, query.Errors, cancellationToken);
        var partyNames = results is null ? new Dictionary<Guid, string>()
            : await names.ForAsync(results.Items.SelectMany(a => (a.OnDate?.Parties ?? a.Parties).Select(p => p.OrganisationId)), filter.AsOf, cancellationToken);
        var next = results?.NextCursor is { } cursor ? PageLinks.With(http.Request, "/agreements", null, ("cursor", cursor)) : null;
        var model = new AgreementsModel(filter, results, partyNames, PageLinks.With(http.Request, "/agreements/csv", ["cursor", "limit"]), next,
            filter.Cursor is not null ? PageLinks.With(http.Request, "/agreements", null, ("cursor", null)) : null);
        return PageResults.Page<AgreementsPage>(shell, model, query.Valid ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> Download(HttpContext http, PageShells shells, OrganisationNames names, RegisterDbContext db, RecordHistory history,
        IMapper mapper, TimeProvider clock, CancellationToken cancellationToken)
    {
        var query = new PageAddress(http.Request.Query);
        var filter = await AgreementFilter.Read(query).ResolveAsync(query, db, history, mapper, http.Request, cancellationToken);
        var rows = new List<AgreementResponse>();
        string? cursor = null;
        while (query.Valid)
        {
            var answer = await ListAsync(filter, PageRequest.MaxLimit, cursor, db, history, mapper, clock, http.Request, cancellationToken);
            if (answer.Result is ValidationProblem problem)
            {
                query.Problems(problem.ProblemDetails.Errors);
                break;
            }
            var page = ((Ok<Page<AgreementResponse>>)answer.Result).Value!;
            rows.AddRange(page.Items);
            if (page.NextCursor is null)
                break;
            if (rows.Count >= MaxCsvRows)
            {
                query.Problem("q", $"More than {MaxCsvRows:N0} agreements match: narrow the filters to download them.");
                break;
            }
            cursor = page.NextCursor;
        }
        if (!query.Valid)
            return PageResults.Page<AgreementsPage>(await shells.CreateAsync(http, "Find agreements", "agreements", null, query.Errors, cancellationToken),
                new AgreementsModel(filter, null, new Dictionary<Guid, string>(), PageLinks.With(http.Request, "/agreements/csv", ["cursor", "limit"]), null, null),
                StatusCodes.Status400BadRequest);
        var partyNames = await names.ForAsync(rows.SelectMany(a => (a.OnDate?.Parties ?? a.Parties).Select(p => p.OrganisationId)), filter.AsOf, cancellationToken);
        return new AgreementsCsv(rows, partyNames, filter.ActiveOn);
    }

    private static async Task<IResult> Worklist(HttpContext http, PageShells shells, OrganisationNames names, RegisterDbContext db, RecordHistory history,
        IMapper mapper, TimeProvider clock, CancellationToken cancellationToken)
    {
        var query = new PageAddress(http.Request.Query);
        var on = query.Date("on") ?? RegisterCalendar.Today(clock);
        var within = query.Number("withinDays", 0, 3660) ?? 90;
        var asOf = query.Moment("asOf");
        var lists = new List<WorklistSection>();
        if (query.Valid)
        {
            var filter = new AgreementFilter { On = on, AsOf = asOf };
            foreach (var (title, id, section) in new[]
                     {
                         ("Overdue", "overdue", filter with { Overdue = true }),
                         ($"Expiring within {within} days", "expiring", filter with { ExpiringWithinDays = within }),
                         ($"Due for review within {within} days", "review", filter with { ReviewWithinDays = within }),
                     })
            {
                var answer = await ListAsync(section, PageRequest.MaxLimit, null, db, history, mapper, clock, http.Request, cancellationToken);
                var page = ((Ok<Page<AgreementResponse>>)answer.Result).Value!;
                var search = SearchUrl(section);
                lists.Add(new WorklistSection(id, title, page.Items, page.NextCursor is not null, search, "/api/v1" + search));
            }
        }
        var partyNames = await names.ForAsync(lists.SelectMany(l => l.Agreements).SelectMany(a => a.Parties.Select(p => p.OrganisationId)), asOf, cancellationToken);
        var api = $"/api/v1/agreements?overdue=true&on={PageLinks.Date(on)}" + (asOf is null ? "" : $"&asOf={Uri.EscapeDataString(PageLinks.Moment(asOf))}");
        var shell = await shells.CreateAsync(http, "Legal worklist", "worklist", query.Valid ? api : null, query.Errors, cancellationToken);
        return PageResults.Page<WorklistPage>(shell, new WorklistModel(on, within, asOf, lists, partyNames),
            query.Valid ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> Show(Guid id, HttpContext http, PageShells shells, OrganisationNames names, RegisterDbContext db, RecordHistory history,
        IMapper mapper, CancellationToken cancellationToken)
    {
        var query = new PageAddress(http.Request.Query);
        var on = query.Date("on");
        var asOf = query.Moment("asOf");
        var cursor = query.Text("cursor", 1000);
        var limit = query.Number("limit", 1, PageRequest.MaxLimit) ?? SchedulesPerPage;
        if (!query.Valid)
            return PageResults.Status(await shells.CreateAsync(http, "Agreement", "agreements", null, query.Errors, cancellationToken),
                StatusCodes.Status400BadRequest, "Correct the date in the address to see this agreement.");
        var answer = await AgreementsEndpoints.GetAgreement(id, on, asOf, db, history, mapper, http.Response, cancellationToken);
        if (answer.Result is ProblemHttpResult missing)
            return await PageResults.ProblemAsync(shells, http, missing, "Agreement not found");
        var agreement = ((Ok<AgreementResponse>)answer.Result).Value!;
        // its schedules paged as the API pages them: the page's next link carries the cursor the API's own query issued
        var schedules = await AgreementSearch.ListSchedules(id, asOf, new PageQuery { Limit = limit, Cursor = cursor }, db, history, mapper,
            http.Request, cancellationToken);
        if (schedules.Result is ValidationProblem badCursor)
            return PageResults.Status(await shells.CreateAsync(http, "Agreement", "agreements", null, badCursor.ProblemDetails.Errors.AsReadOnly(), cancellationToken),
                StatusCodes.Status400BadRequest, "This page of schedules has expired or its address was changed: open the agreement again.");
        var schedulePage = schedules.Result is Ok<Page<AgreementResponse>> found ? found.Value! : new Page<AgreementResponse> { Items = [] };
        var revisions = asOf is null
            ? await HistoryEndpoints.PageAsync<Agreement, AgreementResponse>(AgreementsEndpoints.Resource, id, PageRequest.MaxLimit, null, history, mapper,
                http.Request, cancellationToken)
            : null;
        var ids = agreement.Parties.Select(p => p.OrganisationId)
            .Concat(agreement.Periods.SelectMany(p => p.Parties.Select(x => x.OrganisationId)))
            .Concat(agreement.Approvals.Select(a => a.BodyId))
            .Concat(agreement.Notices.Select(n => n.OrganisationId))
            .Concat(agreement.Variations.SelectMany(v => v.Parties.SelectMany(p => p.Replaces is { } replaced ? [p.OrganisationId, replaced] : new[] { p.OrganisationId })));
        var model = new AgreementModel(agreement, on, asOf,
            schedulePage.Items,
            schedulePage.NextCursor is { } next ? PageLinks.With(http.Request, $"/agreements/{id}", null, ("cursor", next)) + "#schedules" : null,
            cursor is null ? null : PageLinks.With(http.Request, $"/agreements/{id}", null, ("cursor", null)) + "#schedules",
            revisions?.Result is Ok<Page<RevisionResponse<AgreementResponse>>> page ? page.Value : null,
            await names.ForAsync(ids, asOf, cancellationToken),
            agreement.ParentId is { } parent ? await ReferenceAsync(parent, asOf, db, history, mapper, http, cancellationToken) : null);
        var api = PageLinks.With(http.Request, $"/api/v1/agreements/{id}", ["on", "cursor", "limit"], ("activeOn", on is null ? null : PageLinks.Date(on)));
        var shell = await shells.CreateAsync(http, $"{agreement.Reference}: {agreement.Title}", "agreements", api, cancellationToken: cancellationToken);
        return PageResults.Page<AgreementPage>(shell, model);
    }

    private static async Task<string?> ReferenceAsync(Guid id, DateTimeOffset? asOf, RegisterDbContext db, RecordHistory history, IMapper mapper,
        HttpContext http, CancellationToken cancellationToken) =>
        (await AgreementsEndpoints.GetAgreement(id, null, asOf, db, history, mapper, http.Response, cancellationToken)).Result is Ok<AgreementResponse> parent
            ? parent.Value!.Reference
            : null;

    /// <summary>The API's search, asked the page's question.</summary>
    internal static Task<Results<Ok<Page<AgreementResponse>>, ValidationProblem>> ListAsync(AgreementFilter filter, int? limit, string? cursor,
        RegisterDbContext db, RecordHistory history, IMapper mapper, TimeProvider clock, HttpRequest request, CancellationToken cancellationToken) =>
        AgreementSearch.ListAgreements(
            new AgreementFilters
            {
                ActiveOn = filter.ActiveOn,
                OrganisationId = filter.OrganisationId,
                Role = filter.Role,
                Basis = filter.Basis,
                Status = filter.Status,
                Service = filter.Service,
                ExpiringWithinDays = filter.ExpiringWithinDays,
                ReviewWithinDays = filter.ReviewWithinDays,
                Overdue = filter.Overdue ? true : null,
                On = filter.On,
                Q = filter.Q,
                AsOf = filter.AsOf,
            },
            new PageQuery { Limit = limit, Cursor = cursor },
            db, history, mapper, clock, request, cancellationToken);

    private static string ApiUrl(HttpRequest request, AgreementFilter filter) =>
        PageLinks.With(request, "/api/v1/agreements", [.. AgreementFilter.PageOnly, "cursor"], ("organisationId", filter.OrganisationId?.ToString()));

    /// <summary>The search page's address for a worklist section (path and query, also the API's after /api/v1).</summary>
    private static string SearchUrl(AgreementFilter filter)
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        if (filter.Overdue)
            pairs.Add(new("overdue", "true"));
        if (filter.ExpiringWithinDays is { } expiring)
            pairs.Add(new("expiringWithinDays", expiring.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (filter.ReviewWithinDays is { } review)
            pairs.Add(new("reviewWithinDays", review.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        pairs.Add(new("on", PageLinks.Date(filter.On)));
        if (filter.AsOf is { } asOf)
            pairs.Add(new("asOf", PageLinks.Moment(asOf)));
        return "/agreements" + QueryString.Create(pairs).ToUriComponent();
    }
}

public sealed record AgreementsModel(AgreementFilter Filter, Page<AgreementResponse>? Results, IReadOnlyDictionary<Guid, string> Names, string CsvUrl,
    string? NextUrl, string? FirstUrl);

public sealed record WorklistSection(string Id, string Title, IReadOnlyList<AgreementResponse> Agreements, bool More, string SearchUrl, string ApiUrl);

public sealed record WorklistModel(DateOnly On, int WithinDays, DateTimeOffset? AsOf, IReadOnlyList<WorklistSection> Sections, IReadOnlyDictionary<Guid, string> Names);

public sealed record AgreementModel(AgreementResponse Agreement, DateOnly? On, DateTimeOffset? AsOf, IReadOnlyList<AgreementResponse> Schedules,
    string? NextSchedulesUrl, string? FirstSchedulesUrl,
    Page<RevisionResponse<AgreementResponse>>? History, IReadOnlyDictionary<Guid, string> Names, string? ParentReference)
{
    public string Name(Guid id) => Names.TryGetValue(id, out var name) ? name : id.ToString();
}
