using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.PooledFunds;
using IntegrationGovernance.Infrastructure.Persistence;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Infrastructure.PooledFunds;

/// <summary>
/// What a read of transfer payments and aligned budgets draws from: the register now, or exactly as it stood at a moment
/// (each from its revisions, like <see cref="FinanceReads.FinanceAtAsync"/>'s funds and contributions).
/// </summary>
public sealed record ArrangementSources(IQueryable<TransferPayment> Payments, IQueryable<AlignedBudgetReport> AlignedBudgets, IQueryable<Agreement> Agreements);

public static class ArrangementReads
{
    /// <summary>
    /// The register now (<paramref name="asOf"/> null), with changes committed but not yet stamped stamped first, so what a
    /// read sees now is what a read <c>asOf</c> this moment will see later; or as it stood at <paramref name="asOf"/>.
    /// </summary>
    public static async Task<ArrangementSources> ArrangementsAtAsync(this RegisterDbContext db, RecordHistory history, DateTimeOffset? asOf, CancellationToken cancellationToken)
    {
        if (asOf is not { } moment)
        {
            // reading as of a moment stamps them itself (RecordHistory.AsOfAsync)
            await db.PositionCommittedChangesAsync(cancellationToken);
            return new(db.TransferPayments.AsNoTracking(), db.AlignedBudgetReports.AsNoTracking(), db.Agreements.AsNoTracking());
        }
        return new(
            await history.AsOfAsync<TransferPayment>(moment, cancellationToken),
            await history.AsOfAsync<AlignedBudgetReport>(moment, cancellationToken),
            await history.AsOfAsync<Agreement>(moment, cancellationToken));
    }

    /// <summary>The same, beside finance sources already drawn for the same moment (the finance export): their agreements, and the stamping they did.</summary>
    public static async Task<ArrangementSources> ArrangementsBesideAsync(
        this FinanceSources finance, RegisterDbContext db, RecordHistory history, DateTimeOffset? asOf, CancellationToken cancellationToken) =>
        asOf is not { } moment
            ? new(db.TransferPayments.AsNoTracking(), db.AlignedBudgetReports.AsNoTracking(), finance.Agreements)
            : new(await history.AsOfAsync<TransferPayment>(moment, cancellationToken),
                await history.AsOfAsync<AlignedBudgetReport>(moment, cancellationToken),
                finance.Agreements);
}
