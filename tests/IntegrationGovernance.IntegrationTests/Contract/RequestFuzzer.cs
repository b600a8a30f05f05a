using System.Buffers.Text;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CsCheck;

namespace IntegrationGovernance.IntegrationTests.Contract;

/// <summary>
/// What the register really holds, so that some requests get past "not found": ids by the resource their path names
/// (organisations, agreements...), spares of them for operations that cannot be undone, delivery ids, organisation codes.
/// </summary>
public sealed record RealValues(
    IReadOnlyDictionary<string, string[]> Ids, IReadOnlyDictionary<string, string[]> SpareIds, string[] DeliveryIds, string[] OrganisationCodes)
{
    public string[] AllIds { get; } = [.. Ids.Values.SelectMany(ids => ids)];
}

/// <summary>
/// Requests for an operation, shaped by its contract and then broken: real and garbage path ids, known and unknown
/// query parameters with malformed values, odd headers, and bodies that are nearly valid or have wrong types, missing
/// and extra fields, extreme numbers, bad dates, truncated or deeply nested JSON, non-JSON, wrong content types, excess size.
/// </summary>
public sealed class RequestFuzzer(JsonNode contract, RealValues real)
{
    // static gens first: they are built in this order, each from those above it
    private static readonly string[] NastyStrings =
    [
        "", " ", "null", "0", "-1", "true", "[]", "{}", "../../etc/passwd", "'; DROP TABLE audit; --", "\u0000", "a\u0000b", "\uFEFF",
        "\ud800", "\udc00x", "𝕳𝖊𝖑𝖑𝖔", "Ünïcödé", "\u202Eevil", "${jndi:ldap://x/a}", "<script>alert(1)</script>", "%s%n", "NaN", "1e309",
        "2015-16", "E06000022", "5FL", new string('x', 300), new string('y', 5000),
    ];

    private static readonly Gen<string> Strings = Weighted((3, Gen.OneOf(NastyStrings)), (3, Gen.String[0, 40]), (3, Gen.String.AlphaNumeric));

    // the calendar's first and last days are valid too, and break date arithmetic that forgets its ends
    private static readonly Gen<string> ValidDates = Weighted(
        (12, Gen.Select(Gen.Int[1995, 2030], Gen.Int[1, 12], Gen.Int[1, 28], (y, m, d) => $"{y:D4}-{m:D2}-{d:D2}")), (1, Gen.OneOf("0001-01-01", "9999-12-31")));

    private static readonly Gen<string> MalformedDates = Weighted((2, Strings), (3, Gen.OneOf("2015-02-29", "2016-02-30", "2015-13-01", "0000-12-31",
        "10000-01-01", "2015/04/01", "01/04/2015", "20150401", "2015-04-01T00:00:00Z", "2015-4-1", "-2015-04-01", "+002015-04-01", "today")));

    private static readonly Gen<string> JsonIntegers = Weighted(
        (3, Gen.Int[-5, 600].Select(i => i.ToString(CultureInfo.InvariantCulture))),
        (2, Gen.OneOf("0", "-1", "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808", "1.5", "1e3", "-0", "1E+400")));

    private static readonly Gen<string> MalformedIntegers = Weighted((2, JsonIntegers), (1, Gen.OneOf("", "abc", "0x10", " 5", "٣", "1,000", "+5")));

    private static readonly Gen<string> Amounts = Gen.Select(Gen.Int[-1_000, 1_000_000], Gen.Int[0, 99], (pounds, pence) => $"{pounds}.{pence:D2}");

    private static readonly Gen<string> JsonNumbers = Weighted((3, Amounts), (2, Gen.OneOf("0", "-0", "0.001", "1e30", "-1e30",
        "79228162514264337593543950336", "0.00000000000000000000000000001", "1e-400", "1e400", "123456789012345678.99", "-1.005", "1E+2")));

    private static readonly Gen<string> WrongJson = Gen.OneOf("\"text\"", "\"\"", "0", "-1.5", "true", "{}", "[]", "[1,\"a\",null]", "{\"a\":{\"b\":[]}}");

    private static readonly Gen<string> AnyJson = Weighted((2, WrongJson), (1, Strings.Select(Quote)), (1, JsonNumbers), (1, Gen.OneOf("null", "\"\\ud800\"", "{\"a\":1,\"a\":2}")));

    // shapes like the keys this API's cursors carry, with values it never issued
    private static readonly Gen<string> CursorKeys = Gen.Select(Gen.OneOf("Name", "Id", "Reference", "Rank"), AnyJson, Gen.OneOf("Id", "Rank", "Name"), JsonNumbers,
        (first, value, second, number) => $"{{{Quote(first)}:{value},{Quote(second)}:{number}}}");

    private static readonly string[] ForgedTokens =
    [
        "Bearer x", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer a.b.c", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4Iiwic2NvcGUiOiJhZG1pbiJ9.", $"Bearer {new string('a', 8000)}",
    ];

    private static readonly string[] RawSegments = ["", "%2F..%2F..%2Fhealth%2Flive", "..%2F", "%2e%2e", "%01", "%C0%AE%C0%AE", "%FF%FE", "%25", "%20", ";x=1", "%E2%80%AE"];

    private static readonly Gen<ImmutableList<(string Name, string Value)>> Headers = Sequence<(string, string)?>(
    [
        Optional("If-Match", 2, Weighted((2, Gen.Const("*")), (2, Gen.OneOf("\"1\"", "W/\"1\"", "\"abc\"", "abc", "", "\"", "\"1\", \"2\"", "*, \"1\"")), (1, Strings))),
        Optional("Idempotency-Key", 3, Weighted((2, Gen.Guid.Select(g => g.ToString())), (1, Gen.OneOf("fuzz-key", "fuzz-key-2")),
            (1, Gen.OneOf("", " ", "ключ", "a b", new string('k', 255), new string('k', 256), new string('k', 5000))))),
        Optional("Accept", 4, Gen.OneOf("application/xml", "text/csv", "*/*", "application/problem+json", "text/html", "x;;q=abc", "application/json;q=0")),
        Optional("X-Correlation-Id", 6, Strings),
        Optional("X-Fuzz", 8, Strings),
    ]).Select(headers => headers.OfType<(string, string)>().ToImmutableList());

    private static readonly Gen<string?> ContentTypes = Weighted(
        (12, Gen.Const<string?>("application/json")),
        (1, Gen.Const((string?)null)),
        (2, Gen.OneOf<string?>("application/json; charset=utf-16", "application/json; charset=bogus", "application/json; charset=utf-7",
            "application/json; charset=\"utf-8\"", "text/plain", "application/xml", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=fuzz", "application/merge-patch+json", ";;;", "text/csv", "APPLICATION/JSON")));

    public Gen<FuzzRequest> For(ContractOperation operation) =>
        Gen.Select(Callers, Methods(operation), Url(operation), Headers, Body(operation),
            (caller, method, url, headers, body) => new FuzzRequest(caller.Kind, caller.Detail, method, url, headers, body.ContentType, body.Bytes));

    private Gen<(Caller Kind, string? Detail)> Callers => Weighted(
        (16, Gen.Const<(Caller, string?)>((Caller.Admin, null))),
        (1, Gen.Const<(Caller, string?)>((Caller.Anonymous, null))),
        (1, Gen.OneOf(ForgedTokens).Select(token => (Caller.ForgedToken, (string?)token))),
        (2, Gen.OneOf(real.OrganisationCodes).Select(code => (Caller.Scoped, (string?)code))));

    private static Gen<string> Methods(ContractOperation operation) => operation.UnmappedMethods.Count == 0
        ? Gen.Const(operation.Method)
        : Weighted((19, Gen.Const(operation.Method)), (1, Gen.OneOf([.. operation.UnmappedMethods])));

    private Gen<string> Url(ContractOperation operation)
    {
        var parts = Regex.Split(operation.Path, @"(\{[^}]+\})").ToList();
        var values = parts.Select((part, i) => part.StartsWith('{') ? PathValue(operation, part[1..^1], parts[i - 1].Split('/')[^2]) : Gen.Const(part));
        return Gen.Select(Sequence(values), Query(operation), (path, query) => string.Concat(path) + query);
    }

    // resource: the path segment before the parameter, whose ids it takes
    private Gen<string> PathValue(ContractOperation operation, string name, string resource)
    {
        var schema = operation.Parameters.First(p => (string?)p["name"] == name)["schema"]!;
        var value = (string?)schema["format"] switch
        {
            "uuid" => Uuids((operation.IsDestructive ? real.SpareIds : real.Ids).GetValueOrDefault(resource, real.AllIds)),
            "int64" => Weighted((3, Gen.OneOf(real.DeliveryIds)), (2, MalformedIntegers)),
            _ => Text(schema, name, broken: true),
        };
        // a NUL in a path never reaches the API: the server refuses it first (and the test server throws)
        return Weighted((8, value.Select(v => Escape(v.Replace("\0", string.Empty)))), (1, Gen.OneOf(RawSegments)));
    }

    private Gen<string> Query(ContractOperation operation)
    {
        var known = operation.Parameters.Where(p => (string?)p["in"] == "query").Select(p => (Name: (string)p["name"]!, Schema: p["schema"]!)).ToList();
        var pairs = known.Select(p => Weighted(
            (3, Gen.Const((string?)null)),
            (2, Text(p.Schema, p.Name, broken: true).Select(v => (string?)$"{p.Name}={Escape(v)}"))));
        List<(int, Gen<string?>)> extras =
        [
            (6, Gen.Const((string?)null)),
            (1, Strings.Select(v => (string?)$"unexpected={Escape(v)}")),
            (1, Gen.OneOf<string?>("&&", "=", "=1", "a=%", "%zz=1", "limit", "cursor=")),
        ];
        if (known.Count > 0)
            extras.Add((1, Gen.OneOf([.. known.Select(p => p.Name)]).Select(name => (string?)$"{name}=1&{name}=2")));
        return Sequence(pairs.Append(Weighted([.. extras])))
            .Select(parts => parts.OfType<string>().ToList() is [_, ..] present ? "?" + string.Join("&", present) : string.Empty);
    }

    private Gen<(string? ContentType, byte[]? Bytes)> Body(ContractOperation operation)
    {
        if (operation.Body is null)
            return Weighted((12, Gen.Const<(string?, byte[]?)>((null, null))), (1, AnyJson.Select(json => ((string?)"application/json", (byte[]?)Utf8(json)))));
        var broken = Json(operation.Body, broken: true);
        var text = Weighted(
            (8, broken),
            (6, Json(operation.Body, broken: false)),
            (1, AnyJson),
            (1, broken.SelectMany(json => Gen.Int[0, Math.Max(0, json.Length - 1)].Select(cut => json[..cut]))),
            (1, Gen.Int[65, 5000].Select(depth => new string('[', depth) + new string(']', depth))),
            (1, Strings),
            (1, Gen.Const(string.Empty)),
            (1, Gen.Const(() => $"\"{new string('a', 1_100_000)}\"")));
        List<(int, Gen<(string?, byte[]?)>)> bodies =
        [
            (10, Gen.Select(text, ContentTypes, (body, type) => (type, (byte[]?)Utf8(body)))),
            (1, Gen.Byte.Array[1, 300].Select(bytes => ((string?)"application/json", (byte[]?)bytes))),
        ];
        if (operation.TakesCsv)
            bodies.Add((6, Csv(operation.Body).Select(csv => ((string?)"text/csv", (byte[]?)Utf8(csv)))));
        return Weighted([.. bodies]);
    }

    /// <summary>A JSON value for the schema; if <paramref name="broken"/>, often null, of the wrong type or malformed.</summary>
    private Gen<string> Json(JsonNode schema, bool broken, string name = "", int depth = 0)
    {
        var shaped = ShapedJson(Resolve(schema), broken, name, depth);
        return broken ? Weighted((16, shaped), (1, Gen.Const("null")), (1, WrongJson)) : shaped;
    }

    private Gen<string> ShapedJson(JsonNode schema, bool broken, string name, int depth) => (string?)schema["type"] switch
    {
        _ when schema["enum"] is not null => Text(schema, name, broken).Select(Quote),
        "object" when depth < 4 => ObjectJson(schema, broken, depth),
        "array" when depth < 4 => Json(schema["items"]!, broken, name, depth + 1).Array[broken ? 0 : 1, 3].Select(items => $"[{string.Join(",", items)}]"),
        "integer" => broken ? JsonIntegers : Gen.Int[1, 12].Select(i => i.ToString(CultureInfo.InvariantCulture)),
        "number" => broken ? JsonNumbers : Amounts,
        "boolean" => Gen.OneOf("true", "false"),
        "string" => Text(schema, name, broken).Select(Quote),
        _ => AnyJson,
    };

    private Gen<string> ObjectJson(JsonNode schema, bool broken, int depth)
    {
        var required = schema["required"]?.AsArray().Select(r => (string)r!).ToHashSet() ?? [];
        var members = (schema["properties"]?.AsObject() ?? new JsonObject()).Select(property => Weighted(
            (9, Json(property.Value!, broken, property.Key, depth + 1).Select(value => (string?)$"{Quote(property.Key)}:{value}")),
            (broken || !required.Contains(property.Key) ? 1 : 0, Gen.Const((string?)null))));
        var extra = Weighted((broken ? 8 : 1, Gen.Const((string?)null)),
            (broken ? 1 : 0, Gen.OneOf<string?>("\"id\":\"00000000-0000-0000-0000-000000000001\"", "\"unexpected\":true", "\"\":0", "\"createdAt\":\"2015-01-01T00:00:00Z\"")));
        return Sequence(members.Append(extra)).Select(present => "{" + string.Join(",", present.OfType<string>()) + "}");
    }

    /// <summary>A value as text (for a path, query or CSV cell, or inside a JSON string); if <paramref name="broken"/>, often malformed.</summary>
    private Gen<string> Text(JsonNode schema, string name, bool broken)
    {
        var (valid, malformed) = TextValues(Resolve(schema), name);
        return broken ? Weighted((2, valid), (1, malformed)) : valid;
    }

    private (Gen<string> Valid, Gen<string> Malformed) TextValues(JsonNode schema, string name) => ((string?)schema["type"], (string?)schema["format"]) switch
    {
        _ when schema["enum"] is JsonArray values => (Gen.OneOf([.. values.Select(v => (string)v!)]),
            Gen.OneOf([.. values.Select(v => ((string)v!).ToLowerInvariant()), $" {values[0]}", "", "Unknown", "0", "-1"])),
        (_, "date") => (ValidDates, MalformedDates),
        (_, "date-time") => (ValidDates.Select(date => $"{date}T12:00:00Z"), Weighted((1, MalformedDates), (1, ValidDates.SelectMany(date =>
            Gen.OneOf($"{date}T00:00:00+14:00", $"{date}T23:59:59-14:00", $"{date}T25:00:00Z", $"{date} 12:00", "0001-01-01T00:00:00+01:00"))))),
        (_, "uuid") => (Gen.OneOf(real.AllIds), MalformedUuids(real.AllIds)),
        ("integer", _) => (Gen.Int[0, 600].Select(i => i.ToString(CultureInfo.InvariantCulture)), MalformedIntegers),
        ("number", _) => (Amounts, Weighted((2, JsonNumbers), (1, Gen.OneOf("", "abc", "NaN", "Infinity", "1,5", "£5", "1.2.3")))),
        ("boolean", _) => (Gen.OneOf("true", "false"), Gen.OneOf("True", "FALSE", "1", "0", "yes", "", "null")),
        _ when name.Equals("financialYear", StringComparison.OrdinalIgnoreCase) => (Gen.Int[2000, 2030].Select(year => $"{year}-{(year + 1) % 100:D2}"),
            Weighted((1, Strings), (1, Gen.OneOf("2015-17", "2015", "2015/16", "1999-00", "abcd-ef", "9999-00", "-001-00")))),
        _ when name.EndsWith("Url", StringComparison.OrdinalIgnoreCase) => (Gen.OneOf("http://127.0.0.1:9/hook", "https://example.invalid/hook"), Weighted((1, Strings),
            (2, Gen.OneOf("ftp://example.invalid/", "http://[::1]:9/", "javascript:alert(1)", "http://169.254.169.254/latest/meta-data", "//no-scheme", "https://")))),
        _ when name == "cursor" => (Weighted((1, AnyJson), (2, CursorKeys)).Select(json => Base64Url.EncodeToString(Utf8(json))), Strings),
        _ => (Gen.String.AlphaNumeric.Where(text => text.Length > 0), Strings),
    };

    private Gen<string> Csv(JsonNode arraySchema)
    {
        var columns = Resolve(Resolve(arraySchema)["items"]!)["properties"]!.AsObject()
            .Select(p => (Name: Regex.Replace(p.Key, "([a-z0-9])([A-Z])", "$1_$2").ToLowerInvariant(), Value: Text(p.Value!, p.Key, broken: true))).ToList();
        var header = Sequence(columns.Select(c => Weighted((12, Gen.Const<string?>(c.Name)), (1, Gen.Const((string?)null)), (1, Gen.Const<string?>($" {c.Name.ToUpperInvariant()} "))))
            .Append(Weighted((8, Gen.Const((string?)null)), (1, Gen.Const<string?>("unexpected")))));
        var row = Sequence(columns.Select(c => Weighted((8, c.Value.Select(CsvCell)), (1, Gen.Const(string.Empty)), (1, Gen.OneOf("\"unclosed", "a\"b", "x,y", "\"line\nbreak\"")))));
        return Gen.Select(header, row.Array[0, 4], Gen.OneOf("\n", "\r\n"),
            (names, rows, newline) => string.Join(newline, [string.Join(",", names.OfType<string>()), .. rows.Select(cells => string.Join(",", cells))]) + newline);
    }

    private JsonNode Resolve(JsonNode schema) =>
        schema["$ref"] is { } reference ? contract["components"]!["schemas"]![((string)reference!).Split('/')[^1]]! : schema;

    private static Gen<string> Uuids(string[] ids) => Weighted((3, Gen.OneOf(ids)), (2, MalformedUuids(ids)));

    private static Gen<string> MalformedUuids(string[] ids) => Weighted(
        (1, Gen.OneOf([.. ids.Select(id => id.ToUpperInvariant()), .. ids.Select(id => id.Replace("-", "")), .. ids.Select(id => $"{{{id}}}")])),
        (2, Gen.Guid.Select(g => g.ToString())),
        (1, Gen.OneOf("00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff", "not-a-guid", "")),
        (1, Strings));

    private static Gen<(string, string)?> Optional(string name, int absent, Gen<string> value) => Weighted(
        (absent, Gen.Const(((string, string)?)null)),
        (1, value.Select(v => ((string, string)?)(name, new string([.. v.Where(c => c >= ' ' && c != '\u007f' && !char.IsSurrogate(c))])))));

    private static Gen<T> Weighted<T>(params (int Weight, Gen<T> Gen)[] choices) =>
        Gen.Frequency([.. choices.Where(c => c.Weight > 0).Select(c => (c.Weight, (IGen<T>)c.Gen))]);

    private static Gen<ImmutableList<T>> Sequence<T>(IEnumerable<Gen<T>> gens) =>
        gens.Aggregate(Gen.Const(ImmutableList<T>.Empty), (all, next) => Gen.Select(all, next, (list, item) => list.Add(item)));

    // through UTF-8 and back first, so a lone surrogate becomes U+FFFD, as any client would send it
    private static string Escape(string text) => Uri.EscapeDataString(Encoding.UTF8.GetString(Utf8(text)));

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string CsvCell(string value) => value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;

    private static string Quote(string text)
    {
        var json = new StringBuilder("\"");
        foreach (var c in text)
            json.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                // lone surrogates too: the API must read them, not the test's serialiser
                _ when c < ' ' || char.IsSurrogate(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        return json.Append('"').ToString();
    }
}
