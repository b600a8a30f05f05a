using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.Extensions.Options;

namespace IntegrationGovernance.Api.Imports;

/// <summary>One row of an import file: its number (data rows from 1), what it says, and fields that could not be read.</summary>
public sealed record ImportRow<T>(int Row, T Value, IReadOnlyDictionary<string, string[]> Unreadable);

/// <summary>Reads an import body: CSV with a header row, or a JSON array; and answers a file with rejected rows.</summary>
public static class ImportFile
{
    /// <summary>The most rows one import holds (besides the body's size limit, <c>Limits:MaxImportBodyBytes</c>).</summary>
    public const int MaxRows = 100_000;

    /// <summary>The longest field a CSV row may hold: the longest text the register keeps is an agreement's purpose.</summary>
    public const int MaxFieldLength = Domain.Agreements.AgreementRules.MaxPurposeLength;

    /// <summary>The most errors one rejection lists; <c>errorCount</c> says how many there were.</summary>
    public const int MaxReportedErrors = 100;

    /// <summary>What the import endpoints' descriptions say of these limits.</summary>
    public const string Limits = "At most 100,000 rows and 64 MiB per file, and 10,000 characters per field; a rejection lists the first 100 errors "
        + "and counts them all in `errorCount`.";

    /// <summary>400: rows were rejected, so nothing was recorded; the first errors keyed <c>rows[n].field</c>, and how many there were.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem Rejected(ImportErrors errors, int rows, string code)
    {
        var listed = errors.Listed();
        return TypedResults.ValidationProblem(listed,
            detail: $"{errors.RejectedRows} of {rows} rows were rejected, so nothing was recorded. "
                + (listed.Count < errors.Count ? $"The first {listed.Count} of {errors.Count} errors are listed. " : "")
                + "Errors are keyed rows[<row number>].<field>, counting data rows from 1 (after the CSV header).",
            title: "The import was rejected.",
            type: Http.ProblemTypes.ForRule(code),
            extensions: new Dictionary<string, object?> { ["errorCount"] = errors.Count, ["rejectedRows"] = errors.RejectedRows });
    }

    private static readonly CsvConfiguration Csv = new(CultureInfo.InvariantCulture)
    {
        PrepareHeaderForMatch = args => args.Header.Trim().ToLowerInvariant(),
        MissingFieldFound = null,
        HeaderValidated = null,
        BadDataFound = null,
        MaxFieldSize = MaxFieldLength,
    };

    /// <summary>
    /// A row's fields that break the bounds its contract declares (<c>[MaxLength]</c>, <c>[Range]</c>...), and those of the objects in
    /// its lists (a party), beside what could not be read: an imported row is bounded as the same fields sent one at a time are.
    /// </summary>
    private static IReadOnlyDictionary<string, string[]> WithBounds<T>(T value, IReadOnlyDictionary<string, string[]> unreadable)
    {
        var found = new Dictionary<string, string[]>(unreadable);
        Check(value, "", found);
        return found;
    }

    private static void Check(object? value, string prefix, Dictionary<string, string[]> found)
    {
        if (value is null)
            return;
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true))
        {
            foreach (var result in results)
                foreach (var member in result.MemberNames)
                    found.TryAdd(prefix + JsonNamingPolicy.CamelCase.ConvertName(member), [result.ErrorMessage ?? "This value is not valid."]);
        }
        foreach (var property in value.GetType().GetProperties())
        {
            if (property.PropertyType == typeof(string) || property.GetValue(value) is not System.Collections.IEnumerable items)
                continue;
            var index = 0;
            foreach (var item in items)
            {
                if (item is not null && item.GetType().IsClass && item is not string)
                    Check(item, $"{prefix}{JsonNamingPolicy.CamelCase.ConvertName(property.Name)}[{index}].", found);
                index++;
            }
        }
    }

    private static readonly string TooManyRows = $"An import holds at most {MaxRows:N0} rows: split the file.";

    /// <returns>The rows, or a problem saying why the body could not be read at all.</returns>
    public static async Task<(IReadOnlyList<ImportRow<T>> Rows, string? Problem)> ReadAsync<T>(
        HttpRequest request, Func<CsvFields, T> fromCsv, CancellationToken cancellationToken)
    {
        var rows = new List<ImportRow<T>>();
        var (_, problem) = await ReadEachAsync(request, fromCsv, row =>
        {
            rows.Add(row);
            return ValueTask.CompletedTask;
        }, cancellationToken);
        return problem is null ? (rows, null) : ([], problem);
    }

    /// <summary>
    /// Reads the body row by row, handing each row to <paramref name="each"/> as it is read, so a file is never held whole.
    /// A body that cannot be read at all gives the same problem it would when read whole (the rows handed before it are then
    /// to be discarded): a JSON array is read to its end first, so a syntax error anywhere, then too many rows, then a
    /// null row are told in that order, as when it is read at once.
    /// </summary>
    /// <returns>How many rows the body held, or a problem saying why it could not be read at all.</returns>
    public static async Task<(int Rows, string? Problem)> ReadEachAsync<T>(
        HttpRequest request, Func<CsvFields, T> fromCsv, Func<ImportRow<T>, ValueTask> each, CancellationToken cancellationToken)
    {
        var type = request.ContentType ?? string.Empty;
        if (type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            using var reader = new StreamReader(request.Body);
            using var csv = new CsvReader(reader, Csv);
            var count = 0;
            if (!await csv.ReadAsync() || !csv.ReadHeader())
                return (0, null);
            try
            {
                while (await csv.ReadAsync())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (count == MaxRows)
                        return (0, TooManyRows);
                    var fields = new CsvFields(csv);
                    var value = fromCsv(fields);
                    count++;
                    await each(new ImportRow<T>(count, value, WithBounds(value, fields.Unreadable)));
                }
            }
            catch (MaxFieldSizeException)
            {
                return (0, $"Row {count + 1} has a field longer than {MaxFieldLength} characters.");
            }
            return (count, null);
        }
        if (type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
            var count = 0;
            int? nullRow = null;
            try
            {
                await foreach (var value in JsonSerializer.DeserializeAsyncEnumerable<T>(request.Body, options, cancellationToken))
                {
                    // past the limit, or after a null row, the rest is only read through (the body's size bounds it), so a
                    // syntax error further on is still the answer
                    count++;
                    // null in the array reads as a null row: RespectNullableAnnotations does not reach collection elements
                    if (value is null)
                        nullRow ??= count - 1;
                    else if (count <= MaxRows && nullRow is null)
                        await each(new ImportRow<T>(count, value, WithBounds(value, new Dictionary<string, string[]>())));
                }
            }
            catch (JsonException json)
            {
                var (path, message) = InWholeArray(json, count);
                return (0, $"The JSON array could not be read at {path}: {message}");
            }
            if (count > MaxRows)
                return (0, TooManyRows);
            if (nullRow is { } at)
                return (0, $"The JSON array could not be read at $[{at}]: a row is an object, not null.");
            return (count, null);
        }
        return (0, "Send the file as text/csv or as an application/json array.");
    }

    /// <summary>
    /// An error's path in the whole array: read as a stream, the serializer numbers the elements from those it has not yet
    /// handed out (<paramref name="handed"/> were), so <c>$[3].amount</c> may be the 40,003rd element's.
    /// </summary>
    private static (string? Path, string Message) InWholeArray(JsonException json, int handed)
    {
        if (json.Path is not { } path || !path.StartsWith("$[", StringComparison.Ordinal) || path.IndexOf(']') is not (> 2 and var end)
            || !int.TryParse(path.AsSpan(2, end - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            return (json.Path, json.Message);
        var whole = $"$[{handed + index}]{path[(end + 1)..]}";
        return (whole, json.Message.Replace($"Path: {path} |", $"Path: {whole} |", StringComparison.Ordinal));
    }
}

/// <summary>The fields of one CSV row, read leniently: a value that does not parse is noted against its column.</summary>
public sealed class CsvFields(CsvReader csv)
{
    private readonly Dictionary<string, string[]> _unreadable = [];

    public IReadOnlyDictionary<string, string[]> Unreadable => _unreadable;

    public string? Text(string column) => csv.GetField(column) is { Length: > 0 } value ? value.Trim() : null;

    public IReadOnlyList<string> List(string column) =>
        Text(column)?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    public DateOnly? Date(string column)
    {
        var text = Text(column);
        if (text is null)
            return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return day;
        _unreadable[column] = [$"'{text}' is not a date (yyyy-mm-dd)."];
        return null;
    }

    public decimal? Decimal(string column)
    {
        var text = Text(column);
        if (text is null)
            return null;
        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            return amount;
        _unreadable[column] = [$"'{text}' is not an amount in pounds (e.g. 1234.56)."];
        return null;
    }

    public int? Number(string column)
    {
        var text = Text(column);
        if (text is null)
            return null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            return number;
        _unreadable[column] = [$"'{text}' is not a whole number."];
        return null;
    }

    public TEnum? Enum<TEnum>(string column) where TEnum : struct, System.Enum
    {
        var text = Text(column);
        if (text is null)
            return null;
        if (System.Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value))
            return value;
        _unreadable[column] = [$"'{text}' is not one of: {string.Join(", ", System.Enum.GetNames<TEnum>())}."];
        return null;
    }
}
