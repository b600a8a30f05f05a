using AutoMapper;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.Pages.Shared;
using IntegrationGovernance.Api.PooledFunds;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Domain.Common;
using IntegrationGovernance.Domain.PooledFunds;
using IntegrationGovernance.Infrastructure.Persistence;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationGovernance.Api.Pages.PooledFunds;

/// <summary>
/// Pooled funds as pages, for finance officers: every fund's year, and one fund's year (contributions by partner, spend
/// by period, variance and risk shares), read through <see cref="FundReports"/> with <c>finance:read</c>, as the API.
/// </summary>
public static class FundPages
{
    /// <summary>The pooled funds list shows this many funds a page unless the address says <c>limit</c> (passed to the API's handler).</summary>
    public const int FundsPerPage = 100;

    public static RouteGroupBuilder MapFundPages(this RouteGroupBuilder pages)
    {
        pages.MapGet("/pooled-funds", List).RequirePageScope(Scopes.FinanceRead);
        pages.MapGet("/pooled-funds/{id:guid}", Show).RequirePageScope(Scopes.FinanceRead);
        pages.MapGet("/pooled-funds/{id:guid}/csv", Download).RequirePageScope(Scopes.FinanceRead);
        return pages;
    }

    private static async Task<IResult> List(HttpContext http, PageShells shells, OrganisationNames names, RegisterDbContext db, RecordHistory history,
        IMapper mapper, TimeProvider clock, CancellationToken cancellationToken)
    {
        var query = new PageAddress(http.Request.Query);
        var year = query.Text("financialYear", 7) ?? FinancialYear.Of(RegisterCalendar.Today(clock)).ToString();
        var organisationId = query.Id("organisationId");
        var asOf = query.Moment("asOf");
        var cursor = query.Text("cursor", 1000);
        var limit = query.Number("limit", 1, PageRequest.MaxLimit) ?? FundsPerPage;
        Page<FundSummaryResponse> funds = new() { Items = [] };
        if (query.Valid)
        {
            // paged as the API pages them: the page's next link carries the cursor the API's own query issued
            var answer = await FundReports.ListFundSummaries(new FundSummaryFilters { FinancialYear = year, OrganisationId = organisationId, AsOf = asOf },
                new PageQuery { Limit = limit, Cursor = cursor }, db, history, mapper, http, cancellationToken);
            if (answer.Result is Ok<Page<FundSummaryResponse>> ok)
                funds = ok.Value!;
            else if (answer.Result is ValidationProblem problem)
                query.Problems(problem.ProblemDetails.Errors);
        }
        var api = PageLinks.With(http.Request, "/api/v1/finance/summaries", ["cursor"], ("financialYear", year));
        var shell = await shells.CreateAsync(http, "Pooled funds", "funds", query.Valid ? api : null, query.Errors, cancellationToken);
        var hosts = await names.ForAsync(funds.Items.SelectMany(f => f.Partners.Select(p => p.OrganisationId)), asOf, cancellationToken);
        var next = funds.NextCursor is { } issued ? PageLinks.With(http.Request, "/pooled-funds", null, ("cursor", issued)) : null;
        var first = cursor is null ? null : PageLinks.With(http.Request, "/pooled-funds", null, ("cursor", null));
        return PageResults.Page<FundsPage>(shell, new FundsModel(year, organisationId, asOf, funds.Items, hosts, next, first),
            query.Valid ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> Show(Guid id, HttpContext http, PageShells shells, OrganisationNames names, RegisterDbContext db, RecordHistory history,
        IMapper mapper, TimeProvider clock, CancellationToken cancellationToken)
    {
        var query = new PageAddress(http.Request.Query);
        var (year, from, to, asOf) = Read(query, clock);
        FundSummaryResponse? summary = null;
        if (query.Valid)
        {
            var answer = await FundReports.GetFundSummary(id, year, from, to, asOf, db, history, mapper, http, cancellationToken);
            switch (answer.Result)
            {
                case ProblemHttpResult missing:
                    return await PageResults.ProblemAsync(shells, http, missing, "Pooled fund not found");
                case ValidationProblem problem:
                    query.Problems(problem.ProblemDetails.Errors);
                    break;
                case Ok<FundSummaryResponse> ok:
                    summary = ok.Value;
                    break;
            }
        }
        // the fund as it stands (its host, its agreement, the percentages of each year's risk share)
        var fund = (await PooledFundsEndpoints.GetPooledFund(id, db, mapper, http.Response, cancellationToken)).Result as Ok<PooledFundResponse>;
        if (fund?.Value is null)
            return PageResults.Status(await shells.CreateAsync(http, "Pooled fund not found", "funds", cancellationToken: cancellationToken), StatusCodes.Status404NotFound,
                $"No pooled fund with id {id}.");
        var ids = (summary?.Partners.Select(p => p.OrganisationId) ?? []).Append(fund.Value.HostOrganisationId);
        var api = PageLinks.With(http.Request, $"/api/v1/pooled-funds/{id}/summary", null, ("financialYear", year));
        var shell = await shells.CreateAsync(http, summary?.FundName ?? fund.Value.Name, "funds", query.Valid ? api : null, query.Errors, cancellationToken);
        var model = new FundModel(fund.Value, summary, year, from, to, asOf, await names.ForAsync(ids, asOf, cancellationToken),
            summary is null ? null : SpendChart.Layout(summary.Periods), PageLinks.With(http.Request, $"/pooled-funds/{id}/csv", null, ("financialYear", year)));
        return PageResults.Page<FundPage>(shell, model, query.Valid ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    /// <summary>The fund's year as CSV: the API's own CSV of the summary, written by the same handler.</summary>
    private static async Task<IResult> Download(Guid id, HttpContext http, PageShells shells, RegisterDbContext db, RecordHistory history, IMapper mapper,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var query = new PageAddress(http.Request.Query);
        var (year, from, to, asOf) = Read(query, clock);
        if (!query.Valid)
            return PageResults.Status(await shells.CreateAsync(http, "Pooled fund", "funds", null, query.Errors, cancellationToken), StatusCodes.Status400BadRequest,
                "Correct the filters in the address to download this fund's figures.");
        http.Request.Headers.Accept = "text/csv";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"pooled-fund-{year}.csv\"";
        var answer = await FundReports.GetFundSummary(id, year, from, to, asOf, db, history, mapper, http, cancellationToken);
        return answer.Result switch
        {
            ProblemHttpResult missing => await PageResults.ProblemAsync(shells, http, missing, "Pooled fund not found"),
            ValidationProblem problem => PageResults.Status(await shells.CreateAsync(http, "Pooled fund", "funds", null, problem.ProblemDetails.Errors.AsReadOnly(), cancellationToken),
                StatusCodes.Status400BadRequest, "Correct the filters in the address to download this fund's figures."),
            _ => Results.Empty, // the handler has written the CSV
        };
    }

    private static (string Year, int? From, int? To, DateTimeOffset? AsOf) Read(PageAddress query, TimeProvider clock) =>
        (query.Text("financialYear", 7) ?? FinancialYear.Of(RegisterCalendar.Today(clock)).ToString(),
            query.Number("fromPeriod", 1, 12), query.Number("toPeriod", 1, 12), query.Moment("asOf"));
}

public sealed record FundsModel(string FinancialYear, Guid? OrganisationId, DateTimeOffset? AsOf, IReadOnlyList<FundSummaryResponse> Funds,
    IReadOnlyDictionary<Guid, string> Names, string? NextUrl, string? FirstUrl);

public sealed record FundModel(PooledFundResponse Fund, FundSummaryResponse? Summary, string FinancialYear, int? FromPeriod, int? ToPeriod, DateTimeOffset? AsOf,
    IReadOnlyDictionary<Guid, string> Names, SpendChart? Chart, string CsvUrl)
{
    public string Name(Guid id) => Names.TryGetValue(id, out var name) ? name : id.ToString();
}
