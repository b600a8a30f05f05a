using AutoMapper;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.RecordKeeping;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Domain.PooledFunds;
using IntegrationGovernance.Infrastructure.Persistence;
using IntegrationGovernance.Infrastructure.PooledFunds;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Api.PooledFunds;

/// <summary>The host's forecast outturn for a year at a month period: submitting it, reading it, and its submissions.</summary>
public static partial class FundBudgetsEndpoints
{
    /// <param name="financialYear">e.g. 2015-16.</param>
    /// <param name="period">The month period the forecast is made at: 1 (April) to 12 (March).</param>
    /// <param name="ifMatch">The ETag of your last read of the period's forecast; absent only for the period's first.</param>
    public static async Task<Results<Created<ForecastOutturnResponse>, Ok<ForecastOutturnResponse>, ValidationProblem, ProblemHttpResult>> SubmitForecastOutturn(
        Guid id, string financialYear, int period, ForecastOutturnRequest body, [FromHeader(Name = "If-Match")] string? ifMatch, RegisterDbContext db,
        CallerOrganisation caller, IMapper mapper, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (ReadQuery(financialYear, period, out var year) is [_, ..] bad)
            return Problems.Validation(bad);
        var lines = body.Lines.Select(l => l is null ? null : new ForecastLine(l.Category, l.Amount)).ToList();
        var actor = await caller.ActorAsync(cancellationToken);
        return await db.InTransactionAsync<Results<Created<ForecastOutturnResponse>, Ok<ForecastOutturnResponse>, ValidationProblem, ProblemHttpResult>>(async token =>
        {
            var fund = await db.PooledFunds.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, token);
            if (fund is null)
                return Problems.NotFound(PooledFundsEndpoints.Resource, id);
            if (!ForecastOutturn.MaySubmit(fund, actor))
                return NotTheHost();
            await LockAsync(db, $"forecast_outturns:{id}:{year}:{period}", token);
            var forecast = await db.Set<ForecastOutturn>()
                .FirstOrDefaultAsync(f => f.FundId == id && f.FinancialYearStart == year.StartYear && f.Period == period, token);
            if (Precondition(http.Request, forecast, $"no forecast for {year} P{period}") is { } refused)
                return refused;
            if (ForecastOutturn.Check(fund, year, lines) is [_, ..] problems)
                return Problems.Validation(problems);

            var now = clock.GetUtcNow();
            var created = forecast is null;
            if (forecast is null)
                db.Add(forecast = ForecastOutturn.Submit(id, year, period, lines.OfType<ForecastLine>(), now));
            else
                forecast.Resubmit(lines.OfType<ForecastLine>(), now);
            await db.SaveChangesAsync(token);
            ETags.Set(http.Response, forecast.Version);
            var response = mapper.Map<ForecastOutturnResponse>(forecast);
            return created ? TypedResults.Created(ResourceUrl(http.Request), response) : TypedResults.Ok(response);
        }, cancellationToken);
    }

    /// <param name="financialYear">e.g. 2015-16.</param>
    /// <param name="period">1 (April) to 12 (March).</param>
    /// <param name="asOf">The forecast exactly as the register held it at this moment (UTC date-time).</param>
    public static async Task<Results<Ok<ForecastOutturnResponse>, ValidationProblem, ProblemHttpResult>> GetForecastOutturn(
        Guid id, string financialYear, int period, DateTimeOffset? asOf, RegisterDbContext db, RecordHistory history, IMapper mapper, HttpResponse response,
        CancellationToken cancellationToken)
    {
        if (ReadQuery(financialYear, period, out var year) is [_, ..] problems)
            return Problems.Validation(problems);
        var forecast = await (await db.ForecastsAtAsync(history, asOf, cancellationToken))
            .FirstOrDefaultAsync(f => f.FundId == id && f.FinancialYearStart == year.StartYear && f.Period == period, cancellationToken);
        if (forecast is null)
            return await NotHeldAsync(db, history, id, asOf, $"The pooled fund {id} has no forecast outturn for {year} P{period}.", cancellationToken);
        if (asOf is null)
            ETags.Set(response, forecast.Version);
        return TypedResults.Ok(mapper.Map<ForecastOutturnResponse>(forecast));
    }

    /// <param name="financialYear">e.g. 2015-16.</param>
    /// <param name="period">1 (April) to 12 (March).</param>
    public static async Task<Results<Ok<Page<RevisionResponse<ForecastOutturnResponse>>>, ValidationProblem, ProblemHttpResult>> GetForecastOutturnHistory(
        Guid id, string financialYear, int period, [AsParameters] PageQuery paging, RegisterDbContext db, RecordHistory history, IMapper mapper, HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (ReadQuery(financialYear, period, out var year) is [_, ..] problems)
            return Problems.Validation(problems);
        var forecast = await db.Set<ForecastOutturn>().Where(f => f.FundId == id && f.FinancialYearStart == year.StartYear && f.Period == period)
            .Select(f => (Guid?)f.Id).FirstOrDefaultAsync(cancellationToken);
        if (forecast is null)
            return await NotHeldAsync(db, history, id, null, $"The pooled fund {id} has no forecast outturn for {year} P{period}.", cancellationToken);
        return await HistoryEndpoints.PageAsync<ForecastOutturn, ForecastOutturnResponse>("forecast outturn", forecast.Value, paging.Limit, paging.Cursor, history, mapper, request, cancellationToken);
    }

    private static ProblemHttpResult NotTheHost() => TypedResults.Problem(
        "Only the fund's host, acting through a token whose org claim names it, submits its forecast outturn.",
        title: "Your organisation is not the fund's host.", statusCode: StatusCodes.Status403Forbidden, type: ProblemTypes.ForRule("not-the-fund-host"));
}
