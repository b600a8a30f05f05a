using System.Text.Json;
using System.Text.Json.Serialization;
using IntegrationGovernance.Domain.PooledFunds;
using IntegrationGovernance.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace IntegrationGovernance.Infrastructure.PooledFunds;

/// <summary>What one fund's statement for a year is drawn from: its heading, its contributions as recorded, its spend per period.</summary>
public sealed record OneFundYear(FundHeading Fund, IReadOnlyList<Contribution> Contributions, IReadOnlyList<PeriodSpend> Spend);

/// <summary>
/// One fund's year as the register stands now, in one round trip: the fund, its contributions for the year and its spend per
/// period from the ledger's totals, three statements in one batch. It is the finance tools' most frequent read; the same
/// figures through EF Core (<see cref="FundFigures.ForYearAsync"/>, which also serves lists and reads asOf) are three round
/// trips. The columns are the ones EF Core maps (<c>PooledFundConfiguration</c>): enums by name, the risk shares as its JSON.
/// </summary>
public static class OneFundYearReads
{
    private const string FundSql = "SELECT name, agreement_id, risk_shares FROM pooled_funds WHERE id = $1";

    private const string ContributionsSql = """
        SELECT id, organisation_id, kind, form, amount, note, created_at FROM contributions WHERE fund_id = $1 AND financial_year_start = $2
        """;

    // summed by PostgreSQL in numeric, as every total is
    private const string SpendSql = """
        SELECT period, sum(amount) FROM ledger_period_totals
        WHERE fund_id = $1 AND financial_year_start = $2 AND period BETWEEN $3 AND $4
        GROUP BY period ORDER BY period
        """;

    /// <summary>The risk shares as EF Core writes them (<c>ToJson</c>): property names as declared, the method by name.</summary>
    private static readonly JsonSerializerOptions RiskSharesJson = new() { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The fund's year now, or null when there is no such fund.</summary>
    public static Task<OneFundYear?> OneFundYearNowAsync(
        this RegisterDbContext db, Guid fundId, FinancialYear year, PeriodRange range, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(token => ReadAsync(db, fundId, year, range, token), cancellationToken);

    private static async Task<OneFundYear?> ReadAsync(RegisterDbContext db, Guid fundId, FinancialYear year, PeriodRange range, CancellationToken cancellationToken)
    {
        // EF Core opens the connection only if it is closed, and then closes it again
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction())
            {
                BatchCommands =
                {
                    new(FundSql) { Parameters = { new() { Value = fundId } } },
                    new(ContributionsSql) { Parameters = { new() { Value = fundId }, new() { Value = year.StartYear } } },
                    new(SpendSql) { Parameters = { new() { Value = fundId }, new() { Value = year.StartYear }, new() { Value = range.From }, new() { Value = range.To } } },
                },
            };
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
                return null;
            var fund = new FundHeading(fundId, reader.GetString(0), reader.GetGuid(1),
                reader.IsDBNull(2) ? [] : JsonSerializer.Deserialize<List<RiskShare>>(reader.GetString(2), RiskSharesJson) ?? []);

            await reader.NextResultAsync(cancellationToken);
            var contributions = new List<Contribution>();
            while (await reader.ReadAsync(cancellationToken))
            {
                contributions.Add(Contribution.Stored(reader.GetGuid(0), fundId, reader.GetGuid(1), year.StartYear,
                    Enum.Parse<ContributionKind>(reader.GetString(2)), Enum.Parse<ContributionForm>(reader.GetString(3)), reader.GetDecimal(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6)));
            }

            await reader.NextResultAsync(cancellationToken);
            var spend = new List<PeriodSpend>();
            while (await reader.ReadAsync(cancellationToken))
                spend.Add(new PeriodSpend(reader.GetInt32(0), reader.GetDecimal(1)));
            return new OneFundYear(fund, contributions, spend);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
