namespace IntegrationGovernance.Api.Imports;

/// <summary>
/// The errors of an import's rows, gathered as the file is read, in the order a rejection lists them (row by row, each
/// row's fields in the order found): the first <see cref="ImportFile.MaxReportedErrors"/> kept, every one counted, so a
/// file of any size is answered from bounded state.
/// </summary>
public sealed class ImportErrors
{
    private readonly List<(int Row, string Field, string[] Messages)> _listed = [];

    /// <summary>How many errors there are.</summary>
    public int Count { get; private set; }

    /// <summary>How many rows have at least one.</summary>
    public int RejectedRows { get; private set; }

    /// <summary>A row's problems (JSON field names), found as it was read; rows come in file order.</summary>
    public void Add(int row, IReadOnlyDictionary<string, string[]> problems)
    {
        if (problems.Count == 0)
            return;
        if (_listed.Count > 0 && row <= _listed[^1].Row)
            throw new ArgumentException("Rows are added in file order, each once.", nameof(row));
        RejectedRows++;
        foreach (var (field, messages) in problems)
        {
            Count++;
            if (_listed.Count < ImportFile.MaxReportedErrors)
                _listed.Add((row, field, messages));
        }
    }

    /// <summary>
    /// A problem found only once the whole file was read (checked against rows after it): listed after the problems
    /// already found on its row and before those of later rows. Such problems come in row order.
    /// </summary>
    /// <param name="rowAlreadyRejected">Whether <paramref name="row"/> already had a problem when it was read.</param>
    public void AddLater(int row, string field, string[] messages, bool rowAlreadyRejected)
    {
        Count++;
        if (!rowAlreadyRejected)
            RejectedRows++;
        // the list holds the first errors in row order: one after its last entry (when full) is not among them
        var at = _listed.FindLastIndex(e => e.Row <= row) + 1;
        if (at < ImportFile.MaxReportedErrors)
        {
            _listed.Insert(at, (row, field, messages));
            if (_listed.Count > ImportFile.MaxReportedErrors)
                _listed.RemoveAt(_listed.Count - 1);
        }
    }

    /// <summary>The errors listed, keyed <c>rows[n].field</c>.</summary>
    public Dictionary<string, string[]> Listed() => _listed.ToDictionary(e => $"rows[{e.Row}].{e.Field}", e => e.Messages);
}
