using System.Text.Json;
using IntegrationGovernance.Domain.PooledFunds;
using IntegrationGovernance.Infrastructure.Persistence;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace IntegrationGovernance.Infrastructure.PooledFunds;

/// <summary>The outcome of an import: lines added, and lines whose external reference the ledger already held.</summary>
public sealed record LedgerImportResult(int Added, int AlreadyRecorded, decimal AddedTotal);

/// <summary>
/// Books many ledger lines at once: the booking they come in with (a register record, whose revision keeps when
/// the lines became visible), binary COPY into a temporary table, then one INSERT that skips lines the ledger
/// already holds (by external reference), and one audit row for the import, all in one transaction (an
/// idempotent request's, when there is one, so the lines commit with its stored response).
/// </summary>
public sealed class LedgerImporter(RegisterDbContext db, IChangeContextSource changes)
{
    private const string BeforeImport = "ledger_import";

    private const string Stage = """
        CREATE TEMP TABLE ledger_import (
            fund_id uuid, booked_on date, amount numeric(19,2), category text, description text,
            external_reference text, financial_year_start int, period int, created_at timestamptz, booking_id uuid
        ) ON COMMIT DROP
        """;

    private const string Merge = """
        WITH added AS (
            INSERT INTO ledger_lines (fund_id, booked_on, amount, category, description, external_reference, financial_year_start, period, created_at, booking_id)
            SELECT fund_id, booked_on, amount, category, description, external_reference, financial_year_start, period, created_at, booking_id
            FROM ledger_import
            ON CONFLICT (fund_id, external_reference) DO NOTHING
            RETURNING amount
        )
        SELECT count(*)::int, coalesce(sum(amount), 0) FROM added
        """;

    public async Task<LedgerImportResult> ImportAsync(LedgerBooking booking, IReadOnlyList<LedgerLine> lines, bool dryRun, CancellationToken cancellationToken)
    {
        if (lines.Any(l => l.BookingId != booking.Id))
            throw new ArgumentException("Every line of an import comes in with its booking.", nameof(lines));
        var joined = db.Database.CurrentTransaction;
        var own = joined is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var transaction = (joined ?? own)!;
            await transaction.CreateSavepointAsync(BeforeImport, cancellationToken);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var npgsqlTransaction = (NpgsqlTransaction)transaction.GetDbTransaction();
            await StartBookingAsync(connection, npgsqlTransaction, booking, cancellationToken);
            var result = await StageAndMergeAsync(connection, npgsqlTransaction, lines, cancellationToken);
            if (dryRun)
            {
                await transaction.RollbackToSavepointAsync(BeforeImport, cancellationToken);
                return result;
            }
            await AuditAsync(connection, npgsqlTransaction, booking.FundId, result, cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
                await db.PositionCommittedChangesAfterCommitAsync();
            }
            return result;
        }
        finally
        {
            if (own is not null)
                await own.DisposeAsync();
        }
    }

    // the register_record_change trigger keeps its revision (and audit row), as for any register record
    private static async Task StartBookingAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, LedgerBooking booking, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand("INSERT INTO ledger_bookings (id, fund_id, created_at) VALUES (@id, @fund, @created)", connection, transaction);
        insert.Parameters.AddWithValue("id", booking.Id);
        insert.Parameters.AddWithValue("fund", booking.FundId);
        insert.Parameters.AddWithValue("created", booking.CreatedAt);
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<LedgerImportResult> StageAndMergeAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<LedgerLine> lines, CancellationToken cancellationToken)
    {
        await using (var stage = new NpgsqlCommand(Stage, connection, transaction))
            await stage.ExecuteNonQueryAsync(cancellationToken);

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY ledger_import (fund_id, booked_on, amount, category, description, external_reference, financial_year_start, period, created_at, booking_id) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            foreach (var line in lines)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(line.FundId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(line.BookedOn, NpgsqlDbType.Date, cancellationToken);
                await copy.WriteAsync(line.Amount, NpgsqlDbType.Numeric, cancellationToken);
                await copy.WriteAsync(line.Category, NpgsqlDbType.Text, cancellationToken);
                if (line.Description is null)
                    await copy.WriteNullAsync(cancellationToken);
                else
                    await copy.WriteAsync(line.Description, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(line.ExternalReference, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(line.FinancialYearStart, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(line.Period, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(line.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(line.BookingId!.Value, NpgsqlDbType.Uuid, cancellationToken);
            }
            await copy.CompleteAsync(cancellationToken);
        }

        int added;
        decimal total;
        await using (var merge = new NpgsqlCommand(Merge, connection, transaction))
        await using (var reader = await merge.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            (added, total) = (reader.GetInt32(0), reader.GetDecimal(1));
        }
        return new LedgerImportResult(added, lines.Count - added, total);
    }

    private async Task AuditAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid fundId, LedgerImportResult result, CancellationToken cancellationToken)
    {
        var context = changes.Current ?? throw new InvalidOperationException("A ledger import must say who makes it.");
        // who and when come from the transaction itself, as for every other audit row
        await using var audit = new NpgsqlCommand("SELECT record_audit_summary(@action, 'pooled_funds', @fund, @after)", connection, transaction);
        audit.Parameters.AddWithValue("action", context.Action ?? "ImportLedgerLines");
        audit.Parameters.AddWithValue("fund", fundId);
        audit.Parameters.Add(new NpgsqlParameter("after", NpgsqlDbType.Jsonb)
        {
            Value = JsonSerializer.Serialize(new { ledgerLinesAdded = result.Added, alreadyRecorded = result.AlreadyRecorded, addedTotal = result.AddedTotal }),
        });
        await audit.ExecuteNonQueryAsync(cancellationToken);
    }
}
