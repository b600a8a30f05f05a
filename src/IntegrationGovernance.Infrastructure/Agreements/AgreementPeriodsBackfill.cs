using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Infrastructure.Persistence;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IntegrationGovernance.Infrastructure.Agreements;

/// <summary>
/// Agreements recorded before the register kept their periods have none, so no legal question would find them. After
/// migrating, each is read, its periods computed by the domain and saved (a revision of its own, by the system), in batches.
/// </summary>
public sealed class AgreementPeriodsBackfill(RegisterDbContext db, TimeProvider clock, ILogger<AgreementPeriodsBackfill> logger)
{
    private const int BatchSize = 500;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var _ = ChangeContext.BeginSystem("agreement-periods");
        var total = 0;
        while (true)
        {
            // the unit reads what it changes: a retried transaction starts from a clean change tracker
            var done = await db.InTransactionAsync(async token =>
            {
                var batch = await db.Agreements.FromSql($"SELECT *, xmin FROM agreements WHERE terms = '[]'::jsonb ORDER BY id LIMIT {BatchSize}")
                    .ToListAsync(token);
                foreach (var agreement in batch)
                    agreement.RecomputePeriods(clock.GetUtcNow());
                await db.SaveChangesAsync(token);
                return batch.Count;
            }, cancellationToken);
            if (done == 0)
                break;
            total += done;
        }
        if (total > 0)
            logger.LogInformation("Computed the periods of {Count} agreement(s) recorded before periods were kept", total);
    }
}
