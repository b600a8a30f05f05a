using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Npgsql;

namespace IntegrationGovernance.Bench.Peer;

/// <summary>B1: one agreement by id, the row read in one statement and written as the API's AgreementResponse, with its ETag.</summary>
internal static class AgreementReads
{
    internal const string Columns = """
        id, reference, title, purpose, basis, flexibilities, services, client_groups, parties, signed_on, commences_on, ends_on,
        notice_months, review_on, latest_ends_on, latest_review_on, parent_id, documents, illustrative, status, status_changes,
        approvals, variations, notices, terms, created_at, updated_at, xmin
        """;

    private const string Sql = $"SELECT {Columns} FROM agreements WHERE id = $1";

    public static async Task<IResult> GetAgreement(Guid id, HttpRequest request, HttpResponse response, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        if (request.Query.ContainsKey("activeOn") || request.Query.ContainsKey("asOf"))
            return Problems.NotInPeer("activeOn and asOf");
        await using var command = db.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return Problems.NotFound("agreement", id);
        var agreement = Read(reader);
        if (agreement is null)
            return Problems.NotInPeer("an agreement recorded without its periods");
        response.Headers.ETag = $"\"{reader.GetFieldValue<uint>(27)}\"";
        return TypedResults.Json(agreement, PeerJson.Default.AgreementResponse);
    }

    /// <summary>The row as the API's response; null for a row without stored periods (the API computes them from the history then).</summary>
    private static AgreementResponse? Read(NpgsqlDataReader row)
    {
        var terms = Json(row, 24, StoredJson.Default.ListTermPeriod);
        if (terms.Count == 0)
            return null;
        var variations = Json(row, 22, StoredJson.Default.ListVariation);
        return new AgreementResponse(
            row.GetGuid(0), row.GetString(1), row.GetString(2), row.IsDBNull(3) ? null : row.GetString(3), row.GetString(4),
            [.. row.GetFieldValue<string[]>(5)], [.. row.GetFieldValue<string[]>(6)], [.. row.GetFieldValue<string[]>(7)],
            Json(row, 8, StoredJson.Default.ListParty), Date(row, 9), row.GetFieldValue<DateOnly>(10), Date(row, 11),
            row.IsDBNull(12) ? null : row.GetInt32(12), Date(row, 13), Date(row, 14), Date(row, 15),
            row.IsDBNull(16) ? null : row.GetGuid(16), Json(row, 17, StoredJson.Default.ListDocument), row.GetBoolean(18), row.GetString(19),
            Json(row, 20, StoredJson.Default.ListStatusChange), Json(row, 21, StoredJson.Default.ListApproval), variations,
            Json(row, 23, StoredJson.Default.ListNotice), terms, UnassignedTransfers(variations), null,
            row.GetFieldValue<DateTimeOffset>(25), row.GetFieldValue<DateTimeOffset>(26));
    }

    /// <summary>Novations whose predecessor's part no successor has taken yet: the API's Agreement.UnassignedTransfers.</summary>
    private static List<UnassignedTransfer> UnassignedTransfers(List<Variation> variations)
    {
        var unassigned = new List<UnassignedTransfer>();
        foreach (var v in variations)
        {
            if (v.Kind != "Novation" || !v.Parties.TrueForAll(p => p.Role is null && p.Replaces is null))
                continue;
            if (variations.Exists(o => o.SuccessionId == v.SuccessionId && o.Number != v.Number && o.Parties.Exists(p => p.Role is not null)))
                continue;
            unassigned.Add(new UnassignedTransfer(v.SuccessionId!.Value, v.Parties[0].OrganisationId, v.EffectiveOn));
        }
        return unassigned;
    }

    private static List<T> Json<T>(NpgsqlDataReader row, int column, JsonTypeInfo<List<T>> type) =>
        JsonSerializer.Deserialize(row.GetFieldValue<string>(column), type) ?? [];

    private static DateOnly? Date(NpgsqlDataReader row, int column) => row.IsDBNull(column) ? null : row.GetFieldValue<DateOnly>(column);
}

/// <summary>The few refusals the peer makes, as problem details.</summary>
internal static class Problems
{
    public static IResult NotFound(string resource, Guid id) =>
        TypedResults.Json(new Problem($"No {resource} with this id.", 404, $"There is no {resource} {id}."), PeerJson.Default.Problem,
            "application/problem+json", 404);

    public static IResult NotInPeer(string what) =>
        TypedResults.Json(new Problem("Not in the benchmark's peer.", 501, $"The peer does not handle {what}."), PeerJson.Default.Problem,
            "application/problem+json", 501);

    public static IResult Invalid(string detail) =>
        TypedResults.Json(new Problem("The request is not valid.", 400, detail), PeerJson.Default.Problem, "application/problem+json", 400);

    public static IResult Conflict(string detail) =>
        TypedResults.Json(new Problem("Conflict.", 409, detail), PeerJson.Default.Problem, "application/problem+json", 409);
}
