using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Npgsql;
using NpgsqlTypes;

namespace IntegrationGovernance.Bench.Peer;

/// <summary>
/// B5: a draft agreement created under an Idempotency-Key, with the API's bookkeeping done by hand in one transaction of
/// three round trips: (1) the change's actor declared, the key claimed, the parties and their successions read; (2) the
/// agreement inserted (the database's triggers write its revision, positioned in the change feed at commit, its audit row and its dated terms, as for the API)
/// and its response stored with the key; (3) the commit.
/// </summary>
internal static class AgreementWrites
{
    private const string Header = "Idempotency-Key";

    private const string Insert = """
        INSERT INTO agreements (id, reference, title, purpose, basis, flexibilities, services, client_groups, parties, party_ids, signed_on,
            commences_on, ends_on, notice_months, review_on, latest_ends_on, latest_review_on, parent_id, documents, illustrative, status,
            status_changes, approvals, variations, notices, terms, created_at, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $13, $15, $16, $17, $18, 'Draft', '[]', '[]', '[]', '[]', $19, $20, $20)
        """;

    public static async Task<IResult> CreateAgreement(HttpContext http, NpgsqlDataSource db, IDataProtectionProvider protection)
    {
        var request = http.Request;
        var key = request.Headers[Header].ToString();
        if (key.Length is 0 or > 255)
            return Problems.NotInPeer("a POST without an Idempotency-Key");
        var bytes = await ReadBodyAsync(request);
        AgreementRequest? body;
        try
        {
            body = JsonSerializer.Deserialize(bytes, PeerJson.Default.AgreementRequest);
        }
        catch (JsonException e)
        {
            return Problems.Invalid(e.Message);
        }
        if (body is null || body.Parties.Count < 2 || !body.Parties.Exists(p => p.Role == "Host"))
            return Problems.Invalid("An agreement needs at least two parties, one of them the host.");
        var hash = Convert.ToHexStringLower(SHA256.HashData([.. Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"), .. bytes]));
        var user = http.User;
        var subject = user.FindFirstValue("sub") ?? "anonymous";
        var organisation = user.FindFirstValue("org");
        var scope = $"{user.FindFirstValue("iss")}|{subject}|{organisation}";
        var partyIds = body.Parties.Select(p => p.OrganisationId).Distinct().ToArray();

        await using var connection = await db.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var claim = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new("""
                    SELECT set_config('register.actor_subject', $1, true), set_config('register.actor_organisation', $2, true),
                           set_config('register.correlation_id', $3, true), set_config('register.action', 'CreateAgreement', true),
                           set_config('register.change_kind', '', true), set_config('lock_timeout', '10000ms', true)
                    """)
                {
                    Parameters = { new() { Value = subject }, new() { Value = organisation ?? "" }, new() { Value = http.TraceIdentifier } },
                },
                new("""
                    INSERT INTO idempotency_keys (scope, key, request_hash, created_at) VALUES ($1, $2, $3, now())
                    ON CONFLICT (scope, key) DO NOTHING
                    """)
                {
                    Parameters = { new() { Value = scope }, new() { Value = key }, new() { Value = hash } },
                },
                new("SET LOCAL lock_timeout TO DEFAULT"),
                new("SELECT count(*) FROM organisations WHERE id = ANY($1)") { Parameters = { new() { Value = partyIds } } },
                new("SELECT count(*) FROM successions WHERE predecessor_ids && $1") { Parameters = { new() { Value = partyIds } } },
                new("SELECT count(*) FROM agreements WHERE id = $1") { Parameters = { new() { Value = (object?)body.ParentId ?? DBNull.Value } } },
            },
        };
        long organisations, successions, parents;
        await using (var reader = await claim.ExecuteReaderAsync())
        {
            // the reader skips the statements that return no rows: after the set_config row come the three counts
            await reader.NextResultAsync();
            await reader.ReadAsync();
            organisations = reader.GetInt64(0);
            await reader.NextResultAsync();
            await reader.ReadAsync();
            successions = reader.GetInt64(0);
            await reader.NextResultAsync();
            await reader.ReadAsync();
            parents = reader.GetInt64(0);
        }
        if (claim.BatchCommands[1].RecordsAffected != 1)
            return Problems.Conflict("This Idempotency-Key was used before: the peer does not replay.");
        if (organisations != partyIds.Length || (body.ParentId is not null && parents != 1))
            return Problems.Invalid("Every party and the parent must be in the register.");
        if (successions > 0)
            return Problems.NotInPeer("novations for parties with recorded successions");

        var now = DateTimeOffset.UtcNow;
        var response = Draft(body, now);
        var json = JsonSerializer.SerializeToUtf8Bytes(response, PeerJson.Default.AgreementResponse);
        var location = $"/api/v1/agreements/{response.Id}";
        await using var write = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new(Insert)
                {
                    Parameters =
                    {
                        new() { Value = response.Id }, new() { Value = response.Reference }, new() { Value = response.Title },
                        new() { Value = (object?)response.Purpose ?? DBNull.Value }, new() { Value = response.Basis },
                        new() { Value = response.Flexibilities.ToArray() }, new() { Value = response.Services.ToArray() },
                        new() { Value = response.ClientGroups.ToArray() }, Jsonb(JsonSerializer.Serialize(response.Parties, StoredJson.Default.ListParty)),
                        new() { Value = partyIds }, Date(response.SignedOn), new() { Value = response.CommencesOn }, Date(response.EndsOn),
                        new() { Value = (object?)response.NoticeMonths ?? DBNull.Value }, Date(response.ReviewOn),
                        new() { Value = (object?)response.ParentId ?? DBNull.Value },
                        Jsonb(JsonSerializer.Serialize(response.Documents, StoredJson.Default.ListDocument)), new() { Value = response.Illustrative },
                        Jsonb(JsonSerializer.Serialize(response.Periods, StoredJson.Default.ListTermPeriod)), new() { Value = now },
                    },
                },
                new("""
                    UPDATE idempotency_keys SET status = 201, content_type = 'application/json; charset=utf-8', location = $1,
                        e_tag = (SELECT '"' || xmin::text || '"' FROM agreements WHERE id = $2), body = $3, body_protected = true
                    WHERE scope = $4 AND key = $5 RETURNING e_tag
                    """)
                {
                    Parameters =
                    {
                        new() { Value = location }, new() { Value = response.Id },
                        new() { Value = protection.CreateProtector("IntegrationGovernance.Idempotency.StoredResponseBody.v1").Protect(json) },
                        new() { Value = scope }, new() { Value = key },
                    },
                },
            },
        };
        var etag = (string?)await write.ExecuteScalarAsync();
        await transaction.CommitAsync();
        http.Response.Headers.ETag = etag;
        http.Response.Headers.Location = location;
        http.Response.StatusCode = 201;
        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.Body.WriteAsync(json);
        return Results.Empty;
    }

    /// <summary>A new draft as the API's Agreement.Draft makes it: normalised, one period from commencement, nothing recorded yet.</summary>
    private static AgreementResponse Draft(AgreementRequest body, DateTimeOffset now)
    {
        var services = body.Services.Select(s => s.Trim().ToLowerInvariant()).ToList();
        var clientGroups = body.ClientGroups.Select(s => s.Trim().ToLowerInvariant()).ToList();
        var flexibilities = body.Flexibilities.Distinct().ToList();
        var period = new TermPeriod(body.CommencesOn, null, "Draft", false, [.. body.Parties], [.. flexibilities], [.. services], [.. clientGroups],
            body.EndsOn, body.ReviewOn, body.NoticeMonths, null);
        return new AgreementResponse(Guid.CreateVersion7(now), body.Reference.Trim().ToUpperInvariant(), body.Title.Trim(),
            string.IsNullOrWhiteSpace(body.Purpose) ? null : body.Purpose.Trim(), body.Basis, flexibilities, services, clientGroups, [.. body.Parties],
            body.SignedOn, body.CommencesOn, body.EndsOn, body.NoticeMonths, body.ReviewOn, body.EndsOn, body.ReviewOn, body.ParentId,
            [.. body.Documents], body.Illustrative, "Draft", [], [], [], [], [period], [], null, now, now);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private static NpgsqlParameter Jsonb(string json) => new() { Value = json, NpgsqlDbType = NpgsqlDbType.Jsonb };

    private static NpgsqlParameter Date(DateOnly? day) => new() { Value = (object?)day ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date };
}
