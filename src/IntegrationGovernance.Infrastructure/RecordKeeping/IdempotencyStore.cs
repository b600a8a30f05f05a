using IntegrationGovernance.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace IntegrationGovernance.Infrastructure.RecordKeeping;

/// <summary>A response kept for an Idempotency-Key.</summary>
public sealed record StoredResponse(int Status, string? ContentType, string? Location, string? ETag, byte[] Body);

/// <summary>
/// Idempotency keys in PostgreSQL. The first request with a key inserts its row in the request's own transaction,
/// which its writes join and which commits only with its response stored: the change and the response a retry
/// will replay are kept together or not at all. A concurrent repeat's insert waits on that row (PostgreSQL's own
/// unique-index wait), then sees the stored response; one that waits longer than allowed is told the first is in flight.
/// Stored bodies are protected with Data Protection: they may hold personal data (a secondment) for the whole retention.
/// </summary>
public sealed class IdempotencyStore(NpgsqlDataSource dataSource, IDataProtectionProvider protection)
{
    private readonly IDataProtector _bodies = protection.CreateProtector("IntegrationGovernance.Idempotency.StoredResponseBody.v1");

    /// <summary>
    /// Claims <paramref name="key"/>. With <paramref name="commitClaim"/> (a handler that calls another system) the key's
    /// row commits at once, in flight with no response yet, and the handler runs with no transaction open, committing its
    /// own writes; the response is stored afterwards. A repeat meanwhile is told the first is in flight; a claim whose
    /// request died with its process is taken over after <paramref name="abandonedAfter"/>.
    /// </summary>
    public async Task<IdempotencyClaim> ClaimAsync(
        RegisterDbContext db, string scope, string key, string requestHash, TimeSpan wait, CancellationToken cancellationToken,
        bool commitClaim, TimeSpan abandonedAfter)
    {
        // the change context interceptor declares the request's actor on this transaction, as for any write
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var npgsqlTransaction = (NpgsqlTransaction)transaction.GetDbTransaction();
            // one round trip: wait at most `wait` for a repeat in flight, claim, then take the request's savepoint
            await using var claim = new NpgsqlBatch(connection, npgsqlTransaction)
            {
                BatchCommands =
                {
                    new("SELECT set_config('lock_timeout', $1, true)") { Parameters = { new() { Value = $"{(int)wait.TotalMilliseconds}ms" } } },
                    new("""
                        INSERT INTO idempotency_keys (scope, key, request_hash, created_at) VALUES ($1, $2, $3, now())
                        ON CONFLICT (scope, key) DO UPDATE SET created_at = now()
                            WHERE idempotency_keys.status IS NULL AND idempotency_keys.request_hash = excluded.request_hash
                              AND idempotency_keys.created_at < now() - $4
                        """)
                    {
                        // only a committed claim is ever seen without a response (a transaction's claim is invisible until it has one)
                        Parameters = { new() { Value = scope }, new() { Value = key }, new() { Value = requestHash }, new() { Value = abandonedAfter } },
                    },
                    new("SET LOCAL lock_timeout TO DEFAULT"),
                    new($"SAVEPOINT {IdempotencyClaim.RequestSavepoint}"),
                },
            };
            await claim.ExecuteNonQueryAsync(cancellationToken);
            if (claim.BatchCommands[1].RecordsAffected == 1)
            {
                if (commitClaim)
                {
                    await transaction.CommitAsync(cancellationToken);
                    await transaction.DisposeAsync();
                    return IdempotencyClaim.Committed(dataSource, _bodies, scope, key);
                }
                return IdempotencyClaim.Owned(db, transaction, _bodies, scope, key);
            }

            var earlier = await ReadAsync(connection, npgsqlTransaction, scope, key, cancellationToken);
            await transaction.DisposeAsync();
            return earlier switch
            {
                null => IdempotencyClaim.InFlight(),
                ({ } hash, _) when hash != requestHash => IdempotencyClaim.Mismatch(),
                (_, { } response) => IdempotencyClaim.Replay(response),
                _ => IdempotencyClaim.InFlight(),
            };
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            await transaction.DisposeAsync();
            return IdempotencyClaim.InFlight();
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    /// <summary>Forgets keys older than <paramref name="retention"/>; returns how many.</summary>
    public async Task<int> DeleteExpiredAsync(TimeSpan retention, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM idempotency_keys WHERE created_at < now() - @retention");
        command.Parameters.AddWithValue("retention", retention);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<(string Hash, StoredResponse? Response)?> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string scope, string key, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand("""
            SELECT request_hash, status, content_type, location, e_tag, body, body_protected FROM idempotency_keys WHERE scope = @scope AND key = @key
            """, connection, transaction);
        select.Parameters.AddWithValue("scope", scope);
        select.Parameters.AddWithValue("key", key);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return null;
        var response = reader.IsDBNull(1)
            ? null
            : new StoredResponse(
                reader.GetInt32(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? [] : reader.GetBoolean(6) ? _bodies.Unprotect(reader.GetFieldValue<byte[]>(5)) : reader.GetFieldValue<byte[]>(5));
        return (reader.GetString(0), response);
    }
}

/// <summary>The outcome of presenting a key: this request owns it, or replays, mismatches, or waits on another.</summary>
public sealed class IdempotencyClaim : IAsyncDisposable
{
    /// <summary>Taken just after the key's row: a refused request rolls back to it, keeping only its response.</summary>
    internal const string RequestSavepoint = "idempotent_request";

    private readonly RegisterDbContext? _db;
    private readonly IDbContextTransaction? _transaction;
    private readonly NpgsqlDataSource? _committedClaim;
    private readonly IDataProtector? _bodies;
    private readonly string _scope = string.Empty;
    private readonly string _key = string.Empty;
    private bool _completed;

    private IdempotencyClaim(IdempotencyOutcome outcome, StoredResponse? response = null)
    {
        Outcome = outcome;
        Response = response;
    }

    private IdempotencyClaim(RegisterDbContext db, IDbContextTransaction transaction, IDataProtector bodies, string scope, string key)
        : this(IdempotencyOutcome.Owned)
    {
        (_db, _transaction, _bodies, _scope, _key) = (db, transaction, bodies, scope, key);
    }

    public IdempotencyOutcome Outcome { get; }

    /// <summary>The first response, when <see cref="Outcome"/> is <see cref="IdempotencyOutcome.Replay"/>.</summary>
    public StoredResponse? Response { get; }

    private IdempotencyClaim(NpgsqlDataSource dataSource, IDataProtector bodies, string scope, string key)
        : this(IdempotencyOutcome.Owned)
    {
        (_committedClaim, _bodies, _scope, _key) = (dataSource, bodies, scope, key);
    }

    internal static IdempotencyClaim Owned(RegisterDbContext db, IDbContextTransaction transaction, IDataProtector bodies, string scope, string key) =>
        new(db, transaction, bodies, scope, key);

    internal static IdempotencyClaim Committed(NpgsqlDataSource dataSource, IDataProtector bodies, string scope, string key) =>
        new(dataSource, bodies, scope, key);

    internal static IdempotencyClaim Replay(StoredResponse response) => new(IdempotencyOutcome.Replay, response);

    internal static IdempotencyClaim Mismatch() => new(IdempotencyOutcome.Mismatch);

    internal static IdempotencyClaim InFlight() => new(IdempotencyOutcome.InFlight);

    /// <summary>
    /// Stores the response for repeats of the key and commits it with the request's changes (or, when
    /// <paramref name="keepChanges"/> is false, with none of them), releasing anyone waiting on the key.
    /// </summary>
    public async Task CompleteAsync(StoredResponse response, bool keepChanges, CancellationToken cancellationToken)
    {
        if (_committedClaim is not null)
        {
            // the handler committed its own writes as it went: there is nothing left to keep or roll back
            await using var connection = await _committedClaim.OpenConnectionAsync(cancellationToken);
            await StoreAsync(connection, null, response, cancellationToken);
            _completed = true;
            return;
        }
        if (_db is null || _transaction is null)
            throw new InvalidOperationException("Only the owner of a key completes it.");
        // a connection lost mid-request (the server restarting, say) has already ended the transaction: nothing was kept
        if (_transaction.GetDbTransaction().Connection is null)
            throw new NpgsqlException("The connection to the database was lost before the request could commit.");
        if (!keepChanges)
            await _transaction.RollbackToSavepointAsync(RequestSavepoint, cancellationToken);
        await StoreAsync((NpgsqlConnection)_db.Database.GetDbConnection(), (NpgsqlTransaction)_transaction.GetDbTransaction(), response, cancellationToken);
        await _transaction.CommitAsync(cancellationToken);
        await _transaction.DisposeAsync();
    }

    /// <summary>Ending without <see cref="CompleteAsync"/> rolls back the key and the request's changes: a retry runs afresh.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null)
            await _transaction.DisposeAsync();
        if (_committedClaim is not null && !_completed)
        {
            await using var forget = _committedClaim.CreateCommand("DELETE FROM idempotency_keys WHERE scope = @scope AND key = @key AND status IS NULL");
            forget.Parameters.AddWithValue("scope", _scope);
            forget.Parameters.AddWithValue("key", _key);
            await forget.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private async Task StoreAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, StoredResponse response, CancellationToken cancellationToken)
    {
        await using var update = new NpgsqlCommand("""
            UPDATE idempotency_keys SET status = @status, content_type = @type, location = @location, e_tag = @etag, body = @body, body_protected = true
            WHERE scope = @scope AND key = @key
            """, connection, transaction);
        update.Parameters.AddWithValue("status", response.Status);
        update.Parameters.AddWithValue("type", (object?)response.ContentType ?? DBNull.Value);
        update.Parameters.AddWithValue("location", (object?)response.Location ?? DBNull.Value);
        update.Parameters.AddWithValue("etag", (object?)response.ETag ?? DBNull.Value);
        update.Parameters.AddWithValue("body", _bodies!.Protect(response.Body));
        update.Parameters.AddWithValue("scope", _scope);
        update.Parameters.AddWithValue("key", _key);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }
}

public enum IdempotencyOutcome
{
    Owned,
    Replay,
    Mismatch,
    InFlight,
}
