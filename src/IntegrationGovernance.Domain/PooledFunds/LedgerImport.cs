namespace IntegrationGovernance.Domain.PooledFunds;

/// <summary>One row of a ledger import as read, with the fields that could not be read at all (by JSON name).</summary>
public sealed record LedgerImportRow(
    int Row, DateOnly? Date, decimal? Amount, string? Category, string? Description, string? ExternalReference, string? Corrects,
    IReadOnlyDictionary<string, string[]> Unreadable);

/// <summary>
/// The checks of a ledger import, every row before any is booked: one bad row rejects the whole file, each rejected
/// row's problems keyed <c>rows[n].field</c>. A row is bad when a field cannot be read or breaks a line's rules, when its
/// reference appears earlier in the file, when it is dated in a closed period, or when it corrects a line that neither
/// the fund's ledger nor the file holds.
/// </summary>
public static class LedgerImport
{
    /// <summary>The external references the rows' <c>corrects</c> name (trimmed, each once): the ledger is asked which it holds.</summary>
    public static IReadOnlyCollection<string> CorrectedReferences(IEnumerable<LedgerImportRow> rows) =>
        rows.Where(r => !string.IsNullOrWhiteSpace(r.Corrects)).Select(r => r.Corrects!.Trim()).Distinct(StringComparer.Ordinal).ToList();

    /// <param name="rows">Every row of the file, in order.</param>
    /// <param name="fund">The fund the file is booked to.</param>
    /// <param name="closed">The fund's closed periods.</param>
    /// <param name="held">Those of <see cref="CorrectedReferences"/> the fund's ledger already holds.</param>
    /// <returns>The problems, keyed <c>rows[n].field</c>; none means every row may be booked.</returns>
    public static Dictionary<string, string[]> Check(IReadOnlyList<LedgerImportRow> rows, PooledFund fund, ClosedPeriods closed, IReadOnlySet<string> held)
    {
        var inFile = rows.Where(r => !string.IsNullOrWhiteSpace(r.ExternalReference)).Select(r => r.ExternalReference!.Trim()).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string[]>();
        foreach (var row in rows)
        {
            var problems = row.Unreadable.ToDictionary(p => p.Key, p => p.Value);
            foreach (var (field, message) in LedgerLine.Problems(row.Date, row.Amount, row.Category, row.Description, row.ExternalReference, fund.StartsOn, fund.EndsOn)
                         .Concat(LedgerLine.CorrectionProblems(row.Corrects, row.ExternalReference)))
                problems.TryAdd(field, [message]);
            if (row.ExternalReference is { } reference && !seen.Add(reference.Trim()))
                problems.TryAdd("externalReference", ["This external reference appears earlier in the file."]);
            if (closed.Refusal(row.Date) is { } refusal)
                problems.TryAdd("date", [refusal]);
            if (!string.IsNullOrWhiteSpace(row.Corrects) && !held.Contains(row.Corrects.Trim()) && !inFile.Contains(row.Corrects.Trim()))
                problems.TryAdd("corrects", [LedgerLine.CorrectedLineMissing(row.Corrects, inImport: true)]);
            foreach (var (field, messages) in problems)
                errors[$"rows[{row.Row}].{field}"] = messages;
        }
        return errors;
    }
}
