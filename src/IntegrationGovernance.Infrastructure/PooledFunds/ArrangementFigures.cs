using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.PooledFunds;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Infrastructure.PooledFunds;

/// <summary>One agreement's transfer payments for a year, the total of those that stand summed by PostgreSQL.</summary>
public sealed record TransferYearFigures(Guid AgreementId, string Reference, StatutoryBasis Basis, IReadOnlyList<TransferPayment> Payments,
    IReadOnlyDictionary<Guid, Guid> CorrectedBy, decimal Total);

/// <summary>One agreement's aligned budgets for a year, its totals over each partner's latest report summed by PostgreSQL.</summary>
public sealed record AlignedYearFigures(Guid AgreementId, string Reference, IReadOnlyList<AlignedBudgetReport> Reports,
    IReadOnlyDictionary<Guid, Guid> ReplacedBy, decimal Budget, decimal Spend, decimal Variance);

/// <summary>The totals of a selection, summed by PostgreSQL.</summary>
public sealed record ArrangementTotals(decimal AlignedBudget, decimal AlignedSpend, decimal AlignedVariance, decimal NhsToLocalAuthority, decimal LocalAuthorityToNhs);

/// <summary>
/// Transfer payments and aligned budgets by year, read in PostgreSQL: which payments stand (none corrects them, as
/// <see cref="TransferPaymentRules.Standing"/> says) and which report is each partner's latest (as
/// <see cref="AlignedBudgetRules.Latest"/> says), and their totals summed in <c>numeric</c>.
/// </summary>
public static class ArrangementFigures
{
    /// <summary>Payments no other payment corrects.</summary>
    public static IQueryable<TransferPayment> Standing(this ArrangementSources sources, IQueryable<TransferPayment> payments) =>
        payments.Where(p => !sources.Payments.Any(c => c.CorrectsId == p.Id));

    /// <summary>Reports no later revision of the same partner's report for the year replaces.</summary>
    public static IQueryable<AlignedBudgetReport> Latest(this ArrangementSources sources, IQueryable<AlignedBudgetReport> reports) =>
        reports.Where(r => !sources.AlignedBudgets.Any(n => n.AgreementId == r.AgreementId && n.OrganisationId == r.OrganisationId
                                                             && n.FinancialYearStart == r.FinancialYearStart && n.Revision > r.Revision));

    /// <param name="sources">The register now or at a moment.</param>
    /// <param name="year">The financial year.</param>
    /// <param name="agreementIds">Only these agreements; null for every one.</param>
    /// <param name="withCorrected">List corrected payments too (each says which payment corrected it); totals count only those that stand.</param>
    public static async Task<IReadOnlyList<TransferYearFigures>> TransfersAsync(this ArrangementSources sources, FinancialYear year,
        IReadOnlyCollection<Guid>? agreementIds, bool withCorrected, CancellationToken cancellationToken)
    {
        var recorded = Of(sources.Payments.Where(p => p.FinancialYearStart == year.StartYear), agreementIds);
        var standing = sources.Standing(recorded);
        var payments = await (withCorrected ? recorded : standing).OrderBy(p => p.AgreementId).ThenBy(p => p.CreatedAt).ThenBy(p => p.Id).ToListAsync(cancellationToken);
        var totals = await standing.GroupBy(p => p.AgreementId).Select(g => new { g.Key, Total = g.Sum(p => p.Amount) })
            .ToDictionaryAsync(t => t.Key, t => t.Total, cancellationToken);
        var listed = payments.Select(p => (Guid?)p.Id).ToArray();
        var correctedBy = withCorrected
            ? await sources.Payments.Where(c => listed.Contains(c.CorrectsId)).Select(c => new { Corrected = c.CorrectsId!.Value, c.Id })
                .ToDictionaryAsync(c => c.Corrected, c => c.Id, cancellationToken)
            : new Dictionary<Guid, Guid>();
        var agreements = await NamesAsync(sources, payments.Select(p => p.AgreementId), cancellationToken);
        return payments.GroupBy(p => p.AgreementId)
            .Select(g => new TransferYearFigures(g.Key, agreements[g.Key].Reference, agreements[g.Key].Basis, g.ToList(),
                g.Where(p => correctedBy.ContainsKey(p.Id)).ToDictionary(p => p.Id, p => correctedBy[p.Id]), totals.GetValueOrDefault(g.Key)))
            .OrderBy(t => t.Reference, StringComparer.Ordinal).ThenBy(t => t.AgreementId)
            .ToList();
    }

    /// <param name="sources">The register now or at a moment.</param>
    /// <param name="year">The financial year.</param>
    /// <param name="agreementIds">Only these agreements; null for every one.</param>
    /// <param name="withReplaced">List replaced reports too (each says which report replaced it); totals count only each partner's latest.</param>
    public static async Task<IReadOnlyList<AlignedYearFigures>> AlignedAsync(this ArrangementSources sources, FinancialYear year,
        IReadOnlyCollection<Guid>? agreementIds, bool withReplaced, CancellationToken cancellationToken)
    {
        var reported = Of(sources.AlignedBudgets.Where(r => r.FinancialYearStart == year.StartYear), agreementIds);
        var latest = sources.Latest(reported);
        var reports = await (withReplaced ? reported : latest)
            .OrderBy(r => r.AgreementId).ThenBy(r => r.OrganisationId).ThenBy(r => r.Revision).ToListAsync(cancellationToken);
        var totals = await latest.GroupBy(r => r.AgreementId)
            .Select(g => new { g.Key, Budget = g.Sum(r => r.Budget), Spend = g.Sum(r => r.Spend), Variance = g.Sum(r => r.Budget) - g.Sum(r => r.Spend) })
            .ToDictionaryAsync(t => t.Key, cancellationToken);
        var agreements = await NamesAsync(sources, reports.Select(r => r.AgreementId), cancellationToken);
        return reports.GroupBy(r => r.AgreementId)
            .Select(g =>
            {
                var byRevision = g.ToDictionary(r => (r.OrganisationId, r.Revision), r => r.Id);
                var replacedBy = g.Where(r => byRevision.ContainsKey((r.OrganisationId, r.Revision + 1)))
                    .ToDictionary(r => r.Id, r => byRevision[(r.OrganisationId, r.Revision + 1)]);
                var total = totals[g.Key];
                return new AlignedYearFigures(g.Key, agreements[g.Key].Reference, g.ToList(), replacedBy, total.Budget, total.Spend, total.Variance);
            })
            .OrderBy(a => a.Reference, StringComparer.Ordinal).ThenBy(a => a.AgreementId)
            .ToList();
    }

    /// <summary>The selection's aligned budgets (each partner's latest) and its standing transfers by direction, summed by PostgreSQL.</summary>
    public static async Task<ArrangementTotals> TotalsAsync(this ArrangementSources sources, FinancialYear year, IReadOnlyCollection<Guid>? agreementIds,
        CancellationToken cancellationToken)
    {
        var latest = sources.Latest(Of(sources.AlignedBudgets.Where(r => r.FinancialYearStart == year.StartYear), agreementIds));
        var aligned = await latest.GroupBy(_ => 1)
            .Select(g => new { Budget = g.Sum(r => r.Budget), Spend = g.Sum(r => r.Spend), Variance = g.Sum(r => r.Budget) - g.Sum(r => r.Spend) })
            .FirstOrDefaultAsync(cancellationToken);
        var standing = sources.Standing(Of(sources.Payments.Where(p => p.FinancialYearStart == year.StartYear), agreementIds));
        var byBasis = await standing.GroupBy(p => p.Basis).Select(g => new { g.Key, Total = g.Sum(p => p.Amount) })
            .ToDictionaryAsync(t => t.Key, t => t.Total, cancellationToken);
        return new ArrangementTotals(aligned?.Budget ?? 0m, aligned?.Spend ?? 0m, aligned?.Variance ?? 0m,
            byBasis.GetValueOrDefault(StatutoryBasis.Section256NhsAct2006), byBasis.GetValueOrDefault(StatutoryBasis.Section76NhsAct2006));
    }

    private static IQueryable<T> Of<T>(IQueryable<T> records, IReadOnlyCollection<Guid>? agreementIds) where T : class
    {
        if (agreementIds is null)
            return records;
        var ids = agreementIds.ToArray();
        return records.Where(r => ids.Contains(EF.Property<Guid>(r, "AgreementId")));
    }

    private static async Task<Dictionary<Guid, (string Reference, StatutoryBasis Basis)>> NamesAsync(
        ArrangementSources sources, IEnumerable<Guid> agreementIds, CancellationToken cancellationToken)
    {
        var ids = agreementIds.Distinct().ToArray();
        if (ids.Length == 0)
            return [];
        var rows = await sources.Agreements.Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.Reference, a.Basis }).ToListAsync(cancellationToken);
        return rows.ToDictionary(a => a.Id, a => (a.Reference, a.Basis));
    }
}
