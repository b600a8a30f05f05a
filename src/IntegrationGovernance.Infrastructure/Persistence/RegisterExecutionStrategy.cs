using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace IntegrationGovernance.Infrastructure.Persistence;

/// <summary>
/// Retries transient faults, except inside a transaction the caller opened (an idempotent request's): there a
/// replay could not repeat the work already done in it, so the fault ends the request, the whole transaction
/// rolls back, and the client's retry with the same key runs it afresh.
/// </summary>
public sealed class RegisterExecutionStrategy(ExecutionStrategyDependencies dependencies, int maxRetryCount)
    : NpgsqlRetryingExecutionStrategy(dependencies, maxRetryCount, TimeSpan.FromMilliseconds(500), errorCodesToAdd: null)
{
    protected override void OnFirstExecution()
    {
        if (InCallersTransaction)
            ExceptionsEncountered.Clear(); // where the base class refuses to run at all
        else
            base.OnFirstExecution();
    }

    protected override bool ShouldRetryOn(Exception? exception) => !InCallersTransaction && base.ShouldRetryOn(exception);

    private bool InCallersTransaction => Dependencies.CurrentContext.Context.Database.CurrentTransaction is not null;
}
