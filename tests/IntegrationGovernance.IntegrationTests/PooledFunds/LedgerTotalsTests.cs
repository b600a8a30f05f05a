using System.Globalization;
using System.Net;
using IntegrationGovernance.Api.PooledFunds;
using IntegrationGovernance.Domain.PooledFunds;
using IntegrationGovernance.Infrastructure.Persistence;
using IntegrationGovernance.Infrastructure.PooledFunds;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using IntegrationGovernance.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IntegrationGovernance.IntegrationTests.PooledFunds;

/// <summary>
/// The ledger's per-period totals are kept in the transaction of every ledger write, so they always equal the sums of
/// the lines: compared here with PostgreSQL's own GROUP BY over ledger_lines.
/// </summary>
public sealed class LedgerTotalsTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private const string Header = "date,amount,category,description,external_reference\n";
    private readonly HttpClient _admin = api.CreateClient();

    [Fact]
    public async Task The_totals_equal_the_sums_of_the_lines_after_single_bookings_imports_a_repeated_import_and_a_dry_run()
    {
        var (fund, _) = await _admin.FundAsync("Totals");
        await BookAsync(fund.Id, new DateOnly(2015, 4, 30), 100.10m, "Care", "T-1");
        await BookAsync(fund.Id, new DateOnly(2015, 4, 1), -20.05m, "Income", "T-2");
        await BookAsync(fund.Id, new DateOnly(2015, 4, 15), 0.95m, "Care", "T-3");
        await BookAsync(fund.Id, new DateOnly(2016, 3, 31), 7.00m, "Care", "T-4");
        var file = Header + "2015-05-31,10.00,Care,,I-1\n2015-05-01,15.50,Equipment,,I-2\n2015-06-30,-3.25,Income,,I-3\n2016-04-01,44.44,Care,,I-4\n";
        await ImportAsync(fund.Id, file);
        var afterImport = await TotalsAsync(fund.Id);

        var repeated = await ImportAsync(fund.Id, file);
        var dryRun = await (await _admin.ImportCsvAsync(fund.Id, Header + "2015-07-31,999.99,Care,,D-1\n", dryRun: true)).ReadAsync<LedgerImportReport>(HttpStatusCode.OK);

        Assert.Equal(0, repeated.Added);
        Assert.Equal(1, dryRun.Added);
        var totals = await TotalsAsync(fund.Id);
        Assert.Equal(afterImport, totals);
        Assert.Equal(await SumsOfLinesAsync(fund.Id), totals);
        Assert.Contains(("2015:1:Care", 101.05m, 2L), totals);
        Assert.Contains(("2016:1:Care", 44.44m, 1L), totals);
        Assert.Equal(7, totals.Count);
    }

    [Fact]
    public async Task Twenty_bookings_to_one_fund_at_once_lose_no_update_of_the_totals()
    {
        var (fund, _) = await _admin.FundAsync("Parallel totals");

        var responses = await Task.WhenAll(Enumerable.Range(1, 20).Select(n => _admin.PostJsonAsync($"{Funds.Url}/{fund.Id}/ledger-lines", new LedgerLineRequest
        {
            Date = new DateOnly(2015, 9, 1 + n % 3), Amount = n + 0.01m, Category = n % 2 == 0 ? "Care" : "Equipment", ExternalReference = $"P-{n}",
        })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var totals = await TotalsAsync(fund.Id);
        Assert.Equal(await SumsOfLinesAsync(fund.Id), totals);
        Assert.Equal(Enumerable.Range(1, 20).Sum(n => n + 0.01m), totals.Sum(t => t.Amount));
        Assert.Equal(20L, totals.Sum(t => t.Lines));
    }

    [Fact]
    public async Task Imports_to_one_fund_at_once_lose_no_update_of_the_totals()
    {
        var (fund, _) = await _admin.FundAsync("Parallel imports");

        var reports = await Task.WhenAll(Enumerable.Range(1, 6).Select(run => ImportAsync(fund.Id, Header + string.Concat(Enumerable.Range(1, 50)
            .Select(n => $"2015-{4 + n % 9:00}-15,{run}.{n:00},{(n % 3 == 0 ? "Care" : "Equipment")},,R{run}-{n}\n")))));

        Assert.All(reports, r => Assert.Equal(50, r.Added));
        Assert.Equal(await SumsOfLinesAsync(fund.Id), await TotalsAsync(fund.Id));
    }

    [Fact]
    public async Task Spend_by_period_and_category_reads_the_totals_now_and_the_lines_visible_then_asOf()
    {
        var (fund, _) = await _admin.FundAsync("By category");
        await ImportAsync(fund.Id, Header + "2015-04-10,10.00,Care,,C-1\n2015-04-11,5.00,Care,,C-2\n2015-04-12,2.50,Equipment,,C-3\n2015-06-01,-1.00,Income,,C-4\n");
        var moment = DateTimeOffset.UtcNow;
        await BookAsync(fund.Id, new DateOnly(2015, 4, 20), 100.00m, "Care", "C-5");
        await BookAsync(fund.Id, new DateOnly(2015, 8, 20), 40.00m, "Transport", "C-6");

        var now = await SpendByCategoryAsync(fund.Id, null);
        var then = await SpendByCategoryAsync(fund.Id, moment);

        Assert.Equal(new CategorySpend[] { new(1, "Care", 115.00m), new(1, "Equipment", 2.50m), new(3, "Income", -1.00m), new(5, "Transport", 40.00m) }, now);
        Assert.Equal(new CategorySpend[] { new(1, "Care", 15.00m), new(1, "Equipment", 2.50m), new(3, "Income", -1.00m) }, then);
        var summary = await (await _admin.GetAsync($"{Funds.Url}/{fund.Id}/summary?financialYear=2015-16")).ReadAsync<FundSummaryResponse>(HttpStatusCode.OK);
        Assert.Equal(now.GroupBy(s => s.Period).Select(g => (g.Key, g.Sum(s => s.Amount))),
            summary.Periods.Where(p => p.Spend != 0).Select(p => (p.Period, p.Spend)));
    }

    [Theory]
    [InlineData("INSERT INTO ledger_period_totals (fund_id, financial_year_start, period, category, amount, line_count) "
        + "SELECT id, 2015, 1, 'Forged', 1000000.00, 1 FROM pooled_funds LIMIT 1")]
    [InlineData("UPDATE ledger_period_totals SET amount = 0")]
    [InlineData("DELETE FROM ledger_period_totals")]
    public async Task The_api_role_cannot_write_the_totals_itself(string forgery)
    {
        var (fund, _) = await _admin.FundAsync("Forged totals");
        await BookAsync(fund.Id, new DateOnly(2015, 4, 30), 1m, "Care", "F-1");
        await using var connection = new NpgsqlConnection(TestDatabases.AsApiRole(api.ConnectionString));
        await connection.OpenAsync();

        var refused = await Assert.ThrowsAsync<PostgresException>(() => new NpgsqlCommand(forgery, connection).ExecuteNonQueryAsync());

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }

    private async Task BookAsync(Guid fund, DateOnly on, decimal amount, string category, string reference) =>
        await (await _admin.PostJsonAsync($"{Funds.Url}/{fund}/ledger-lines", new LedgerLineRequest
        {
            Date = on, Amount = amount, Category = category, ExternalReference = reference,
        })).ReadAsync<LedgerLineResponse>(HttpStatusCode.Created);

    private async Task<LedgerImportReport> ImportAsync(Guid fund, string csv) =>
        await (await _admin.ImportCsvAsync(fund, csv)).ReadAsync<LedgerImportReport>(HttpStatusCode.OK);

    private async Task<IReadOnlyList<CategorySpend>> SpendByCategoryAsync(Guid fund, DateTimeOffset? asOf)
    {
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegisterDbContext>();
        var sources = await db.FinanceAtAsync(scope.ServiceProvider.GetRequiredService<RecordHistory>(), asOf, CancellationToken.None);
        Assert.Equal(asOf is null, sources.Totals is not null);
        return await sources.SpendByCategoryAsync(fund, new FinancialYear(2015), CancellationToken.None);
    }

    private Task<List<(string Key, decimal Amount, long Lines)>> TotalsAsync(Guid fund) => RowsAsync($"""
        SELECT financial_year_start || ':' || period || ':' || category, amount, line_count FROM ledger_period_totals
        WHERE fund_id = '{fund}' ORDER BY 1
        """);

    private Task<List<(string Key, decimal Amount, long Lines)>> SumsOfLinesAsync(Guid fund) => RowsAsync($"""
        SELECT financial_year_start || ':' || period || ':' || category, sum(amount), count(*) FROM ledger_lines
        WHERE fund_id = '{fund}' GROUP BY financial_year_start, period, category ORDER BY 1
        """);

    private async Task<List<(string Key, decimal Amount, long Lines)>> RowsAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var reader = await new NpgsqlCommand(sql, connection).ExecuteReaderAsync();
        var rows = new List<(string, decimal, long)>();
        while (await reader.ReadAsync())
            rows.Add((reader.GetString(0), reader.GetDecimal(1), reader.GetInt64(2)));
        return rows;
    }
}
