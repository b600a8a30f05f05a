using IntegrationGovernance.Domain.Common;
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
/// Books many ledger lines at once: binary COPY into a temporary table, then one statement that adds the lines the
/// ledger does not already hold (by external reference) and the booking they come in with, counting what was added.
/// The database adds the lines actually added (not those skipped) to the ledger's totals, and refuses the statement if
/// any is dated in a closed period, in that same statement (the <c>ledger_lines_totalled</c> trigger: see
/// <see cref="LedgerPeriods"/>); a dry run rolls both back with the lines.
/// The booking is a register record, so the recording trigger gives it its revision (when the lines became visible),
/// its audit row and its place in the change feed, as for any other write; all in one transaction (an idempotent
/// request's, when there is one, so the lines commit with its stored response).
/// </summary>
public sealed class LedgerImporter(RegisterDbContext db)
{
    private const string BeforeImport = "ledger_import";

    private const string Stage = """
        CREATE TEMP TABLE ledger_import (
            fund_id uuid, booked_on date, amount numeric(19,2), category text, description text,
            external_reference text, financial_year_start int, period int, created_at timestamptz, booking_id uuid, corrects text
        ) ON COMMIT DROP
        """;

    // the booking is inserted in the same statement as its lines, so it counts only the lines added; its foreign key
    // from the lines is checked at the end of the statement, when the booking is there
    private const string Merge = """
        WITH added AS (
            INSERT INTO ledger_lines (fund_id, booked_on, amount, category, description, external_reference, financial_year_start, period, created_at, booking_id, corrects)
            SELECT fund_id, booked_on, amount, category, description, external_reference, financial_year_start, period, created_at, booking_id, corrects
            FROM ledger_import
            ON CONFLICT (fund_id, external_reference) DO NOTHING
            RETURNING amount
        ), booking AS (
            INSERT INTO ledger_bookings (id, fund_id, created_at, line_count, amount_total)
            SELECT @id, @fund, @created, count(*)::int, coalesce(sum(amount), 0) FROM added
            RETURNING line_count, amount_total
        )
        SELECT line_count, amount_total FROM booking
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
            var result = await StageAndMergeAsync(connection, npgsqlTransaction, booking, lines, cancellationToken);
            if (dryRun)
            {
                await transaction.RollbackToSavepointAsync(BeforeImport, cancellationToken);
                return result;
            }
            if (own is not null)
                await own.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            if (own is not null)
                await own.DisposeAsync();
        }
    }

    private static async Task<LedgerImportResult> StageAndMergeAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, LedgerBooking booking, IReadOnlyList<LedgerLine> lines, CancellationToken cancellationToken)
    {
        await using (var stage = new NpgsqlCommand(Stage, connection, transaction))
            await stage.ExecuteNonQueryAsync(cancellationToken);

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY ledger_import (fund_id, booked_on, amount, category, description, external_reference, financial_year_start, period, created_at, booking_id, corrects) FROM STDIN (FORMAT BINARY)",
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
                if (line.Corrects is null)
                    await copy.WriteNullAsync(cancellationToken);
                else
                    await copy.WriteAsync(line.Corrects, NpgsqlDbType.Text, cancellationToken);
            }
            await copy.CompleteAsync(cancellationToken);
        }

        int added;
        decimal total;
        await using (var merge = new NpgsqlCommand(Merge, connection, transaction))
        {
            merge.Parameters.AddWithValue("id", booking.Id);
            merge.Parameters.AddWithValue("fund", booking.FundId);
            merge.Parameters.AddWithValue("created", booking.CreatedAt);
            try
            {
                await using var reader = await merge.ExecuteReaderAsync(cancellationToken);
                await reader.ReadAsync(cancellationToken);
                (added, total) = (reader.GetInt32(0), reader.GetDecimal(1));
            }
            catch (PostgresException refused) when (refused.ConstraintName == ConstraintViolations.OpenPeriod)
            {
                // the rows were checked against the closed periods before; one was closed since, and the database saw it
                throw new RegisterRuleException("period-closed",
                    "A period a line of the file is dated in was closed while the file was being booked, so nothing was booked. "
                    + "Import it again to see which rows fall in a closed period.", "$", RuleKind.Conflict);
            }
            catch (PostgresException refused) when (ConstraintViolations.Translate(refused) is { } rule)
            {
                throw rule;
            }
        }
        return new LedgerImportResult(added, lines.Count - added, total);
    }
}
