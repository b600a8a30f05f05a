using IntegrationGovernance.Domain.PooledFunds;
using IntegrationGovernance.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Infrastructure.PooledFunds;

public sealed record ContributionTotal(Guid OrganisationId, ContributionKind Kind, decimal Amount);

public sealed record PeriodSpend(int Period, decimal Amount);

/// <summary>A fund's figures for a financial year, each summed by PostgreSQL in <c>numeric</c>.</summary>
public sealed record FundYearFigures(Guid FundId, FinancialYear Year, IReadOnlyList<ContributionTotal> Contributions, IReadOnlyList<PeriodSpend> Spend);

public static class FundFigures
{
    public static async Task<IReadOnlyList<FundYearFigures>> ForYearAsync(
        this RegisterDbContext db, IReadOnlyCollection<Guid> fundIds, FinancialYear year, int fromPeriod, int toPeriod, CancellationToken cancellationToken)
    {
        var ids = fundIds.ToArray();
        var contributions = await db.Contributions.AsNoTracking()
            .Where(c => ids.Contains(c.FundId) && c.FinancialYearStart == year.StartYear)
            .GroupBy(c => new { c.FundId, c.OrganisationId, c.Kind })
            .Select(g => new { g.Key.FundId, g.Key.OrganisationId, g.Key.Kind, Amount = g.Sum(c => c.Amount) })
            .ToListAsync(cancellationToken);
        var spend = await db.LedgerLines.AsNoTracking()
            .Where(l => ids.Contains(l.FundId) && l.FinancialYearStart == year.StartYear && l.Period >= fromPeriod && l.Period <= toPeriod)
            .GroupBy(l => new { l.FundId, l.Period })
            .Select(g => new { g.Key.FundId, g.Key.Period, Amount = g.Sum(l => l.Amount) })
            .ToListAsync(cancellationToken);
        var contributionsByFund = contributions.ToLookup(c => c.FundId);
        var spendByFund = spend.ToLookup(s => s.FundId);
        return ids.Select(id => new FundYearFigures(id, year,
                contributionsByFund[id].OrderBy(c => c.OrganisationId).ThenBy(c => c.Kind)
                    .Select(c => new ContributionTotal(c.OrganisationId, c.Kind, c.Amount)).ToList(),
                spendByFund[id].OrderBy(s => s.Period).Select(s => new PeriodSpend(s.Period, s.Amount)).ToList()))
            .ToList();
    }
}
