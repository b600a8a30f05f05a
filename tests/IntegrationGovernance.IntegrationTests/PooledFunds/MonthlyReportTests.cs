using System.Globalization;
using System.Net;
using System.Text.Json;
using IntegrationGovernance.Api.PooledFunds;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Domain.PooledFunds;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.PooledFunds;

/// <summary>The monthly report: budget, actuals, forecast outturn, variance and partners' shares, worked by hand; asOf; CSV as JSON.</summary>
public sealed class MonthlyReportTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _admin = api.CreateClient();

    [Fact]
    public async Task The_report_of_a_worked_example_gives_the_figures_worked_by_hand()
    {
        var (fund, parties) = await WorkedExampleAsync("Worked example");

        var report = await ReportAsync(fund, 2);

        // budget:    Care homes 600,000.00 (council) + 400,000.00 (PCT) = 1,000,000.00; Community equipment 250,000.00;
        //            Reablement 150,000.50 (PCT); Transport none.                                  Total 1,400,000.50
        // actuals P2: Care homes 85,000.01; equipment −500.00 (a refund); Reablement 12,500.00; Transport 1,000.00. Total 98,000.01
        // to date:   Care homes 80,000.00 + 85,000.01 = 165,000.01; equipment 20,000.00 − 500.00 = 19,500.00;
        //            Reablement 12,500.00; Transport 1,000.00 (the P3 line is after the period).  Total 198,000.01
        // forecast at P2: 1,020,000.00; 240,000.00; 150,000.50; 6,000.01.                          Total 1,416,000.51
        // variance:  −20,000.00; +10,000.00; 0.00; −6,000.01.                                      Total −16,000.01 (overspend)
        // overspend shared 60 : 40: 1,600,001 pence × 0.6 = 960,000.6 and × 0.4 = 640,000.4; the odd penny goes to the larger
        // remainder, the council's: council −9,600.01, PCT −6,400.00 (adding up to −16,000.01)
        Assert.Equal(("2015-16", 2, RiskShareMethod.Percentages, true, 2), (report.FinancialYear, report.Period, report.RiskShareMethod, report.ForecastSubmitted, report.LatestForecastPeriod));
        Assert.Equal(
            [
                ("Care homes", true, 1_000_000.00m, 85_000.01m, 165_000.01m, true, 1_020_000.00m, -20_000.00m),
                ("Community equipment", true, 250_000.00m, -500.00m, 19_500.00m, true, 240_000.00m, 10_000.00m),
                ("Reablement", true, 150_000.50m, 12_500.00m, 12_500.00m, true, 150_000.50m, 0.00m),
                ("Transport", false, 0.00m, 1_000.00m, 1_000.00m, true, 6_000.01m, -6_000.01m),
            ],
            report.Categories.Select(c => (c.Category, c.Budgeted, c.Budget, c.ActualForPeriod, c.ActualToDate, c.InForecast, c.ForecastOutturn!.Value, c.Variance!.Value)));
        Assert.Equal(
            new[] { (parties.Council.Id, 600_000.00m), (parties.Pct.Id, 400_000.00m) }.OrderBy(p => p.Item1),
            report.Categories[0].PartnerBudgets.Select(p => (p.OrganisationId, p.Amount)));
        Assert.Equal((1_400_000.50m, 98_000.01m, 198_000.01m, 1_416_000.51m, -16_000.01m),
            (report.Total.Budget, report.Total.ActualForPeriod, report.Total.ActualToDate, report.Total.ForecastOutturn!.Value, report.Total.Variance!.Value));
        // partners: budget lines named to each; effective cash contribution (the PCT's revised 700,000.50 replaced its planned 650,000.00)
        Assert.Equal(
            new[] { (parties.Council.Id, 600_000.00m, 700_000.00m, -9_600.01m), (parties.Pct.Id, 550_000.50m, 700_000.50m, -6_400.00m) }.OrderBy(p => p.Item1),
            report.Partners.Select(p => (p.OrganisationId, p.Budget, p.Contribution, p.ShareOfVariance!.Value)));
    }

    [Fact]
    public async Task A_period_with_no_forecast_of_its_own_has_none_and_names_the_latest_earlier_one()
    {
        var (fund, _) = await WorkedExampleAsync("No P3 forecast");

        var report = await ReportAsync(fund, 3);

        Assert.Equal((false, (DateTimeOffset?)null, 2), (report.ForecastSubmitted, report.ForecastSubmittedAt, report.LatestForecastPeriod));
        Assert.All(report.Categories, c => Assert.Equal(((decimal?)null, (decimal?)null), (c.ForecastOutturn, c.Variance)));
        Assert.Equal(((decimal?)null, (decimal?)null), (report.Total.ForecastOutturn, report.Total.Variance));
        Assert.All(report.Partners, p => Assert.Null(p.ShareOfVariance));
        // the actuals still run to the period: the P3 line of 90,000.00 is its own period's and adds to date
        var careHomes = report.Categories.Single(c => c.Category == "Care homes");
        Assert.Equal((90_000.00m, 255_000.01m), (careHomes.ActualForPeriod, careHomes.ActualToDate));
    }

    [Fact]
    public async Task A_report_read_asOf_the_moment_it_was_given_is_the_same_after_more_bookings_forecasts_and_budgets()
    {
        var (fund, parties) = await WorkedExampleAsync("Report as given");
        var url = Budgets.ReportUrl(fund, 2);
        var given = await BodyAsync(url);
        var givenCsv = await (await _admin.GetCsvAsync(url)).Content.ReadAsStringAsync();
        var moment = DateTimeOffset.UtcNow;

        var host = api.CreateClientAs("council-finance", parties.Council.GssCode, Scopes.FinanceWrite);
        await _admin.BookAsync(fund, ("2015-05-30", 4_000.00m, "Care homes", "AS-1"), ("2015-05-30", 75.00m, "Laundry", "AS-2"));
        var etag = (await _admin.GetAsync(Budgets.ForecastUrl(fund, 2))).Headers.ETag!.ToString();
        await host.SubmitForecastAsync(fund, 2, Budgets.Forecast(("Care homes", 1_030_000.00m), ("Laundry", 900.00m)), etag);
        var budget = (await _admin.GetAsync(Budgets.BudgetUrl(fund))).Headers.ETag!.ToString();
        await _admin.SetBudgetAsync(fund, Budgets.Budget(("Care homes", null, 1_100_000.00m)), budget);
        await (await _admin.PostJsonAsync($"{Funds.Url}/{fund}/contributions", Funds.Contribution(parties.Council.Id, ContributionKind.Actual, 1.00m)))
            .ReadAsync<ContributionResponse>(HttpStatusCode.Created);
        var fundTag = (await _admin.GetAsync($"{Funds.Url}/{fund}")).Headers.ETag!.ToString();
        await (await _admin.SendWithIfMatchAsync(HttpMethod.Put, $"{Funds.Url}/{fund}/risk-shares/2015-16",
            new RiskShareRequest { Method = RiskShareMethod.InProportionToContributions }, fundTag)).ReadAsync<PooledFundResponse>(HttpStatusCode.OK);

        var asOf = url + "?asOf=" + Uri.EscapeDataString(moment.ToString("yyyy-MM-ddTHH:mm:ss.ffffffK", CultureInfo.InvariantCulture));
        Assert.NotEqual(given, await BodyAsync(url));
        Assert.Equal(given, await BodyAsync(asOf));
        Assert.Equal(givenCsv, await (await _admin.GetCsvAsync(asOf)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_csv_of_a_report_parses_back_to_its_json_field_by_field()
    {
        var (fund, _) = await WorkedExampleAsync("=Report CSV");
        // a category a spreadsheet would run as a formula is written guarded, and reads back as booked
        await _admin.BookAsync(fund, ("2015-05-02", 1.00m, "=1+2", "CSV-1"));
        foreach (var period in new[] { 2, 3 })
        {
            var url = Budgets.ReportUrl(fund, period);
            var json = await ReportAsync(fund, period);
            var rows = await _admin.CsvAsync(url);
            Assert.Contains(rows, r => r["category"] == "'=1+2");

            Assert.All(rows, row =>
            {
                Assert.Equal((json.FundId.ToString(), json.FundName, json.FinancialYear, json.Period), (row["fund_id"], Restore(row["fund_name"]), row["financial_year"], Int(row["period"])));
                Assert.Equal((json.RiskShareMethod.ToString(), json.BudgetSetAt, json.ForecastSubmitted, json.ForecastSubmittedAt, json.LatestForecastPeriod),
                    (row["risk_share_method"], Moment(row["budget_set_at"]), bool.Parse(row["forecast_submitted"]), Moment(row["forecast_submitted_at"]), NullableInt(row["latest_forecast_period"])));
            });
            var categories = rows.Where(r => r["row_type"] == "category").ToList();
            Assert.Equal(json.Categories.Select(c => (c.Category, c.Budgeted, c.Budget, c.ActualForPeriod, c.ActualToDate, c.InForecast, c.ForecastOutturn, c.Variance)),
                categories.Select(r => (Restore(r["category"]), bool.Parse(r["budgeted"]), Money(r["budget"])!.Value, Money(r["actual_for_period"])!.Value,
                    Money(r["actual_to_date"])!.Value, bool.Parse(r["in_forecast"]), Money(r["forecast_outturn"]), Money(r["variance"]))));
            Assert.Equal(json.Categories.SelectMany(c => c.PartnerBudgets.Select(p => (c.Category, p.OrganisationId.ToString(), p.Amount))),
                rows.Where(r => r["row_type"] == "category_partner").Select(r => (Restore(r["category"]), r["organisation_id"], Money(r["budget"])!.Value)));
            var total = rows.Single(r => r["row_type"] == "total");
            Assert.Equal((json.Total.Budget, json.Total.ActualForPeriod, json.Total.ActualToDate, json.Total.ForecastOutturn, json.Total.Variance),
                (Money(total["budget"])!.Value, Money(total["actual_for_period"])!.Value, Money(total["actual_to_date"])!.Value, Money(total["forecast_outturn"]), Money(total["variance"])));
            Assert.Equal(json.Partners.Select(p => (p.OrganisationId.ToString(), p.Budget, p.Contribution, p.ShareOfVariance)),
                rows.Where(r => r["row_type"] == "partner").Select(r => (r["organisation_id"], Money(r["budget"])!.Value, Money(r["contribution"])!.Value, Money(r["share_of_variance"]))));
            Assert.Equal(json.Categories.Count + json.Categories.Sum(c => c.PartnerBudgets.Count) + 1 + json.Partners.Count, rows.Count);
        }
    }

    [Theory]
    [InlineData("2015-17", "2", "financialYear")]
    [InlineData("2015-16", "0", "period")]
    [InlineData("2015-16", "13", "period")]
    public async Task A_report_for_a_year_or_period_that_is_not_one_is_a_400_naming_it(string year, string period, string field)
    {
        var (fund, _) = await _admin.FundAsync("Bad report");

        var problem = await (await _admin.GetAsync($"{Funds.Url}/{fund.Id}/reports/{year}/{period}")).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.ErrorsFor(field));
    }

    [Fact]
    public async Task A_report_of_a_fund_not_held_then_is_a_404()
    {
        var before = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var (fund, _) = await _admin.FundAsync("Report not yet");

        await (await _admin.GetAsync($"{Budgets.ReportUrl(fund.Id, 1)}?asOf={before}")).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await _admin.GetAsync(Budgets.ReportUrl(Guid.NewGuid(), 1))).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    /// <summary>
    /// A council (host) and PCT fund for 2015-16: a partner-split budget, contributions (one revised), a percentages risk
    /// share (overspend 60 : 40, underspend 50 : 50), lines in P1, P2 and P3, and forecasts for P1 and P2 by the host.
    /// </summary>
    private async Task<(Guid Fund, Support.Agreements.Parties Parties)> WorkedExampleAsync(string prefix)
    {
        var (fund, parties) = await _admin.FundAsync(prefix);
        var host = api.CreateClientAs("council-finance", parties.Council.GssCode, Scopes.FinanceWrite, Scopes.FinanceRead);
        var partner = api.CreateClientAs("pct-finance", parties.Pct.Id.ToString(), Scopes.FinanceWrite, Scopes.FinanceRead);
        await partner.SetBudgetAsync(fund.Id, Budgets.Budget(
            ("Care homes", parties.Council.Id, 600_000.00m), ("Care homes", parties.Pct.Id, 400_000.00m),
            ("Community equipment", null, 250_000.00m), ("Reablement", parties.Pct.Id, 150_000.50m)));
        foreach (var contribution in new[]
                 {
                     Funds.Contribution(parties.Council.Id, ContributionKind.Planned, 700_000.00m),
                     Funds.Contribution(parties.Pct.Id, ContributionKind.Planned, 650_000.00m),
                     Funds.Contribution(parties.Pct.Id, ContributionKind.Revised, 700_000.50m),
                 })
            await (await partner.PostJsonAsync($"{Funds.Url}/{fund.Id}/contributions", contribution)).ReadAsync<ContributionResponse>(HttpStatusCode.Created);
        var etag = (await _admin.GetAsync($"{Funds.Url}/{fund.Id}")).Headers.ETag!.ToString();
        await (await _admin.SendWithIfMatchAsync(HttpMethod.Put, $"{Funds.Url}/{fund.Id}/risk-shares/2015-16", new RiskShareRequest
        {
            Method = RiskShareMethod.Percentages,
            Shares =
            [
                new PartnerShareContract { OrganisationId = parties.Council.Id, OverspendPercent = 60, UnderspendPercent = 50 },
                new PartnerShareContract { OrganisationId = parties.Pct.Id, OverspendPercent = 40, UnderspendPercent = 50 },
            ],
        }, etag)).ReadAsync<PooledFundResponse>(HttpStatusCode.OK);
        await host.BookAsync(fund.Id,
            ("2015-04-20", 80_000.00m, "Care homes", "WE-1"), ("2015-04-28", 20_000.00m, "Community equipment", "WE-2"),
            ("2015-05-15", 85_000.01m, "Care homes", "WE-3"), ("2015-05-18", 12_500.00m, "Reablement", "WE-4"),
            ("2015-05-20", 1_000.00m, "Transport", "WE-5"), ("2015-05-21", -500.00m, "Community equipment", "WE-6"),
            ("2015-06-10", 90_000.00m, "Care homes", "WE-7"));
        await host.SubmitForecastAsync(fund.Id, 1, Budgets.Forecast(("Care homes", 1_000_000.00m), ("Community equipment", 250_000.00m), ("Reablement", 150_000.50m)));
        await host.SubmitForecastAsync(fund.Id, 2, Budgets.Forecast(
            ("Care homes", 1_020_000.00m), ("Community equipment", 240_000.00m), ("Reablement", 150_000.50m), ("Transport", 6_000.01m)));
        return (fund.Id, parties);
    }

    private async Task<MonthlyReportResponse> ReportAsync(Guid fund, int period) =>
        JsonSerializer.Deserialize<MonthlyReportResponse>(await BodyAsync(Budgets.ReportUrl(fund, period)), ApiJson.Options)!;

    private async Task<string> BodyAsync(string url)
    {
        var response = await _admin.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {body}");
        return body;
    }

    private static string Restore(string cell) => Api.Http.CsvText.Restore(cell)!;

    private static int Int(string cell) => int.Parse(cell, CultureInfo.InvariantCulture);

    private static int? NullableInt(string cell) => cell.Length == 0 ? null : Int(cell);

    private static decimal? Money(string cell) => cell.Length == 0 ? null : decimal.Parse(cell, NumberStyles.Number, CultureInfo.InvariantCulture);

    private static DateTimeOffset? Moment(string cell) => cell.Length == 0 ? null : DateTimeOffset.Parse(cell, CultureInfo.InvariantCulture);
}
