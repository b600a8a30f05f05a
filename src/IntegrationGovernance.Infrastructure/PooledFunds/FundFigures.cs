using IntegrationGovernance.Domain.PooledFunds;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Infrastructure.PooledFunds;

/// <summary>What a fund's statement for a year is drawn from: its contributions as recorded, and its spend per period summed by PostgreSQL.</summary>
public sealed record FundYearFigures(Guid FundId, IReadOnlyList<Contribution> Contributions, IReadOnlyList<PeriodSpend> Spend);

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
        var spend = await sources.Lines
            .Where(l => ids.Contains(l.FundId) && l.FinancialYearStart == year.StartYear && l.Period >= range.From && l.Period <= range.To)
            .GroupBy(l => new { l.FundId, l.Period })
            .Select(g => new { g.Key.FundId, g.Key.Period, Amount = g.Sum(l => l.Amount) })
            .ToListAsync(cancellationToken);
        var contributionsByFund = contributions.ToLookup(c => c.FundId);
        var spendByFund = spend.ToLookup(s => s.FundId);
        return ids.Select(id => new FundYearFigures(id,
                contributionsByFund[id].ToList(),
                spendByFund[id].OrderBy(s => s.Period).Select(s => new PeriodSpend(s.Period, s.Amount)).ToList()))
            .ToList();
    }
}
