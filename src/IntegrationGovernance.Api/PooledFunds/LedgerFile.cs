using System.Globalization;
using CsvHelper;
using IntegrationGovernance.Api.Http;

namespace IntegrationGovernance.Api.PooledFunds;

/// <summary>
/// A ledger as finance systems exchange it. CSV with a header row <c>date,amount,category,description,external_reference</c>
/// and, for corrections, <c>corrects</c> (the external reference of the line corrected; may be left out or blank)
/// (dates yyyy-mm-dd, amounts in pounds with a point), or a JSON array of ledger lines. The export writes the
/// same columns, so an exported ledger imports again: text cells are written safe for spreadsheets
/// (<see cref="CsvText"/>) and read back through <see cref="CsvText.Restore"/>.
/// </summary>
public static class LedgerFile
{
    /// <summary>The longest row: a date, an amount and the year and period, and four text cells each quoted, doubled and marked (1,661 at most).</summary>
    public const int MaxRowLength = 2_000;

    /// <summary>The longest ledger CSV: the header and <see cref="FundReports.MaxCsvLines"/> rows.</summary>
    public const int MaxCsvLength = (1 + FundReports.MaxCsvLines) * MaxRowLength;

    public static readonly string[] Columns = ["date", "amount", "category", "description", "external_reference", "corrects"];

    /// <summary>An export's columns: the import's, then the line's financial year and period.</summary>
    public static readonly string[] ExportColumns = [.. Columns, "financial_year", "period"];

    /// <summary>
    /// Reads the rows one by one, handing each to <paramref name="each"/> as it is read; a value that cannot be read is left
    /// null, so the row is rejected with its field named.
    /// </summary>
    public static Task<(int Rows, string? Problem)> ReadEachAsync(
        HttpRequest request, Func<Imports.ImportRow<LedgerLineRequest>, ValueTask> each, CancellationToken cancellationToken) =>
        Imports.ImportFile.ReadEachAsync(request, fields => new LedgerLineRequest
        {
            Date = fields.Date("date"),
            Amount = fields.Decimal("amount"),
            Category = CsvText.Restore(fields.Text("category")),
            Description = CsvText.Restore(fields.Text("description")),
            ExternalReference = CsvText.Restore(fields.Text("external_reference")),
            Corrects = CsvText.Restore(fields.Text("corrects")),
        }, each, cancellationToken);

    public static async Task WriteCsvAsync(HttpResponse response, IAsyncEnumerable<LedgerLineResponse> lines, CancellationToken cancellationToken)
    {
        response.ContentType = "text/csv; charset=utf-8";
        await using var writer = new StreamWriter(response.Body, leaveOpen: true);
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var column in ExportColumns)
            csv.WriteField(column);
        await csv.NextRecordAsync();
        await foreach (var line in lines.WithCancellation(cancellationToken))
        {
            csv.WriteField(line.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            csv.WriteField(line.Amount.ToString("0.00", CultureInfo.InvariantCulture));
            csv.WriteField(CsvText.Neutralise(line.Category));
            csv.WriteField(CsvText.Neutralise(line.Description));
            csv.WriteField(CsvText.Neutralise(line.ExternalReference));
            csv.WriteField(CsvText.Neutralise(line.Corrects));
            csv.WriteField(line.FinancialYear);
            csv.WriteField(line.Period);
            await csv.NextRecordAsync();
        }
    }
}
