using IntegrationGovernance.Domain.PooledFunds;
using IntegrationGovernance.Infrastructure.Persistence;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Infrastructure.PooledFunds;

/// <summary>What a fund's monthly report is drawn from, as the register held it now or at a moment.</summary>
public sealed record MonthlyReportFigures(
    PooledFund Fund, FundBudget? Budget, IReadOnlyList<ForecastOutturn> Forecasts, IReadOnlyList<Contribution> Contributions, IReadOnlyList<CategoryActuals> Actuals);

public static class MonthlyFigures
{
    /// <summary>Funds' budgets now (<paramref name="asOf"/> null), or as they stood at <paramref name="asOf"/>, from their revisions.</summary>
    public static async Task<IQueryable<FundBudget>> BudgetsAtAsync(this RegisterDbContext db, RecordHistory history, DateTimeOffset? asOf, CancellationToken cancellationToken) =>
        asOf is { } moment ? await history.AsOfAsync<FundBudget>(moment, cancellationToken) : db.Set<FundBudget>().AsNoTracking();

    /// <summary>Funds' forecasts now, or as they stood at <paramref name="asOf"/> (each period's latest submission by then).</summary>
    public static async Task<IQueryable<ForecastOutturn>> ForecastsAtAsync(this RegisterDbContext db, RecordHistory history, DateTimeOffset? asOf, CancellationToken cancellationToken) =>
        asOf is { } moment ? await history.AsOfAsync<ForecastOutturn>(moment, cancellationToken) : db.Set<ForecastOutturn>().AsNoTracking();

    /// <summary>
    /// Everything one fund's monthly report needs, now or at <paramref name="asOf"/> (null when the fund was not held
    /// then): the fund, the year's budget, its forecasts up to the period (at most twelve rows), its contributions (a
    /// handful per partner), and spend by category summed by PostgreSQL in <c>numeric</c>.
    /// </summary>
    public static async Task<MonthlyReportFigures?> MonthlyReportAsync(
        this RegisterDbContext db, RecordHistory history, Guid fundId, FinancialYear year, int period, DateTimeOffset? asOf, CancellationToken cancellationToken)
    {
        var sources = await db.FinanceAtAsync(history, asOf, cancellationToken);
        var fund = await sources.Funds.FirstOrDefaultAsync(f => f.Id == fundId, cancellationToken);
        if (fund is null)
            return null;
        var budget = await (await db.BudgetsAtAsync(history, asOf, cancellationToken))
            .FirstOrDefaultAsync(b => b.FundId == fundId && b.FinancialYearStart == year.StartYear, cancellationToken);
        var forecasts = await (await db.ForecastsAtAsync(history, asOf, cancellationToken))
            .Where(f => f.FundId == fundId && f.FinancialYearStart == year.StartYear && f.Period <= period)
            .ToListAsync(cancellationToken);
        var contributions = await sources.Contributions
            .Where(c => c.FundId == fundId && c.FinancialYearStart == year.StartYear)
            .ToListAsync(cancellationToken);
        return new MonthlyReportFigures(fund, budget, forecasts, contributions, await sources.CategoryActualsAsync(fundId, year, period, cancellationToken));
    }

    /// <summary>
    /// Spend less income by category of the year from P1 to <paramref name="period"/>: the period's own and the total to
    /// date, summed by PostgreSQL in one pass, over the per-period totals when reading now (at most twelve rows a
    /// category) and over the lines visible then when reading <c>asOf</c>.
    /// </summary>
    public static async Task<IReadOnlyList<CategoryActuals>> CategoryActualsAsync(
        this FinanceSources sources, Guid fundId, FinancialYear year, int period, CancellationToken cancellationToken) =>
        sources.Totals is { } totals
            ? await totals
                .Where(t => t.FundId == fundId && t.FinancialYearStart == year.StartYear && t.Period <= period)
                .GroupBy(t => t.Category)
                .Select(g => new CategoryActuals(g.Key, g.Sum(t => t.Period == period ? t.Amount : 0m), g.Sum(t => t.Amount)))
                .ToListAsync(cancellationToken)
            : await sources.Lines
                .Where(l => l.FundId == fundId && l.FinancialYearStart == year.StartYear && l.Period <= period)
                .GroupBy(l => l.Category)
                .Select(g => new CategoryActuals(g.Key, g.Sum(l => l.Period == period ? l.Amount : 0m), g.Sum(l => l.Amount)))
                .ToListAsync(cancellationToken);
}
