using System.Globalization;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;

namespace IntegrationGovernance.Api.PooledFunds;

/// <summary>
/// A ledger as finance systems exchange it. CSV with a header row <c>date,amount,category,description,external_reference</c>
/// (dates yyyy-mm-dd, amounts in pounds with a point), or a JSON array of ledger lines. The export writes the
/// same columns, so an exported ledger imports again.
/// </summary>
public static class LedgerFile
{
    public static readonly string[] Columns = ["date", "amount", "category", "description", "external_reference"];

    private static readonly CsvConfiguration Csv = new(CultureInfo.InvariantCulture)
    {
        PrepareHeaderForMatch = args => args.Header.Trim().ToLowerInvariant(),
        MissingFieldFound = null,
        HeaderValidated = null,
        BadDataFound = null,
    };

    /// <summary>Reads every row; a value that cannot be read is left null, so the row is rejected with its field named.</summary>
    public static async Task<(IReadOnlyList<(int Row, LedgerLineRequest Line, IReadOnlyDictionary<string, string[]> Unreadable)> Rows, string? Problem)> ReadAsync(
        HttpRequest request, CancellationToken cancellationToken)
    {
        var type = request.ContentType ?? string.Empty;
        if (type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
            return (await ReadCsvAsync(request.Body, cancellationToken), null);
        if (type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            var options = request.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
            try
            {
                var lines = await JsonSerializer.DeserializeAsync<List<LedgerLineRequest>>(request.Body, options, cancellationToken) ?? [];
                return (lines.Select((line, i) => (i + 1, line, (IReadOnlyDictionary<string, string[]>)new Dictionary<string, string[]>())).ToList(), null);
            }
            catch (JsonException json)
            {
                return ([], $"The JSON array could not be read at {json.Path}: {json.Message}");
            }
        }
        return ([], "Send the ledger as text/csv or as an application/json array.");
    }

    public static async Task WriteCsvAsync(HttpResponse response, IAsyncEnumerable<LedgerLineResponse> lines, CancellationToken cancellationToken)
    {
        response.ContentType = "text/csv; charset=utf-8";
        await using var writer = new StreamWriter(response.Body, leaveOpen: true);
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var column in Columns.Append("financial_year").Append("period"))
            csv.WriteField(column);
        await csv.NextRecordAsync();
        await foreach (var line in lines.WithCancellation(cancellationToken))
        {
            csv.WriteField(line.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            csv.WriteField(line.Amount.ToString("0.00", CultureInfo.InvariantCulture));
            csv.WriteField(line.Category);
            csv.WriteField(line.Description);
            csv.WriteField(line.ExternalReference);
            csv.WriteField(line.FinancialYear);
            csv.WriteField(line.Period);
            await csv.NextRecordAsync();
        }
    }

    private static async Task<List<(int, LedgerLineRequest, IReadOnlyDictionary<string, string[]>)>> ReadCsvAsync(Stream body, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body);
        using var csv = new CsvReader(reader, Csv);
        var rows = new List<(int, LedgerLineRequest, IReadOnlyDictionary<string, string[]>)>();
        if (!await csv.ReadAsync() || !csv.ReadHeader())
            return rows;
        var row = 0;
        while (await csv.ReadAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            row++;
            var unreadable = new Dictionary<string, string[]>();
            var date = csv.GetField("date");
            var amount = csv.GetField("amount");
            DateOnly? day = DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
            decimal? money = decimal.TryParse(amount, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var m) ? m : null;
            if (day is null && !string.IsNullOrEmpty(date))
                unreadable["date"] = [$"'{date}' is not a date (yyyy-mm-dd)."];
            if (money is null && !string.IsNullOrEmpty(amount))
                unreadable["amount"] = [$"'{amount}' is not an amount in pounds (e.g. 1234.56)."];
            rows.Add((row, new LedgerLineRequest
            {
                Date = day,
                Amount = money,
                Category = csv.GetField("category"),
                Description = NullIfEmpty(csv.GetField("description")),
                ExternalReference = csv.GetField("external_reference"),
            }, unreadable));
        }
        return rows;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
