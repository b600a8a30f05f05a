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
        var check = new LedgerImportCheck(fund, closed);
        var found = rows.Select(row => (row.Row, Problems: check.Row(row))).ToList();
        var later = check.MissingCorrections(held).ToDictionary(m => m.Row);
        var errors = new Dictionary<string, string[]>();
        foreach (var (row, problems) in found)
        {
            foreach (var (field, messages) in problems)
                errors[$"rows[{row}].{field}"] = messages;
            if (later.TryGetValue(row, out var missing))
                errors[$"rows[{row}].{missing.Field}"] = missing.Messages;
        }
        return errors;
    }
}

/// <summary>
/// The checks of <see cref="LedgerImport"/>, made row by row as a file is read, so a file need never be held whole: each
/// row's own rules, a reference earlier in the file and a closed period as the row comes; a correction of a line not yet
/// seen in the file is kept until the whole file has been read (<see cref="MissingCorrections"/>). It holds the file's
/// external references (at most one per row: the rows an import may hold bound it) and those held-back corrections.
/// </summary>
public sealed class LedgerImportCheck(PooledFund fund, ClosedPeriods closed)
{
    private readonly HashSet<string> _references = new(StringComparer.Ordinal);
    private readonly List<(int Row, string Corrects, bool Rejected)> _corrections = [];

    /// <summary>The problems of the next row of the file (rows in file order), by field, found as it is read.</summary>
    public Dictionary<string, string[]> Row(LedgerImportRow row)
    {
        var problems = row.Unreadable.ToDictionary(p => p.Key, p => p.Value);
        foreach (var (field, message) in LedgerLine.Problems(row.Date, row.Amount, row.Category, row.Description, row.ExternalReference, fund.StartsOn, fund.EndsOn)
                     .Concat(LedgerLine.CorrectionProblems(row.Corrects, row.ExternalReference)))
            problems.TryAdd(field, [message]);
        if (row.ExternalReference is { } reference && !_references.Add(reference.Trim()))
            problems.TryAdd("externalReference", ["This external reference appears earlier in the file."]);
        if (closed.Refusal(row.Date) is { } refusal)
            problems.TryAdd("date", [refusal]);
        // a line of the file may be corrected by a row before it: whether the file holds it is known at its end
        if (!string.IsNullOrWhiteSpace(row.Corrects) && !problems.ContainsKey("corrects") && !_references.Contains(row.Corrects.Trim()))
            _corrections.Add((row.Row, row.Corrects, problems.Count > 0));
        return problems;
    }

    /// <summary>The external references corrections name that no row of the file read so far holds (trimmed, each once): the ledger is asked which it holds.</summary>
    public IReadOnlyCollection<string> UnresolvedCorrections() =>
        _corrections.Select(c => c.Corrects.Trim()).Where(c => !_references.Contains(c)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Once every row is read: the corrections naming a line neither the file nor the fund's ledger holds, in row order,
    /// each with whether its row already had a problem.
    /// </summary>
    /// <param name="held">Those of <see cref="UnresolvedCorrections"/> the fund's ledger holds.</param>
    public IEnumerable<(int Row, string Field, string[] Messages, bool RowRejected)> MissingCorrections(IReadOnlySet<string> held) =>
        _corrections.Where(c => !_references.Contains(c.Corrects.Trim()) && !held.Contains(c.Corrects.Trim()))
            .Select(c => (c.Row, "corrects", new[] { LedgerLine.CorrectedLineMissing(c.Corrects, inImport: true) }, c.Rejected));
}
