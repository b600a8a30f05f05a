using System.Globalization;
using System.Net;
using System.Text;
using IntegrationGovernance.Api.PooledFunds;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.PooledFunds;

/// <summary>
/// A ledger import streams: each row is checked and copied as it is read, and the file is still checked whole before
/// anything is booked. What streaming puts at risk: a bad row after many copied ones, a rule that looks across rows far
/// apart, and the order and count of the errors a rejection lists.
/// </summary>
public sealed class LedgerImportStreamingTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private const string Header = "date,amount,category,description,external_reference,corrects\n";
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task A_bad_last_row_of_a_large_file_rolls_back_every_line_copied_before_it()
    {
        var (fund, _) = await _client.FundAsync("Stream last row");
        var csv = Csv(30_000, row => row == 30_000 ? Line(row, amount: "12.345") : Line(row));

        var problem = await (await _client.ImportCsvAsync(fund.Id, csv)).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["rows[30000].amount"], problem["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal((1, 1), ((int)problem["errorCount"]!, (int)problem["rejectedRows"]!));
        Assert.StartsWith("1 of 30000 rows were rejected, so nothing was recorded.", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal((0L, 0L), await BookedAsync(fund.Id));
    }

    [Fact]
    public async Task A_reference_repeated_far_apart_in_a_file_is_found_naming_the_later_row()
    {
        var (fund, _) = await _client.FundAsync("Stream duplicate");
        var csv = Csv(30_000, row => row == 29_990 ? Line(row, reference: "R-3") : Line(row));

        var problem = await (await _client.ImportCsvAsync(fund.Id, csv)).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["rows[29990].externalReference"], problem["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(["This external reference appears earlier in the file."], problem.ErrorsFor("rows[29990].externalReference"));
        Assert.Equal((0L, 0L), await BookedAsync(fund.Id));
    }

    [Fact]
    public async Task A_correction_may_name_a_line_far_later_in_the_file()
    {
        var (fund, _) = await _client.FundAsync("Stream correction");
        var csv = Csv(20_000, row => row == 1 ? Line(row, corrects: "R-20000") : Line(row));

        var report = await (await _client.ImportCsvAsync(fund.Id, csv)).ReadAsync<LedgerImportReport>(HttpStatusCode.OK);

        Assert.Equal((20_000, 20_000, 0), (report.Rows, report.Added, report.AlreadyRecorded));
        Assert.Equal((20_000L, 1L), await BookedAsync(fund.Id));
        Assert.Equal("R-20000", await Sql.ScalarAsync<string>(api.ConnectionString,
            $"SELECT corrects FROM ledger_lines WHERE fund_id = '{fund.Id}' AND external_reference = 'R-1'"));
    }

    [Fact]
    public async Task Corrections_of_no_line_found_at_the_end_are_listed_in_row_order_among_the_errors_found_as_rows_were_read()
    {
        var (fund, _) = await _client.FundAsync("Stream error order");
        // odd rows have a bad amount (found as the row is read); every third corrects a line neither the file nor the ledger
        // holds (known only at the end of the file); R-2 is held by the ledger, so a correction of it is no error
        await (await _client.ImportCsvAsync(fund.Id, Header + Line(2))).ReadAsync<LedgerImportReport>(HttpStatusCode.OK);
        var csv = Csv(300, row => Line(row + 1000, amount: row % 2 == 1 ? "0" : null,
            corrects: row % 3 == 0 ? $"NOWHERE-{row}" : row % 5 == 0 ? "R-2" : row % 7 == 0 ? $"R-{1000 + 300}" : null));
        var expected = Enumerable.Range(1, 300).SelectMany(row => new[]
        {
            row % 2 == 1 ? $"rows[{row}].amount" : null,
            row % 3 == 0 ? $"rows[{row}].corrects" : null,
        }).OfType<string>().ToList();

        var problem = await (await _client.ImportCsvAsync(fund.Id, csv)).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(expected.Take(100), problem["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal((expected.Count, 200), ((int)problem["errorCount"]!, (int)problem["rejectedRows"]!));
        Assert.Equal([$"Neither the fund's ledger nor this file holds a line with external reference 'NOWHERE-3': a correction names a line of the same fund."],
            problem.ErrorsFor("rows[3].corrects"));
        Assert.Equal((1L, 1L), await BookedAsync(fund.Id));
    }

    [Fact]
    public async Task An_idempotent_import_keeps_its_lines_with_its_answer_and_a_refused_one_keeps_neither()
    {
        var (fund, _) = await _client.FundAsync("Stream idempotent");
        var bad = Csv(5_000, row => row == 4_999 ? Line(row, date: "2015-13-01") : Line(row));
        var good = Csv(5_000, row => Line(row));

        var refused = await ImportWithKeyAsync(fund.Id, bad, "stream-refused");
        var refusedAgain = await ImportWithKeyAsync(fund.Id, bad, "stream-refused");
        Assert.Equal(["rows[4999].date"], (await refused.ReadProblemAsync(HttpStatusCode.BadRequest))["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(await refused.Content.ReadAsStringAsync(), await refusedAgain.Content.ReadAsStringAsync());
        Assert.True(refusedAgain.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal((0L, 0L), await BookedAsync(fund.Id));

        var accepted = await ImportWithKeyAsync(fund.Id, good, "stream-accepted");
        var acceptedAgain = await ImportWithKeyAsync(fund.Id, good, "stream-accepted");
        var report = await accepted.ReadAsync<LedgerImportReport>(HttpStatusCode.OK);
        Assert.Equal(5_000, report.Added);
        Assert.Equal(await accepted.Content.ReadAsStringAsync(), await acceptedAgain.Content.ReadAsStringAsync());
        Assert.True(acceptedAgain.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal((5_000L, 1L), await BookedAsync(fund.Id));
        Assert.Equal(1L, await Sql.ScalarAsync<long>(api.ConnectionString,
            $"SELECT count(*) FROM idempotency_keys WHERE key = 'stream-accepted-{fund.Id}' AND status = 200"));
    }

    [Fact]
    public async Task A_value_unreadable_deep_in_a_large_json_array_is_named_at_its_place_in_the_whole_array()
    {
        var (fund, _) = await _client.FundAsync("Stream JSON");
        string Json(Func<int, string> line) => "[" + string.Join(",", Enumerable.Range(1, 20_000).Select(line)) + "]";
        string Good(int row) => $$"""{"date":"2015-06-01","amount":{{row}}.25,"category":"Care","externalReference":"J-{{row}}"}""";

        var unreadable = await (await PostJsonAsync(fund.Id, Json(row => row == 15_001 ? """{"date":"2015-06-01","amount":true,"category":"Care","externalReference":"J"}""" : Good(row))))
            .ReadProblemAsync(HttpStatusCode.BadRequest);
        var nullRow = await (await PostJsonAsync(fund.Id, Json(row => row == 12_346 ? "null" : Good(row)))).ReadProblemAsync(HttpStatusCode.BadRequest);

        var message = problemOf(unreadable);
        Assert.StartsWith("The JSON array could not be read at $[15000].amount: ", message, StringComparison.Ordinal);
        Assert.Contains("Path: $[15000].amount |", message, StringComparison.Ordinal);
        Assert.Equal("The JSON array could not be read at $[12345]: a row is an object, not null.", problemOf(nullRow));
        Assert.Equal((0L, 0L), await BookedAsync(fund.Id));

        var report = await (await PostJsonAsync(fund.Id, Json(Good))).ReadAsync<LedgerImportReport>(HttpStatusCode.OK);
        Assert.Equal((20_000, 20_000), (report.Rows, report.Added));
        Assert.Equal((20_000L, 1L), await BookedAsync(fund.Id));

        static string problemOf(System.Text.Json.Nodes.JsonObject problem) => problem.ErrorsFor("$").Single();
    }

    private static string Csv(int rows, Func<int, string> line)
    {
        var csv = new StringBuilder(Header);
        for (var row = 1; row <= rows; row++)
            csv.Append(line(row));
        return csv.ToString();
    }

    private static string Line(int row, string? date = null, string? amount = null, string? reference = null, string? corrects = null) =>
        $"{date ?? new DateOnly(2015, 4, 1).AddDays(row % 365).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)},"
        + $"{amount ?? (row % 1000 + 0.5m).ToString("0.00", CultureInfo.InvariantCulture)},Care,Line {row},{reference ?? $"R-{row}"},{corrects}\n";

    private async Task<(long Lines, long Bookings)> BookedAsync(Guid fund) =>
        (await Sql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM ledger_lines WHERE fund_id = '{fund}'"),
            await Sql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM ledger_bookings WHERE fund_id = '{fund}'"));

    private Task<HttpResponseMessage> ImportWithKeyAsync(Guid fund, string csv, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{Funds.Url}/{fund}/ledger-lines/import")
        {
            Content = new StringContent(csv, Encoding.UTF8, "text/csv"),
        };
        request.Headers.Add("Idempotency-Key", $"{key}-{fund}");
        return _client.SendAsync(request);
    }

    private Task<HttpResponseMessage> PostJsonAsync(Guid fund, string json) =>
        _client.PostAsync($"{Funds.Url}/{fund}/ledger-lines/import", new StringContent(json, Encoding.UTF8, "application/json"));
}
