using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace IntegrationGovernance.Infrastructure.RecordKeeping;

/// <summary>
/// At the start of every transaction, tells PostgreSQL who is making the change (transaction-local settings
/// read by the record-keeping trigger). Without them the trigger refuses the write, so no change goes unrecorded.
/// </summary>
public sealed class ChangeContextInterceptor(IChangeContextSource source) : DbTransactionInterceptor
{
    private const string Sql = """
        SELECT set_config('register.actor_subject', @subject, true),
               set_config('register.actor_organisation', @organisation, true),
               set_config('register.correlation_id', @correlation, true),
               set_config('register.action', @action, true),
               set_config('register.change_kind', @kind, true)
        """;

    public override async ValueTask<DbTransaction> TransactionStartedAsync(
        DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        if (source.Current is not { } context)
            return result;
        await using var command = new NpgsqlCommand(Sql, (NpgsqlConnection)connection, (NpgsqlTransaction)result);
        command.Parameters.AddWithValue("subject", context.ActorSubject);
        command.Parameters.AddWithValue("organisation", context.ActorOrganisation ?? string.Empty);
        command.Parameters.AddWithValue("correlation", context.CorrelationId ?? string.Empty);
        command.Parameters.AddWithValue("action", context.Action ?? string.Empty);
        command.Parameters.AddWithValue("kind", context.Kind ?? string.Empty);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return result;
    }

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result) =>
        throw new NotSupportedException("The register writes asynchronously; synchronous transactions would go unrecorded.");
}
