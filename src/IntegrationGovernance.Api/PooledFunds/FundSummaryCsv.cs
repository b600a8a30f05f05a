using System.Globalization;
using CsvHelper;
using IntegrationGovernance.Api.Http;

namespace IntegrationGovernance.Api.PooledFunds;

/// <summary>
/// Fund summaries as CSV: one row per fund and partner, the fund's totals repeated on each row. The cash columns
/// keep their first names; in-kind contributions follow in columns of their own.
/// </summary>
public static class FundSummaryCsv
{
    /// <summary>
    /// The longest row: two ids, a fund name (quoted, its quotes doubled, and a quote before a formula: 404), the year and periods,
    /// and 11 amounts of at most 33 characters (a decimal's whole range, with its sign and pence).
    /// </summary>
    public const int MaxRowLength = 1_000;

    /// <summary>The longest CSV of <paramref name="funds"/> summaries: the header and a row per fund and partner.</summary>
    public static int MaxLength(int funds) => (1 + funds * RequestBounds.MaxPartiesEver) * MaxRowLength;

    public static readonly string[] Columns =
    [
        "fund_id", "fund_name", "financial_year", "from_period", "to_period", "organisation_id",
        "planned", "revised", "actual", "effective_contribution", "share_of_variance", "fund_spend", "fund_variance",
        "in_kind_planned", "in_kind_revised", "in_kind_actual", "in_kind_effective",
    ];

    public static async Task WriteAsync(HttpResponse response, IReadOnlyList<FundSummaryResponse> summaries, CancellationToken cancellationToken)
    {
        response.ContentType = "text/csv; charset=utf-8";
        await using var writer = new StreamWriter(response.Body, leaveOpen: true);
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var column in Columns)
            csv.WriteField(column);
        await csv.NextRecordAsync();
        foreach (var summary in summaries)
        {
            foreach (var partner in summary.Partners)
            {
                cancellationToken.ThrowIfCancellationRequested();
                csv.WriteField(summary.FundId);
                csv.WriteField(CsvText.Neutralise(summary.FundName));
                csv.WriteField(summary.FinancialYear);
                csv.WriteField(summary.FromPeriod);
                csv.WriteField(summary.ToPeriod);
                csv.WriteField(partner.OrganisationId);
                foreach (var amount in new[]
                         {
                             partner.Planned, partner.Revised, partner.Actual, partner.Effective, partner.ShareOfVariance, summary.Spend, summary.Variance,
                             partner.InKind.Planned, partner.InKind.Revised, partner.InKind.Actual, partner.InKind.Effective,
                         })
                    csv.WriteField(amount.ToString("0.00", CultureInfo.InvariantCulture));
                await csv.NextRecordAsync();
            }
        }
    }
}
