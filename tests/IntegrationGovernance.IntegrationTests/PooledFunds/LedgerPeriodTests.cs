using System.Globalization;
using System.Net;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.PooledFunds;
using IntegrationGovernance.Api.RecordKeeping;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Domain.PooledFunds;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.PooledFunds;

/// <summary>The host closes a month period of its fund's ledger; a closed period takes no new lines; an admin reopens it.</summary>
public sealed class LedgerPeriodTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private const string Header = "date,amount,category,description,external_reference\n";
    private readonly HttpClient _admin = api.CreateClient();

    [Fact]
    public async Task The_host_closes_a_period_and_the_close_records_who_and_when_with_a_revision_an_audit_row_and_a_change()
    {
        var (fund, parties) = await _admin.FundAsync("Close P3");
        var host = HostClient(parties);

        var closed = await (await CloseAsync(host, fund.Id, "2015-16", 3)).ReadAsync<LedgerPeriodResponse>(HttpStatusCode.OK);

        Assert.Equal((LedgerPeriodState.Closed, "council-finance", parties.Council.Id), (closed.State, closed.ClosedBy, closed.ClosedByOrganisationId));
        Assert.Equal((new DateOnly(2015, 6, 1), new DateOnly(2015, 6, 30), "2015-16", 3), (closed.StartsOn, closed.EndsOn, closed.FinancialYear, closed.Period));
        Assert.InRange(closed.ClosedAt!.Value, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        var id = Assert.NotNull(closed.Id);
        var history = await (await _admin.GetAsync($"/api/v1/ledger-periods/{id}/history")).ReadAsync<Page<RevisionResponse<LedgerPeriodResponse>>>(HttpStatusCode.OK);
        var revision = Assert.Single(history.Items);
        Assert.Equal(("closed", "CloseLedgerPeriod", "council-finance"), (revision.Kind, revision.Action, revision.Actor.Subject));
        var audit = await (await _admin.GetAsync($"/api/v1/audit?resource=ledger_periods&recordId={id}")).ReadAsync<Page<AuditEntryResponse>>(HttpStatusCode.OK);
        Assert.Equal(["CloseLedgerPeriod"], audit.Items.Select(a => a.Action));
        Assert.Contains(await ChangesAsync(), c => c.Resource == "ledger_periods" && c.Id == id && c.Kind == "closed");
    }

    [Fact]
    public async Task Closing_a_period_already_closed_is_a_409_problem_and_changes_nothing()
    {
        var (fund, parties) = await _admin.FundAsync("Close twice");
        var host = HostClient(parties);
        var first = await (await CloseAsync(host, fund.Id, "2015-16", 1)).ReadAsync<LedgerPeriodResponse>(HttpStatusCode.OK);

        var problem = await (await CloseAsync(host, fund.Id, "2015-16", 1)).ReadProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal(ProblemTypes.ForRule("period-already-closed"), (string?)problem["type"]);
        Assert.Contains("P1 2015-16", (string?)problem["detail"]);
        var history = await (await _admin.GetAsync($"/api/v1/ledger-periods/{first.Id}/history")).ReadAsync<Page<RevisionResponse<LedgerPeriodResponse>>>(HttpStatusCode.OK);
        Assert.Single(history.Items);
    }

    [Fact]
    public async Task Another_party_to_the_fund_may_not_close_its_periods_and_is_told_it_is_not_the_host()
    {
        var (fund, parties) = await _admin.FundAsync("Partner closes");
        var partner = api.CreateClientAs("pct-finance", parties.Pct.Id.ToString(), Scopes.FinanceRead, Scopes.FinanceWrite);
        var stranger = await _admin.CreateOrganisationAsync(Register.Organisation($"Stranger {Guid.NewGuid():N}", gss: Support.Agreements.UniqueGss()));
        var outsider = api.CreateClientAs("outsider", stranger.GssCode, Scopes.FinanceRead, Scopes.FinanceWrite);

        var notHost = await (await CloseAsync(partner, fund.Id, "2015-16", 2)).ReadProblemAsync(HttpStatusCode.Forbidden);
        var notParty = await (await CloseAsync(outsider, fund.Id, "2015-16", 2)).ReadProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal(ProblemTypes.ForRule("not-the-fund-host"), (string?)notHost["type"]);
        Assert.Contains("host", (string?)notHost["detail"]);
        Assert.Equal(ProblemTypes.ForRule("not-a-party"), (string?)notParty["type"]);
        var periods = await PeriodsAsync(fund.Id, "2015-16");
        Assert.All(periods, p => Assert.Equal(LedgerPeriodState.Open, p.State));
    }

    [Theory]
    [InlineData("2015-16", "0", "period")]
    [InlineData("2015-16", "13", "period")]
    [InlineData("2015-17", "3", "financialYear")]
    public async Task A_period_that_is_not_one_is_a_400_naming_the_parameter(string year, string period, string field)
    {
        var (fund, _) = await _admin.FundAsync("Bad period");

        var problem = await (await _admin.PostAsync($"{Funds.Url}/{fund.Id}/periods/{year}/{period}/close", null)).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.ErrorsFor(field));
    }

    [Fact]
    public async Task A_period_before_the_fund_began_is_not_one_of_its_periods()
    {
        var (fund, _) = await _admin.FundAsync("Before the fund");

        var problem = await (await CloseAsync(_admin, fund.Id, "2010-11", 5)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(ProblemTypes.ForRule("period-outside-fund"), (string?)problem["type"]);
    }

    [Fact]
    public async Task A_line_dated_in_a_closed_period_is_refused_naming_its_date_and_one_in_an_open_period_is_booked()
    {
        var (fund, parties) = await _admin.FundAsync("Closed line");
        await (await CloseAsync(HostClient(parties), fund.Id, "2015-16", 3)).ReadAsync<LedgerPeriodResponse>(HttpStatusCode.OK);

        var refused = await (await BookAsync(fund.Id, new DateOnly(2015, 6, 15), 100m, "CL-1")).ReadProblemAsync(HttpStatusCode.Conflict);
        var booked = await (await BookAsync(fund.Id, new DateOnly(2015, 7, 1), 100m, "CL-2")).ReadAsync<LedgerLineResponse>(HttpStatusCode.Created);

        Assert.Equal(ProblemTypes.ForRule("period-closed"), (string?)refused["type"]);
        Assert.Contains("P3 2015-16 (June 2015) is closed", Assert.Single(refused.ErrorsFor("$.date")));
        Assert.Equal(4, booked.Period);
        Assert.Equal(["CL-2"], (await LedgerAsync(fund.Id)).Select(l => l.ExternalReference));
    }

    [Fact]
    public async Task An_import_with_lines_in_a_closed_period_is_rejected_whole_each_such_row_named_and_a_dry_run_says_the_same()
    {
        var (fund, parties) = await _admin.FundAsync("Closed import");
        await (await CloseAsync(HostClient(parties), fund.Id, "2015-16", 2)).ReadAsync<LedgerPeriodResponse>(HttpStatusCode.OK);
        var csv = Header + "2015-04-30,10.00,Care,,CI-1\n2015-05-01,20.00,Care,,CI-2\n2015-06-01,30.00,Care,,CI-3\n2015-05-31,40.00,Care,,CI-4\n";

        var rejected = await (await _admin.ImportCsvAsync(fund.Id, csv)).ReadProblemAsync(HttpStatusCode.BadRequest);
        var dryRun = await (await _admin.ImportCsvAsync(fund.Id, csv, dryRun: true)).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(ProblemTypes.ForRule("ledger-import-rejected"), (string?)rejected["type"]);
        var errors = rejected["errors"]!.AsObject().Select(e => e.Key).ToList();
        Assert.Equal(["rows[2].date", "rows[4].date"], errors);
        Assert.Contains("P2 2015-16 (May 2015) is closed", Assert.Single(rejected.ErrorsFor("rows[2].date")));
        Assert.Equal(errors, dryRun["errors"]!.AsObject().Select(e => e.Key));
        Assert.Empty(await LedgerAsync(fund.Id));
    }

    [Fact]
    public async Task A_correction_is_booked_in_an_open_period_naming_the_line_it_corrects_and_the_ledger_shows_it_as_JSON_and_CSV()
    {
        var (fund, parties) = await _admin.FundAsync("Correction");
        await BookAsync(fund.Id, new DateOnly(2015, 6, 10), 1_250.00m, "COR-1");
        await (await CloseAsync(HostClient(parties), fund.Id, "2015-16", 3)).ReadAsync<LedgerPeriodResponse>(HttpStatusCode.OK);

        var correction = await (await BookAsync(fund.Id, new DateOnly(2015, 7, 3), -250.00m, "COR-1-ADJ", corrects: "COR-1"))
            .ReadAsync<LedgerLineResponse>(HttpStatusCode.Created);

        Assert.Equal(("COR-1", 4), (correction.Corrects, correction.Period));
        var ledger = await LedgerAsync(fund.Id);
        Assert.Equal([(string?)null, "COR-1"], ledger.Select(l => l.Corrects));
        var csv = await _admin.CsvAsync($"{Funds.Url}/{fund.Id}/ledger");
        Assert.Equal(["", "COR-1"], csv.Select(r => r["corrects"]));
        var summary = await (await _admin.GetAsync($"{Funds.Url}/{fund.Id}/summary?financialYear=2015-16")).ReadAsync<FundSummaryResponse>(HttpStatusCode.OK);
        Assert.Equal((1_000.00m, 1_250.00m, -250.00m), (summary.Spend, summary.Periods.Single(p => p.Period == 3).Spend, summary.Periods.Single(p => p.Period == 4).Spend));
    }

    [Fact]
    public async Task A_ledger_exported_as_CSV_with_its_corrections_imports_again_as_the_same_lines()
    {
        var (fund, _) = await _admin.FundAsync("Round trip");
        await (await _admin.ImportCsvAsync(fund.Id, "date,amount,category,description,external_reference,corrects\n"
            + "2015-06-10,500.00,Care,June invoice,RT-1,\n2015-07-02,-50.00,Care,Credit note,RT-1-CN,RT-1\n"))
            .ReadAsync<LedgerImportReport>(HttpStatusCode.OK);
        var exported = await (await _admin.GetCsvAsync($"{Funds.Url}/{fund.Id}/ledger")).Content.ReadAsStringAsync();
        var (copy, _) = await _admin.FundAsync("Round trip copy");

        var report = await (await _admin.ImportCsvAsync(copy.Id, exported)).ReadAsync<LedgerImportReport>(HttpStatusCode.OK);

        Assert.Equal((2, 2), (report.Rows, report.Added));
        static List<string> Lines(IEnumerable<LedgerLineResponse> lines) =>
            [.. lines.Select(l => (l.Date, l.Amount, l.Category, l.Description, l.ExternalReference, l.Corrects, l.FinancialYear, l.Period).ToString())];
        Assert.Equal(Lines(await LedgerAsync(fund.Id)), Lines(await LedgerAsync(copy.Id)));
    }

    [Fact]
    public async Task A_correction_naming_no_line_of_the_fund_is_a_422_naming_corrects_even_when_another_fund_holds_it()
    {
        var (fund, _) = await _admin.FundAsync("Unknown correction");
        var (other, _) = await _admin.FundAsync("Other fund");
        await BookAsync(other.Id, new DateOnly(2015, 6, 10), 10m, "ELSEWHERE-1");

        var unknown = await (await BookAsync(fund.Id, new DateOnly(2015, 7, 1), -10m, "UC-1", corrects: "ELSEWHERE-1")).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        var itself = await (await BookAsync(fund.Id, new DateOnly(2015, 7, 1), -10m, "UC-2", corrects: "UC-2")).ReadProblemAsync(HttpStatusCode.BadRequest);
        var inFile = await (await _admin.ImportCsvAsync(fund.Id, "date,amount,category,description,external_reference,corrects\n"
            + "2015-07-01,5.00,Care,,UC-3,\n2015-07-02,-5.00,Care,,UC-4,UC-3\n2015-07-03,-5.00,Care,,UC-5,NOWHERE\n")).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(ProblemTypes.ForRule("corrected-line-not-found"), (string?)unknown["type"]);
        Assert.NotEmpty(unknown.ErrorsFor("$.corrects"));
        Assert.NotEmpty(itself.ErrorsFor("$.corrects"));
        Assert.Equal(["rows[3].corrects"], inFile["errors"]!.AsObject().Select(e => e.Key));
        Assert.Empty(await LedgerAsync(fund.Id));
    }

    [Fact]
    public async Task Reopening_needs_the_admin_scope_and_a_reason_is_audited_and_lets_lines_in_again()
    {
        var (fund, parties) = await _admin.FundAsync("Reopen");
        var host = HostClient(parties);
        var closed = await (await CloseAsync(host, fund.Id, "2015-16", 3)).ReadAsync<LedgerPeriodResponse>(HttpStatusCode.OK);
        var url = $"{Funds.Url}/{fund.Id}/periods/2015-16/3/reopen";

        var byHost = await (await host.PostJsonAsync(url, new ReopenLedgerPeriodRequest { Reason = "Wrong cost centre" })).ReadProblemAsync(HttpStatusCode.Forbidden);
        var noReason = await (await _admin.PostJsonAsync(url, new ReopenLedgerPeriodRequest { Reason = "  " })).ReadProblemAsync(HttpStatusCode.BadRequest);
        var reopened = await (await _admin.PostJsonAsync(url, new ReopenLedgerPeriodRequest { Reason = "The June payroll journal went to the wrong cost centre." }))
            .ReadAsync<LedgerPeriodResponse>(HttpStatusCode.OK);
        var again = await (await _admin.PostJsonAsync(url, new ReopenLedgerPeriodRequest { Reason = "Twice" })).ReadProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal(ProblemTypes.ForRule("forbidden"), (string?)byHost["type"]);
        Assert.NotEmpty(noReason.ErrorsFor("$.reason"));
        Assert.Equal((closed.Id, LedgerPeriodState.Open, TestTokens.AdminSubject, "The June payroll journal went to the wrong cost centre."),
            (reopened.Id, reopened.State, reopened.ReopenedBy, reopened.ReopenReason));
        Assert.Equal(ProblemTypes.ForRule("period-not-closed"), (string?)again["type"]);
        var audit = await (await _admin.GetAsync($"/api/v1/audit?resource=ledger_periods&recordId={closed.Id}")).ReadAsync<Page<AuditEntryResponse>>(HttpStatusCode.OK);
        var reopening = Assert.Single(audit.Items, a => a.Action == "ReopenLedgerPeriod");
        Assert.Equal("The June payroll journal went to the wrong cost centre.", reopening.After.GetProperty("reopen_reason").GetString());
        Assert.Equal("Closed", reopening.Before!.Value.GetProperty("state").GetString());
        await (await BookAsync(fund.Id, new DateOnly(2015, 6, 20), 75m, "RE-1")).ReadAsync<LedgerLineResponse>(HttpStatusCode.Created);
        var closedAgain = await (await CloseAsync(host, fund.Id, "2015-16", 3)).ReadAsync<LedgerPeriodResponse>(HttpStatusCode.OK);
        Assert.Equal((closed.Id, LedgerPeriodState.Closed), (closedAgain.Id, closedAgain.State));
    }

    [Fact]
    public async Task A_period_never_closed_is_not_reopened()
    {
        var (fund, _) = await _admin.FundAsync("Never closed");

        var problem = await (await _admin.PostJsonAsync($"{Funds.Url}/{fund.Id}/periods/2015-16/8/reopen", new ReopenLedgerPeriodRequest { Reason = "Why not" }))
            .ReadProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal(ProblemTypes.ForRule("period-not-closed"), (string?)problem["type"]);
    }

    [Fact]
    public async Task The_periods_of_a_year_are_listed_twelve_open_or_closed_and_asOf_as_they_stood_then()
    {
        var (fund, parties) = await _admin.FundAsync("Periods list");
        var host = HostClient(parties);
        await (await CloseAsync(host, fund.Id, "2015-16", 1)).ReadAsync<LedgerPeriodResponse>(HttpStatusCode.OK);
        var reported = await (await _admin.GetAsync($"{Funds.Url}/{fund.Id}/periods?financialYear=2015-16")).Content.ReadAsStringAsync();
        var moment = DateTimeOffset.UtcNow;

        await (await CloseAsync(host, fund.Id, "2015-16", 2)).ReadAsync<LedgerPeriodResponse>(HttpStatusCode.OK);
        await (await _admin.PostJsonAsync($"{Funds.Url}/{fund.Id}/periods/2015-16/1/reopen", new ReopenLedgerPeriodRequest { Reason = "Late invoices" }))
            .ReadAsync<LedgerPeriodResponse>(HttpStatusCode.OK);
        var now = await PeriodsAsync(fund.Id, "2015-16");
        var asOf = moment.ToString("yyyy-MM-ddTHH:mm:ss.ffffffK", CultureInfo.InvariantCulture);

        Assert.Equal(Enumerable.Range(1, 12), now.Select(p => p.Period));
        Assert.Equal([LedgerPeriodState.Open, LedgerPeriodState.Closed], now.Take(2).Select(p => p.State));
        Assert.All(now.Skip(2), p => Assert.Equal((LedgerPeriodState.Open, (Guid?)null), (p.State, p.Id)));
        Assert.Equal((new DateOnly(2016, 3, 1), new DateOnly(2016, 3, 31)), (now[11].StartsOn, now[11].EndsOn));
        Assert.Equal(reported, await (await _admin.GetAsync($"{Funds.Url}/{fund.Id}/periods?financialYear=2015-16&asOf={Uri.EscapeDataString(asOf)}")).Content.ReadAsStringAsync());
        Assert.All(await PeriodsAsync(fund.Id, "2016-17"), p => Assert.Equal(LedgerPeriodState.Open, p.State));
    }

    [Fact]
    public async Task A_booking_read_asOf_before_a_close_is_unchanged_by_the_close_and_later_corrections()
    {
        var (fund, parties) = await _admin.FundAsync("Close asOf");
        await BookAsync(fund.Id, new DateOnly(2015, 6, 10), 300m, "CA-1");
        var summaryUrl = $"{Funds.Url}/{fund.Id}/summary?financialYear=2015-16";
        var reported = await (await _admin.GetAsync(summaryUrl)).Content.ReadAsStringAsync();
        var moment = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.ffffffK", CultureInfo.InvariantCulture);

        await (await CloseAsync(HostClient(parties), fund.Id, "2015-16", 3)).ReadAsync<LedgerPeriodResponse>(HttpStatusCode.OK);
        await (await BookAsync(fund.Id, new DateOnly(2015, 7, 1), -100m, "CA-1-ADJ", corrects: "CA-1")).ReadAsync<LedgerLineResponse>(HttpStatusCode.Created);

        Assert.NotEqual(reported, await (await _admin.GetAsync(summaryUrl)).Content.ReadAsStringAsync());
        Assert.Equal(reported, await (await _admin.GetAsync($"{summaryUrl}&asOf={Uri.EscapeDataString(moment)}")).Content.ReadAsStringAsync());
    }

    private async Task<List<ChangeResponse>> ChangesAsync()
    {
        var all = new List<ChangeResponse>();
        for (long after = 0; ;)
        {
            var page = await (await _admin.GetAsync($"/api/v1/changes?after={after}&limit=500")).ReadAsync<ChangesPage>(HttpStatusCode.OK);
            if (page.Items.Count == 0)
                return all;
            all.AddRange(page.Items);
            after = page.LastPosition;
        }
    }

    private HttpClient HostClient(Support.Agreements.Parties parties) =>
        api.CreateClientAs("council-finance", parties.Council.GssCode, Scopes.FinanceRead, Scopes.FinanceWrite);

    private static Task<HttpResponseMessage> CloseAsync(HttpClient client, Guid fund, string year, int period) =>
        client.PostAsync($"{Funds.Url}/{fund}/periods/{year}/{period}/close", null);

    private Task<HttpResponseMessage> BookAsync(Guid fund, DateOnly on, decimal amount, string reference, string? corrects = null) =>
        _admin.PostJsonAsync($"{Funds.Url}/{fund}/ledger-lines", new LedgerLineRequest
        {
            Date = on, Amount = amount, Category = "Care", ExternalReference = reference, Corrects = corrects,
        });

    private async Task<IReadOnlyList<LedgerLineResponse>> LedgerAsync(Guid fund) =>
        (await (await _admin.GetAsync($"{Funds.Url}/{fund}/ledger?limit=500")).ReadAsync<Page<LedgerLineResponse>>(HttpStatusCode.OK)).Items;

    private async Task<List<LedgerPeriodResponse>> PeriodsAsync(Guid fund, string year) =>
        await (await _admin.GetAsync($"{Funds.Url}/{fund}/periods?financialYear={year}")).ReadAsync<List<LedgerPeriodResponse>>(HttpStatusCode.OK);
}
