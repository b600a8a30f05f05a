using System.Numerics;
using System.Text.Json;
using Npgsql;

namespace IntegrationGovernance.Bench.Peer;

/// <summary>
/// B3a: a fund's figures for a year, read in one round trip (the fund, its contributions for the year, its spend per period
/// from ledger_period_totals) and drawn as the API's FundYearStatement draws them.
/// </summary>
internal static class FundSummaries
{
    public static async Task<IResult> GetFundSummary(Guid id, string financialYear, int? fromPeriod, int? toPeriod, HttpRequest request,
        NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        if (request.Query.ContainsKey("asOf"))
            return Problems.NotInPeer("asOf");
        if (financialYear.Length != 7 || !int.TryParse(financialYear.AsSpan(0, 4), out var year) || financialYear[4] != '-'
            || !int.TryParse(financialYear.AsSpan(5), out var next) || (year + 1) % 100 != next)
            return Problems.Invalid("A financial year is written like 2015-16.");
        var (from, to) = (fromPeriod ?? 1, toPeriod ?? 12);
        if (from is < 1 or > 12 || to is < 1 or > 12 || from > to)
            return Problems.Invalid("Periods run from 1 (April) to 12 (March), the first no later than the last.");

        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new("SELECT name, agreement_id, risk_shares FROM pooled_funds WHERE id = $1") { Parameters = { new() { Value = id } } },
                new("SELECT id, organisation_id, kind, form, amount, created_at FROM contributions WHERE fund_id = $1 AND financial_year_start = $2")
                {
                    Parameters = { new() { Value = id }, new() { Value = year } },
                },
                new("""
                    SELECT period, sum(amount) FROM ledger_period_totals
                    WHERE fund_id = $1 AND financial_year_start = $2 AND period >= $3 AND period <= $4 GROUP BY period
                    """)
                {
                    Parameters = { new() { Value = id }, new() { Value = year }, new() { Value = from }, new() { Value = to } },
                },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return Problems.NotFound("pooled fund", id);
        var (name, agreementId) = (reader.GetString(0), reader.GetGuid(1));
        var riskShares = reader.IsDBNull(2) ? [] : JsonSerializer.Deserialize(reader.GetString(2), StoredJson.Default.ListRiskShare) ?? [];
        await reader.NextResultAsync(cancellationToken);
        var contributions = new List<Contribution>();
        while (await reader.ReadAsync(cancellationToken))
            contributions.Add(new Contribution(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetDecimal(4),
                reader.GetFieldValue<DateTimeOffset>(5)));
        await reader.NextResultAsync(cancellationToken);
        var spend = new Dictionary<int, decimal>();
        while (await reader.ReadAsync(cancellationToken))
            spend[reader.GetInt32(0)] = reader.GetDecimal(1);

        var rule = riskShares.FindLast(r => r.FinancialYearStart <= year) ?? new RiskShare(year, "InProportionToContributions", []);
        return TypedResults.Json(Draw(id, name, agreementId, financialYear, from, to, rule, contributions, spend), PeerJson.Default.FundSummaryResponse);
    }

    private sealed record Contribution(Guid Id, Guid OrganisationId, string Kind, string Form, decimal Amount, DateTimeOffset CreatedAt);

    private sealed record Figures(decimal? Planned, decimal? Revised, decimal? Actual)
    {
        public decimal Effective => Actual ?? Revised ?? Planned ?? 0m;

        public ContributionFiguresResponse Response => new(Planned ?? 0m, Revised ?? 0m, Actual ?? 0m, Effective);

        /// <summary>The latest recorded of each kind; actual over revised over planned.</summary>
        public static Figures Latest(IEnumerable<Contribution> recorded)
        {
            var latest = recorded.GroupBy(c => c.Kind).ToDictionary(g => g.Key, g => g.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).Last().Amount);
            return new Figures(latest.TryGetValue("Planned", out var p) ? p : null, latest.TryGetValue("Revised", out var r) ? r : null,
                latest.TryGetValue("Actual", out var a) ? a : null);
        }
    }

    private static FundSummaryResponse Draw(Guid fundId, string name, Guid agreementId, string financialYear, int from, int to, RiskShare rule,
        List<Contribution> contributions, Dictionary<int, decimal> spend)
    {
        var partners = contributions.GroupBy(c => c.OrganisationId).ToDictionary(g => g.Key, g => (
            Cash: Figures.Latest(g.Where(c => c.Form == "Cash")), InKind: Figures.Latest(g.Where(c => c.Form == "InKind"))));
        var cash = partners.ToDictionary(p => p.Key, p => p.Value.Cash.Effective);
        var spent = spend.Values.Sum();
        var variance = cash.Values.Sum() - spent;
        var shares = Split(variance, rule, cash);
        var none = new Figures(null, null, null);
        var rows = partners.Keys.Union(shares.Keys).Order().Select(p =>
        {
            var (cashFigures, inKind) = partners.TryGetValue(p, out var f) ? f : (none, none);
            return new PartnerFiguresResponse(p, cashFigures.Planned ?? 0m, cashFigures.Revised ?? 0m, cashFigures.Actual ?? 0m, cashFigures.Effective,
                inKind.Response, shares.GetValueOrDefault(p));
        }).ToList();
        return new FundSummaryResponse(fundId, name, agreementId, financialYear, from, to, rows, cash.Values.Sum(),
            partners.Values.Sum(p => p.InKind.Effective), spent, variance, rule.Method,
            [.. Enumerable.Range(from, to - from + 1).Select(p => new PeriodFiguresResponse(p, spend.GetValueOrDefault(p)))]);
    }

    /// <summary>The variance split by the year's risk share, in whole pence, remainders to the largest fractions: the API's PooledFundRules.Split.</summary>
    private static Dictionary<Guid, decimal> Split(decimal variance, RiskShare rule, Dictionary<Guid, decimal> contributions)
    {
        var weights = rule.Method == "InProportionToContributions"
            ? contributions.Where(c => c.Value > 0).ToDictionary(c => c.Key, c => c.Value)
            : (rule.Shares ?? []).ToDictionary(s => s.OrganisationId, s => variance < 0 ? s.OverspendPercent : s.UnderspendPercent);
        var scale = weights.Values.Select(w => (int)w.Scale).DefaultIfEmpty(0).Max();
        var units = weights.ToDictionary(w => w.Key, w => Units(w.Value, scale));
        var total = units.Values.Aggregate(BigInteger.Zero, BigInteger.Add);
        if (total.IsZero || variance == 0)
            return weights.Keys.Concat(contributions.Keys).Distinct().ToDictionary(k => k, _ => 0m);
        var pence = BigInteger.Abs(Units(variance, 2));
        var sign = Math.Sign(variance);
        var parts = units.ToDictionary(u => u.Key, u => (Floor: BigInteger.DivRem(pence * u.Value, total, out var rest), Remainder: rest));
        var left = (int)(pence - parts.Values.Aggregate(BigInteger.Zero, (sum, p) => sum + p.Floor));
        var topped = parts.OrderByDescending(p => p.Value.Remainder).ThenBy(p => p.Key).Take(left).Select(p => p.Key).ToHashSet();
        return parts.ToDictionary(p => p.Key, p => sign * FromPence(p.Value.Floor + (topped.Contains(p.Key) ? 1 : 0)));
    }

    private static decimal FromPence(BigInteger pence) => (decimal)BigInteger.DivRem(pence, 100, out var rest) + (decimal)rest / 100m;

    private static BigInteger Units(decimal value, int scale)
    {
        var bits = decimal.GetBits(value);
        var mantissa = (new BigInteger((uint)bits[2]) << 64) | (new BigInteger((uint)bits[1]) << 32) | (uint)bits[0];
        var digits = value.Scale;
        var units = digits <= scale ? mantissa * BigInteger.Pow(10, scale - digits) : mantissa / BigInteger.Pow(10, digits - scale);
        return value < 0 ? -units : units;
    }
}
