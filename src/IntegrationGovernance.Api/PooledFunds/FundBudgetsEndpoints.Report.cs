using AutoMapper;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Domain.PooledFunds;
using IntegrationGovernance.Infrastructure.Persistence;
using IntegrationGovernance.Infrastructure.PooledFunds;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationGovernance.Api.PooledFunds;

/// <summary>The monthly report, drawn from the budget, the forecasts, the contributions and the ledger.</summary>
public static partial class FundBudgetsEndpoints
{
    /// <param name="financialYear">e.g. 2015-16.</param>
    /// <param name="period">The report's month period: 1 (April) to 12 (March).</param>
    /// <param name="asOf">The report exactly as the register gave it at this moment (UTC date-time): later budgets, forecasts, contributions, risk shares and bookings left out.</param>
    public static async Task<Results<Ok<MonthlyReportResponse>, ValidationProblem, ProblemHttpResult, EmptyHttpResult>> GetMonthlyReport(
        Guid id, string financialYear, int period, DateTimeOffset? asOf, RegisterDbContext db, RecordHistory history, IMapper mapper, HttpContext http,
        CancellationToken cancellationToken)
    {
        if (ReadQuery(financialYear, period, out var year) is [_, ..] problems)
            return Problems.Validation(problems);
        if (await db.MonthlyReportAsync(history, id, year, period, asOf, cancellationToken) is not { } figures)
            return Problems.NotFound(PooledFundsEndpoints.Resource, id);
        var drawn = MonthlyReport.Draw(figures.Fund, year, period, figures.Budget, figures.Forecasts, figures.Contributions, figures.Actuals);
        if (drawn.Categories.Count > MonthlyReport.MaxCategories)
            return Problems.TooLarge($"The report would have more than {MonthlyReport.MaxCategories:N0} categories (budgeted, forecast or booked).");
        var report = mapper.Map<MonthlyReportResponse>(drawn);
        if (http.Request.WantsCsv())
        {
            await MonthlyReportCsv.WriteAsync(http.Response, report, cancellationToken);
            return TypedResults.Empty;
        }
        return TypedResults.Ok(report);
    }
}
