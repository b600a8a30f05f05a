using AutoMapper;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.OpenApi;
using IntegrationGovernance.Api.RecordKeeping;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Domain.Common;
using IntegrationGovernance.Domain.PooledFunds;
using IntegrationGovernance.Infrastructure.Persistence;
using IntegrationGovernance.Infrastructure.PooledFunds;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Api.PooledFunds;

/// <summary>A fund's budgets by year, the host's monthly forecast outturn, and the monthly report drawn from them.</summary>
public static partial class FundBudgetsEndpoints
{
    private const string AsOf = "With `asOf`, exactly what the register gave at that moment.";

    private const string Preconditions = "The first for the year is created without `If-Match` (201); any later one replaces it only with `If-Match` "
        + "carrying the ETag of your last read (428 without it, 412 when stale), and the one replaced stays in the history.";

    public static RouteGroupBuilder MapFundBudgetsEndpoints(this RouteGroupBuilder api)
    {
        var fund = api.MapGroup("/pooled-funds/{id:guid}").WithTags("Pooled funds");
        fund.MapPut("/budgets/{financialYear}", SetFundBudget)
            .WithSummary("Set a fund's budget for a financial year, by category and optionally by partner")
            .WithDescription("Replaces the year's whole budget. Categories are named as the fund's ledger lines name them; a line may name the partner "
                + "(a party to the fund's agreement) funding that part of the category. " + Preconditions)
            .Replaces()
            .RequireScope(Scopes.FinanceWrite)
            .RequirePartyOf<PooledFund>(PooledFundsEndpoints.Resource);
        fund.MapGet("/budgets/{financialYear}", GetFundBudget)
            .WithSummary("Read a fund's budget for a financial year")
            .WithDescription(AsOf)
            .ReturnsETag()
            .RequireScope(Scopes.FinanceRead);
        fund.MapGet("/budgets/{financialYear}/history", GetFundBudgetHistory)
            .WithSummary("List every budget set for a fund's financial year")
            .WithDescription("The budget record's revisions, oldest first: who set each budget, when, and its lines. Paged like every list.")
            .RequireScope(Scopes.FinanceRead);
        fund.MapPut("/forecasts/{financialYear}/{period}", SubmitForecastOutturn)
            .WithSummary("Submit the host's forecast outturn for a financial year at a month period")
            .WithDescription("The expected full-year spend by category as at the period (1 April … 12 March). Only a caller acting for the fund's host "
                + "(its pooled fund manager's organisation) submits; another party gets 403. A category not named is forecast at nothing. " + Preconditions)
            .Replaces()
            .RequireScope(Scopes.FinanceWrite)
            .RequirePartyOf<PooledFund>(PooledFundsEndpoints.Resource);
        fund.MapGet("/forecasts/{financialYear}/{period}", GetForecastOutturn)
            .WithSummary("Read the forecast outturn submitted for a period")
            .WithDescription(AsOf)
            .ReturnsETag()
            .RequireScope(Scopes.FinanceRead);
        fund.MapGet("/forecasts/{financialYear}/{period}/history", GetForecastOutturnHistory)
            .WithSummary("List every submission of a period's forecast outturn")
            .WithDescription("The forecast record's revisions, oldest first: each submission, who made it and when. Paged like every list.")
            .RequireScope(Scopes.FinanceRead);
        fund.MapGet("/reports/{financialYear}/{period}", GetMonthlyReport)
            .WithSummary("A fund's monthly report: budget, actuals, forecast outturn, variance and each partner's share")
            .WithDescription("By category and in total: the budget, spend in the period and from P1 to it (summed by PostgreSQL), the forecast outturn "
                + "submitted for the period and the variance (budget − forecast: positive is a forecast underspend), and each partner's share of the "
                + "total variance under the year's risk share, to the penny. With no forecast for the period, forecast and variance are null and "
                + "`latestForecastPeriod` names the latest earlier one. " + AsOf + " Send `Accept: text/csv` for CSV: a `row_type` column says "
                + "what each row is (`category`, `category_partner`, `total`, `partner`); an empty cell is null. " + MonthlyReportCsv.Cells)
            .WithMetadata(new AlsoAsCsv(MonthlyReportCsv.Columns, MonthlyReportCsv.MaxLength))
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireScope(Scopes.FinanceRead);
        return api;
    }

    /// <param name="financialYear">e.g. 2015-16.</param>
    /// <param name="ifMatch">The ETag of your last read of the year's budget; absent only for the year's first.</param>
    public static async Task<Results<Created<FundBudgetResponse>, Ok<FundBudgetResponse>, ValidationProblem, ProblemHttpResult>> SetFundBudget(
        Guid id, string financialYear, FundBudgetRequest body, [FromHeader(Name = "If-Match")] string? ifMatch, RegisterDbContext db, IMapper mapper,
        TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (!FinancialYear.TryParse(financialYear, out var parsed))
            return Problems.Validation("financialYear", FinancialYear.Problem);
        var year = parsed.Value;
        var lines = body.Lines.Select(l => l is null ? null : new BudgetLine(l.Category, l.OrganisationId, l.Amount)).ToList();
        return await db.InTransactionAsync<Results<Created<FundBudgetResponse>, Ok<FundBudgetResponse>, ValidationProblem, ProblemHttpResult>>(async token =>
        {
            var fund = await db.PooledFunds.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, token);
            if (fund is null)
                return Problems.NotFound(PooledFundsEndpoints.Resource, id);
            await LockAsync(db, $"fund_budgets:{id}:{year}", token);
            var budget = await db.Set<FundBudget>().FirstOrDefaultAsync(b => b.FundId == id && b.FinancialYearStart == year.StartYear, token);
            if (Precondition(http.Request, budget, $"no budget for {year}") is { } refused)
                return refused;
            var parties = await PooledFundsEndpoints.PartiesAsync(db, fund.AgreementId, token);
            if (FundBudget.Check(fund, year, lines, parties) is [_, ..] problems)
                return Problems.Validation(problems);

            var now = clock.GetUtcNow();
            var created = budget is null;
            if (budget is null)
                db.Add(budget = FundBudget.Set(id, year, lines.OfType<BudgetLine>(), now));
            else
                budget.Replace(lines.OfType<BudgetLine>(), now);
            await db.SaveChangesAsync(token);
            ETags.Set(http.Response, budget.Version);
            var response = mapper.Map<FundBudgetResponse>(budget);
            return created ? TypedResults.Created(ResourceUrl(http.Request), response) : TypedResults.Ok(response);
        }, cancellationToken);
    }

    /// <param name="financialYear">e.g. 2015-16.</param>
    /// <param name="asOf">The budget exactly as the register held it at this moment (UTC date-time).</param>
    public static async Task<Results<Ok<FundBudgetResponse>, ValidationProblem, ProblemHttpResult>> GetFundBudget(
        Guid id, string financialYear, DateTimeOffset? asOf, RegisterDbContext db, RecordHistory history, IMapper mapper, HttpResponse response,
        CancellationToken cancellationToken)
    {
        if (!FinancialYear.TryParse(financialYear, out var year))
            return Problems.Validation("financialYear", FinancialYear.Problem);
        var budget = await (await db.BudgetsAtAsync(history, asOf, cancellationToken))
            .FirstOrDefaultAsync(b => b.FundId == id && b.FinancialYearStart == year.Value.StartYear, cancellationToken);
        if (budget is null)
            return await NotHeldAsync(db, history, id, asOf, $"The pooled fund {id} has no budget for {year}.", cancellationToken);
        if (asOf is null)
            ETags.Set(response, budget.Version);
        return TypedResults.Ok(mapper.Map<FundBudgetResponse>(budget));
    }

    /// <param name="financialYear">e.g. 2015-16.</param>
    public static async Task<Results<Ok<Page<RevisionResponse<FundBudgetResponse>>>, ValidationProblem, ProblemHttpResult>> GetFundBudgetHistory(
        Guid id, string financialYear, [AsParameters] PageQuery paging, RegisterDbContext db, RecordHistory history, IMapper mapper, HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (!FinancialYear.TryParse(financialYear, out var year))
            return Problems.Validation("financialYear", FinancialYear.Problem);
        var budget = await db.Set<FundBudget>().Where(b => b.FundId == id && b.FinancialYearStart == year.Value.StartYear).Select(b => (Guid?)b.Id).FirstOrDefaultAsync(cancellationToken);
        if (budget is null)
            return await NotHeldAsync(db, history, id, null, $"The pooled fund {id} has no budget for {year}.", cancellationToken);
        return await HistoryEndpoints.PageAsync<FundBudget, FundBudgetResponse>("fund budget", budget.Value, paging.Limit, paging.Cursor, history, mapper, request, cancellationToken);
    }

    private static List<RuleViolation> ReadQuery(string financialYear, int period, out FinancialYear year)
    {
        var problems = new List<RuleViolation>();
        if (!FinancialYear.TryParse(financialYear, out var parsed))
            problems.Add(new("financialYear", FinancialYear.Problem));
        if (ForecastOutturn.PeriodProblem(period) is { } outside)
            problems.Add(outside);
        year = parsed ?? default;
        return problems;
    }

    /// <summary>The first for a year is made without If-Match (with one, there is nothing it can match: 412); a later one needs the current ETag.</summary>
    private static ProblemHttpResult? Precondition(HttpRequest request, IVersionedRecord? current, string none)
    {
        if (current is null)
            return request.Headers.IfMatch.Count == 0 ? null : TypedResults.Problem(
                $"There is {none} yet, so If-Match matches nothing: send the first without If-Match.",
                title: "The record has changed.", statusCode: StatusCodes.Status412PreconditionFailed, type: ProblemTypes.PreconditionFailed);
        return ETags.CheckIfMatch(request, current.Version) switch
        {
            IfMatchResult.Missing => Problems.PreconditionRequired(),
            IfMatchResult.Stale => Problems.PreconditionFailed(),
            _ => null,
        };
    }

    // two first submissions for one year (or period) at once: the second waits, then finds the first and needs its ETag
    private static Task LockAsync(RegisterDbContext db, string key, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", cancellationToken);

    /// <summary>404: the fund is not held (then, with asOf), or it has no such record.</summary>
    private static async Task<ProblemHttpResult> NotHeldAsync(RegisterDbContext db, RecordHistory history, Guid id, DateTimeOffset? asOf, string detail,
        CancellationToken cancellationToken)
    {
        var held = asOf is { } moment ? await history.HeldAtAsync<PooledFund>(id, moment, cancellationToken) : await db.PooledFunds.AnyAsync(f => f.Id == id, cancellationToken);
        return held
            ? TypedResults.Problem(detail, title: "Not found.", statusCode: StatusCodes.Status404NotFound, type: ProblemTypes.NotFound)
            : Problems.NotFound(PooledFundsEndpoints.Resource, id);
    }

    private static string ResourceUrl(HttpRequest request) => $"{request.PathBase}{request.Path}";

    /// <summary>Declares a replacing PUT: its ETag, and the optional If-Match's refusals (the handler enforces them).</summary>
    private static RouteHandlerBuilder Replaces(this RouteHandlerBuilder builder) => builder
        .ReturnsETag()
        .ProducesProblem(StatusCodes.Status412PreconditionFailed)
        .ProducesProblem(StatusCodes.Status428PreconditionRequired);
}
