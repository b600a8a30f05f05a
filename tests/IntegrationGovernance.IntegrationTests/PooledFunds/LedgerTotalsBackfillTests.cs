using System.Net;
using IntegrationGovernance.Api.PooledFunds;
using IntegrationGovernance.Infrastructure.Persistence;
using IntegrationGovernance.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace IntegrationGovernance.IntegrationTests.PooledFunds;

/// <summary>An upgraded register: lines booked before the totals were kept are totalled by the LedgerPeriods migration.</summary>
public sealed class LedgerTotalsBackfillTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private const string Before = "20261201141410_WebhookSecretRotation";

    [Fact]
    public async Task The_migration_totals_the_lines_already_booked_and_the_totals_follow_every_booking_after()
    {
        var admin = api.CreateClient();
        var (fund, _) = await admin.FundAsync("Backfill totals");
        await (await admin.ImportCsvAsync(fund.Id, "date,amount,category,description,external_reference\n"
            + "2015-04-30,100.00,Care,,B-1\n2015-04-01,-20.00,Income,,B-2\n2015-05-15,7.25,Care,,B-3\n")).ReadAsync<LedgerImportReport>(HttpStatusCode.OK);

        await using (var db = new RegisterDbContext(new DbContextOptionsBuilder<RegisterDbContext>()
            .UseNpgsql(api.ConnectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history")).UseSnakeCaseNamingConvention().Options))
        {
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(Before);
            Assert.True(await Sql.ScalarAsync<bool>(api.ConnectionString, "SELECT to_regclass('ledger_period_totals') IS NULL"));
            // a line booked the way the register did before the migration: no totals to keep
            await Sql.ExecuteAsync(api.ConnectionString, $"""
                INSERT INTO ledger_lines (fund_id, booked_on, amount, category, external_reference, financial_year_start, period, created_at)
                VALUES ('{fund.Id}', date '2015-04-20', 0.75, 'Care', 'B-4', 2015, 1, now());
                """);
            await migrator.MigrateAsync();
        }
        NpgsqlConnection.ClearAllPools();

        Assert.Equal(await SumsOfLinesAsync(fund.Id), await TotalsAsync(fund.Id));
        Assert.Equal("2015:1:Care 100.75 2", (await TotalsAsync(fund.Id))[0]);
        await (await admin.PostJsonAsync($"{Funds.Url}/{fund.Id}/ledger-lines", new LedgerLineRequest
        {
            Date = new DateOnly(2015, 4, 2), Amount = 1.00m, Category = "Care", ExternalReference = "B-5",
        })).ReadAsync<LedgerLineResponse>(HttpStatusCode.Created);
        Assert.Equal(await SumsOfLinesAsync(fund.Id), await TotalsAsync(fund.Id));
    }

    private Task<List<string>> TotalsAsync(Guid fund) => RowsAsync($"""
        SELECT financial_year_start || ':' || period || ':' || category || ' ' || amount || ' ' || line_count FROM ledger_period_totals
        WHERE fund_id = '{fund}' ORDER BY 1
        """);

    private Task<List<string>> SumsOfLinesAsync(Guid fund) => RowsAsync($"""
        SELECT financial_year_start || ':' || period || ':' || category || ' ' || sum(amount) || ' ' || count(*) FROM ledger_lines
        WHERE fund_id = '{fund}' GROUP BY financial_year_start, period, category ORDER BY 1
        """);

    private async Task<List<string>> RowsAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var reader = await new NpgsqlCommand(sql, connection).ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
            rows.Add(reader.GetString(0));
        return rows;
    }
}
