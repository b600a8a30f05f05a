using System.Net;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.PooledFunds;
using IntegrationGovernance.Api.RecordKeeping;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.PooledFunds;

/// <summary>Ledger bookings, one line or an import, are audited and in the change feed like every other write.</summary>
public sealed class LedgerBookingRecordTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task Booking_one_line_leaves_an_audit_row_and_a_change_for_its_booking_saying_what_was_booked()
    {
        var (fund, _) = await _client.FundAsync("Audited line");

        var line = await (await _client.PostJsonAsync($"{Funds.Url}/{fund.Id}/ledger-lines", new LedgerLineRequest
        {
            Date = new DateOnly(2015, 6, 30), Amount = -12.50m, Category = "Income", ExternalReference = "AUD-1",
        })).ReadAsync<LedgerLineResponse>(HttpStatusCode.Created);

        var booking = Assert.NotNull(line.BookingId);
        var entry = Assert.Single(await AuditAsync(booking));
        Assert.Equal(("BookLedgerLine", "ledger_bookings", TestTokens.AdminSubject), (entry.Action, entry.Resource, entry.Actor.Subject));
        Assert.Equal((fund.Id.ToString(), 1, -12.50m),
            (entry.After.GetProperty("fund_id").GetString(), entry.After.GetProperty("line_count").GetInt32(), entry.After.GetProperty("amount_total").GetDecimal()));
        Assert.Contains(await ChangesAsync(), c => c.Resource == "ledger_bookings" && c.Id == booking && c.Kind == "created");
    }

    [Fact]
    public async Task An_import_leaves_one_audited_booking_counting_only_the_lines_it_added_and_a_dry_run_none()
    {
        var (fund, _) = await _client.FundAsync("Audited import");
        const string header = "date,amount,category,description,external_reference\n";
        var first = await ImportAsync(fund.Id, header + "2015-06-30,100.00,Care,,IMP-1\n2015-07-31,50.25,Care,,IMP-2\n");
        var dryRun = await (await _client.ImportCsvAsync(fund.Id, header + "2015-08-31,9.99,Care,,IMP-9\n", dryRun: true)).ReadAsync<LedgerImportReport>(HttpStatusCode.OK);

        var again = await ImportAsync(fund.Id, header + "2015-06-30,100.00,Care,,IMP-1\n2015-07-31,50.25,Care,,IMP-2\n2015-08-31,-0.25,Care,,IMP-3\n");

        Assert.Null(dryRun.BookingId);
        var bookings = new[] { Assert.NotNull(first.BookingId), Assert.NotNull(again.BookingId) };
        var entries = (await Task.WhenAll(bookings.Select(AuditAsync))).Select(Assert.Single).ToList();
        Assert.All(entries, e => Assert.Equal(("ImportLedgerLines", "ledger_bookings"), (e.Action, e.Resource)));
        Assert.Equal([(2, 150.25m), (1, -0.25m)],
            entries.Select(e => (e.After.GetProperty("line_count").GetInt32(), e.After.GetProperty("amount_total").GetDecimal())));
        var changes = await ChangesAsync();
        Assert.All(bookings, b => Assert.Contains(changes, c => c.Resource == "ledger_bookings" && c.Id == b));
        // every audit row is the trace of a revision: none is written beside the fund's own
        var fundAudit = await (await _client.GetAsync($"/api/v1/audit?resource=pooled_funds&recordId={fund.Id}")).ReadAsync<Page<AuditEntryResponse>>(HttpStatusCode.OK);
        Assert.Equal(["CreatePooledFund"], fundAudit.Items.Select(a => a.Action));
    }

    private async Task<LedgerImportReport> ImportAsync(Guid fund, string csv) =>
        await (await _client.ImportCsvAsync(fund, csv)).ReadAsync<LedgerImportReport>(HttpStatusCode.OK);

    private async Task<IReadOnlyList<AuditEntryResponse>> AuditAsync(Guid booking) =>
        (await (await _client.GetAsync($"/api/v1/audit?resource=ledger_bookings&recordId={booking}")).ReadAsync<Page<AuditEntryResponse>>(HttpStatusCode.OK)).Items;

    private async Task<List<ChangeResponse>> ChangesAsync()
    {
        var all = new List<ChangeResponse>();
        for (long after = 0; ;)
        {
            var page = await (await _client.GetAsync($"/api/v1/changes?after={after}&limit=500")).ReadAsync<ChangesPage>(HttpStatusCode.OK);
            if (page.Items.Count == 0)
                return all;
            all.AddRange(page.Items);
            after = page.LastPosition;
        }
    }
}
