using IntegrationGovernance.Domain.PooledFunds;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Infrastructure.PooledFunds;

/// <summary>What a fund's statement for a year is drawn from: its contributions as recorded, and its spend per period summed by PostgreSQL.</summary>
public sealed record FundYearFigures(Guid FundId, IReadOnlyList<Contribution> Contributions, IReadOnlyList<PeriodSpend> Spend);

/// <summary>
/// A fund's spend for a year, per period (and per category), summed by PostgreSQL in <c>numeric</c>. Read now, it comes
/// from the ledger's totals (<see cref="LedgerPeriodTotalRow"/>: at most twelve rows per category of a fund's year,
/// whatever the number of lines), which the database keeps in the transaction of every line, so they are exactly the sums
/// of the committed lines. Read as of a moment, it is summed from the lines of the bookings visible then, as the ledger
/// read asOf shows them: the totals already count every line booked since, and taking those back out would need the same
/// look at each later booking's revision that finding the lines does. Reports asOf are rare (the figures a board was
/// sent); keeping totals per booking instead would grow, with single-line bookings, to about as many rows as the lines.
/// </summary>
public static class FundFigures
{
    /// <summary>
    /// Every contribution each fund has for the year (a handful per partner: each revision is a row), and spend
    /// per period, summed by PostgreSQL in <c>numeric</c>.
    /// </summary>
    public static async Task<IReadOnlyList<FundYearFigures>> ForYearAsync(
        this FinanceSources sources, IReadOnlyCollection<Guid> fundIds, FinancialYear year, PeriodRange range, CancellationToken cancellationToken)
    {
        var ids = fundIds.ToArray();
        var contributions = await sources.Contributions
            .Where(c => ids.Contains(c.FundId) && c.FinancialYearStart == year.StartYear)
            .ToListAsync(cancellationToken);
        var spend = sources.Totals is { } totals
            ? await totals
                .Where(t => ids.Contains(t.FundId) && t.FinancialYearStart == year.StartYear && t.Period >= range.From && t.Period <= range.To)
                .GroupBy(t => new { t.FundId, t.Period })
                .Select(g => new FundPeriodSpend(g.Key.FundId, g.Key.Period, g.Sum(t => t.Amount)))
                .ToListAsync(cancellationToken)
            : await sources.Lines
                .Where(l => ids.Contains(l.FundId) && l.FinancialYearStart == year.StartYear && l.Period >= range.From && l.Period <= range.To)
                .GroupBy(l => new { l.FundId, l.Period })
                .Select(g => new FundPeriodSpend(g.Key.FundId, g.Key.Period, g.Sum(l => l.Amount)))
                .ToListAsync(cancellationToken);
        var contributionsByFund = contributions.ToLookup(c => c.FundId);
        var spendByFund = spend.ToLookup(s => s.FundId);
        return ids.Select(id => new FundYearFigures(id,
                contributionsByFund[id].ToList(),
                spendByFund[id].OrderBy(s => s.Period).Select(s => new PeriodSpend(s.Period, s.Amount)).ToList()))
            .ToList();
    }

    /// <summary>
    /// A fund's spend for a year per period and category, from the same sources as <see cref="ForYearAsync"/> (the totals
    /// now, the lines visible then asOf), ordered by period then category; a period or category with nothing booked is absent.
    /// </summary>
    public static async Task<IReadOnlyList<CategorySpend>> SpendByCategoryAsync(
        this FinanceSources sources, Guid fundId, FinancialYear year, CancellationToken cancellationToken)
    {
        var rows = sources.Totals is { } totals
            ? await totals
                .Where(t => t.FundId == fundId && t.FinancialYearStart == year.StartYear)
                .Select(t => new { t.Period, t.Category, t.Amount })
                .ToListAsync(cancellationToken)
            : await sources.Lines
                .Where(l => l.FundId == fundId && l.FinancialYearStart == year.StartYear)
                .GroupBy(l => new { l.Period, l.Category })
                .Select(g => new { g.Key.Period, g.Key.Category, Amount = g.Sum(l => l.Amount) })
                .ToListAsync(cancellationToken);
        // ordered here, in ordinal order, so the order does not hang on the database's collation
        return rows.OrderBy(r => r.Period).ThenBy(r => r.Category, StringComparer.Ordinal)
            .Select(r => new CategorySpend(r.Period, r.Category, r.Amount)).ToList();
    }

    private sealed record FundPeriodSpend(Guid FundId, int Period, decimal Amount);
}
