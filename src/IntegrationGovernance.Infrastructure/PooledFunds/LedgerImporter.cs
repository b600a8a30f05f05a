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
/// Books many ledger lines at once, as a file is read: binary COPY into a temporary table, line by line as each is
/// checked (so a file is never held whole), then one statement that adds the lines the ledger does not already hold (by
/// external reference) and the booking they come in with, counting what was added. Nothing is added until the whole file
/// has been read and checked: a file with a bad row is rolled back, copied lines and all.
/// The database adds the lines actually added (not those skipped) to the ledger's totals, and refuses the statement if
/// any is dated in a closed period, in that same statement (the <c>ledger_lines_totalled</c> trigger: see
/// <see cref="LedgerPeriods"/>); a dry run rolls both back with the lines.
/// The booking is a register record, so the recording trigger gives it its revision (when the lines became visible),
/// its audit row and its place in the change feed, as for any other write; all in one transaction (an idempotent
/// request's, when there is one, so the lines commit with its stored response).
/// </summary>
public sealed class LedgerImporter(RegisterDbContext db)
{
    /// <summary>
    /// Opens the import's transaction (or joins the request's, behind a savepoint), its temporary table and the COPY
    /// into it. Disposing the import without <see cref="LedgerImportSession.CompleteAsync"/> books nothing.
    /// </summary>
    public async Task<LedgerImportSession> BeginAsync(LedgerBooking booking, CancellationToken cancellationToken)
    {
        var joined = db.Database.CurrentTransaction;
        var own = joined is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var transaction = (joined ?? own)!;
            await transaction.CreateSavepointAsync(LedgerImportSession.BeforeImport, cancellationToken);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var npgsqlTransaction = (NpgsqlTransaction)transaction.GetDbTransaction();
            await using (var stage = new NpgsqlCommand(LedgerImportSession.Stage, connection, npgsqlTransaction))
                await stage.ExecuteNonQueryAsync(cancellationToken);
            var copy = await connection.BeginBinaryImportAsync(LedgerImportSession.Copy, cancellationToken);
            return new LedgerImportSession(booking, transaction, own, connection, npgsqlTransaction, copy);
        }
        catch
        {
            if (own is not null)
                await own.DisposeAsync();
            else
                await joined!.RollbackToSavepointAsync(LedgerImportSession.BeforeImport, CancellationToken.None);
            throw;
        }
    }
}

/// <summary>One import under way: lines are written to the COPY as they are checked, then merged or rolled back.</summary>
public sealed class LedgerImportSession : IAsyncDisposable
{
    internal const string BeforeImport = "ledger_import";

    internal const string Stage = """
        CREATE TEMP TABLE ledger_import (
            fund_id uuid, booked_on date, amount numeric(19,2), category text, description text,
            external_reference text, financial_year_start int, period int, created_at timestamptz, booking_id uuid, corrects text
        ) ON COMMIT DROP
        """;

    internal const string Copy =
        "COPY ledger_import (fund_id, booked_on, amount, category, description, external_reference, financial_year_start, period, created_at, booking_id, corrects) FROM STDIN (FORMAT BINARY)";

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

    private readonly LedgerBooking _booking;
    private readonly IDbContextTransaction _transaction;
    private readonly IDbContextTransaction? _own;
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _npgsqlTransaction;
    private NpgsqlBinaryImporter? _copy;
    private bool _completed;

    internal LedgerImportSession(LedgerBooking booking, IDbContextTransaction transaction, IDbContextTransaction? own, NpgsqlConnection connection,
        NpgsqlTransaction npgsqlTransaction, NpgsqlBinaryImporter copy) =>
        (_booking, _transaction, _own, _connection, _npgsqlTransaction, _copy) = (booking, transaction, own, connection, npgsqlTransaction, copy);

    /// <summary>How many lines have been written.</summary>
    public int Lines { get; private set; }

    /// <summary>Writes one checked line to the COPY; every line of an import comes in with its booking.</summary>
    public async Task WriteAsync(LedgerLine line, CancellationToken cancellationToken)
    {
        if (line.BookingId != _booking.Id)
            throw new ArgumentException("Every line of an import comes in with its booking.", nameof(line));
        var copy = _copy ?? throw new InvalidOperationException("The lines have all been written.");
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
        Lines++;
    }

    /// <summary>Ends the COPY (no more lines), then says which of <paramref name="references"/> the fund's ledger holds.</summary>
    public async Task<IReadOnlySet<string>> HeldAsync(IReadOnlyCollection<string> references, CancellationToken cancellationToken)
    {
        await EndCopyAsync(cancellationToken);
        var held = new HashSet<string>(StringComparer.Ordinal);
        if (references.Count == 0)
            return held;
        await using var select = new NpgsqlCommand(
            "SELECT external_reference FROM ledger_lines WHERE fund_id = @fund AND external_reference = ANY(@references)", _connection, _npgsqlTransaction);
        select.Parameters.AddWithValue("fund", _booking.FundId);
        select.Parameters.AddWithValue("references", references.ToArray());
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            held.Add(reader.GetString(0));
        return held;
    }

    /// <summary>Adds the lines written that the ledger does not hold, with their booking (a dry run counts them and rolls back).</summary>
    public async Task<LedgerImportResult> CompleteAsync(bool dryRun, CancellationToken cancellationToken)
    {
        await EndCopyAsync(cancellationToken);
        int added;
        decimal total;
        await using (var merge = new NpgsqlCommand(Merge, _connection, _npgsqlTransaction))
        {
            merge.Parameters.AddWithValue("id", _booking.Id);
            merge.Parameters.AddWithValue("fund", _booking.FundId);
            merge.Parameters.AddWithValue("created", _booking.CreatedAt);
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
        if (dryRun)
            await _transaction.RollbackToSavepointAsync(BeforeImport, cancellationToken);
        else if (_own is not null)
            await _own.CommitAsync(cancellationToken);
        _completed = true;
        return new LedgerImportResult(added, Lines - added, total);
    }

    private async Task EndCopyAsync(CancellationToken cancellationToken)
    {
        if (_copy is null)
            return;
        await _copy.CompleteAsync(cancellationToken);
        await _copy.DisposeAsync();
        _copy = null;
    }

    /// <summary>Without <see cref="CompleteAsync"/>, nothing of the import is kept: the COPY is cancelled and its transaction (or savepoint) rolled back.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_copy is not null)
        {
            // disposing a COPY that was not completed cancels it
            await _copy.DisposeAsync();
            _copy = null;
        }
        if (_own is not null)
            await _own.DisposeAsync();
        else if (!_completed && _connection.State == System.Data.ConnectionState.Open)
            await _transaction.RollbackToSavepointAsync(BeforeImport, CancellationToken.None);
    }
}
