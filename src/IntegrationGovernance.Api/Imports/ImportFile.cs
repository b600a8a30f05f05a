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
    public static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem Rejected(IReadOnlyDictionary<string, string[]> errors, int rows, string code)
    {
        var rejectedRows = errors.Keys.Select(k => k[..k.IndexOf(']')]).Distinct().Count();
        var listed = errors.Take(MaxReportedErrors).ToDictionary();
        return TypedResults.ValidationProblem(listed,
            detail: $"{rejectedRows} of {rows} rows were rejected, so nothing was recorded. "
                + (listed.Count < errors.Count ? $"The first {listed.Count} of {errors.Count} errors are listed. " : "")
                + "Errors are keyed rows[<row number>].<field>, counting data rows from 1 (after the CSV header).",
            title: "The import was rejected.",
            type: Http.ProblemTypes.ForRule(code),
            extensions: new Dictionary<string, object?> { ["errorCount"] = errors.Count, ["rejectedRows"] = rejectedRows });
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
        var type = request.ContentType ?? string.Empty;
        if (type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            using var reader = new StreamReader(request.Body);
            using var csv = new CsvReader(reader, Csv);
            var rows = new List<ImportRow<T>>();
            if (!await csv.ReadAsync() || !csv.ReadHeader())
                return (rows, null);
            try
            {
                while (await csv.ReadAsync())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (rows.Count == MaxRows)
                        return ([], TooManyRows);
                    var fields = new CsvFields(csv);
                    var value = fromCsv(fields);
                    rows.Add(new ImportRow<T>(rows.Count + 1, value, WithBounds(value, fields.Unreadable)));
                }
            }
            catch (MaxFieldSizeException)
            {
                return ([], $"Row {rows.Count + 1} has a field longer than {MaxFieldLength} characters.");
            }
            return (rows, null);
        }
        if (type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
            try
            {
                var values = await JsonSerializer.DeserializeAsync<List<T>>(request.Body, options, cancellationToken) ?? [];
                // null in the array reads as a null row: RespectNullableAnnotations does not reach collection elements
                if (values.Count > MaxRows)
                    return ([], TooManyRows);
                if (values.FindIndex(value => value is null) is >= 0 and var nullRow)
                    return ([], $"The JSON array could not be read at $[{nullRow}]: a row is an object, not null.");
                return (values.Select((v, i) => new ImportRow<T>(i + 1, v, WithBounds(v, new Dictionary<string, string[]>()))).ToList(), null);
            }
            catch (JsonException json)
            {
                return ([], $"The JSON array could not be read at {json.Path}: {json.Message}");
            }
        }
        return ([], "Send the file as text/csv or as an application/json array.");
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
