using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.PooledFunds;
using IntegrationGovernance.Infrastructure.Persistence;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Infrastructure.PooledFunds;

/// <summary>
/// What a read of transfer payments and aligned budgets draws from: the register now, or exactly as it stood at a moment.
/// </summary>
public sealed record ArrangementSources(IQueryable<TransferPayment> Payments, IQueryable<AlignedBudgetReport> AlignedBudgets, IQueryable<Agreement> Agreements);

public static class ArrangementReads
{
    /// <summary>
    /// The register now (<paramref name="asOf"/> null), or as it stood at <paramref name="asOf"/>.
    /// </summary>
    public static async Task<ArrangementSources> ArrangementsAtAsync(this RegisterDbContext db, RecordHistory history, DateTimeOffset? asOf, CancellationToken cancellationToken)
    {
        if (asOf is { } moment)
            return At(db, history, moment, await history.AsOfAsync<Agreement>(moment, cancellationToken));
        return new(db.TransferPayments.AsNoTracking(), db.AlignedBudgetReports.AsNoTracking(), db.Agreements.AsNoTracking());
    }

    /// <summary>The same, beside finance sources already drawn for the same moment (the finance export): their agreements.</summary>
    public static ArrangementSources ArrangementsBeside(this FinanceSources finance, RegisterDbContext db, RecordHistory history, DateTimeOffset? asOf) =>
        asOf is not { } moment
            ? new(db.TransferPayments.AsNoTracking(), db.AlignedBudgetReports.AsNoTracking(), finance.Agreements)
            : At(db, history, moment, finance.Agreements);

    /// <summary>
    /// Payments and reports are written once and never changed (the API's role may only insert them; a correction or a new
    /// report is a row of its own), so the register at a moment holds exactly the rows whose creation had become visible by
    /// then: the live rows, filtered by their revision's <see cref="Revision.CommittedAt"/> in one indexed look each, as a
    /// ledger line is by its booking's. No row is rebuilt from its revision.
    /// </summary>
    private static ArrangementSources At(RegisterDbContext db, RecordHistory history, DateTimeOffset moment, IQueryable<Agreement> agreements)
    {
        var at = moment.ToUniversalTime();
        var payments = history.ResourceOf<TransferPayment>();
        var reports = history.ResourceOf<AlignedBudgetReport>();
        return new(
            db.TransferPayments.AsNoTracking().Where(p => db.Revisions.Any(r => r.Resource == payments && r.RecordId == p.Id && r.CommittedAt <= at)),
            db.AlignedBudgetReports.AsNoTracking().Where(p => db.Revisions.Any(r => r.Resource == reports && r.RecordId == p.Id && r.CommittedAt <= at)),
            agreements);
    }
}
