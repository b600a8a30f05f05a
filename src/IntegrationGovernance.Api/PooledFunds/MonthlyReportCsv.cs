using System.Globalization;
using CsvHelper;
using IntegrationGovernance.Api.Http;

namespace IntegrationGovernance.Api.PooledFunds;

/// <summary>
/// A monthly report as CSV. Every row carries the report's own fields; <c>row_type</c> says what the rest of it is: a
/// <c>category</c>, the part of that category's budget a partner funds (<c>category_partner</c>, just after its category),
/// the <c>total</c>, or a <c>partner</c> with its share of the variance. A cell a row does not have, or a null, is empty.
/// </summary>
public static class MonthlyReportCsv
{
    /// <summary>The longest row: its fund's fields, a category and a partner, eight amounts of at most 33 characters and two moments (1,094 at most).</summary>
    public const int MaxRowLength = 1_500;

    /// <summary>The longest report CSV: the header, each category and its partners' budgets, the total, and each partner.</summary>
    public const int MaxLength = (2 + Domain.PooledFunds.MonthlyReport.MaxCategories * (1 + RequestBounds.MaxPartiesEver) + RequestBounds.MaxPartiesEver) * MaxRowLength;

    public const string Cells = "Text cells that a spreadsheet would run as a formula are written with a single quote before them; amounts are plain numbers.";

    public static readonly string[] Columns =
    [
        "row_type", "fund_id", "fund_name", "financial_year", "period", "risk_share_method", "budget_set_at", "forecast_submitted",
        "forecast_submitted_at", "latest_forecast_period", "category", "organisation_id", "budgeted", "budget", "actual_for_period",
        "actual_to_date", "in_forecast", "forecast_outturn", "variance", "contribution", "share_of_variance",
    ];

    public static async Task WriteAsync(HttpResponse response, MonthlyReportResponse report, CancellationToken cancellationToken)
    {
        response.ContentType = "text/csv; charset=utf-8";
        await using var writer = new StreamWriter(response.Body, leaveOpen: true);
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var column in Columns)
            csv.WriteField(column);
        await csv.NextRecordAsync();
        foreach (var category in report.Categories)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await RowAsync(csv, report, "category", category.Category, null, category.Budgeted, category.Budget, category.ActualForPeriod, category.ActualToDate,
                category.InForecast, category.ForecastOutturn, category.Variance, null, null);
            foreach (var partner in category.PartnerBudgets)
                await RowAsync(csv, report, "category_partner", category.Category, partner.OrganisationId, null, partner.Amount, null, null, null, null, null, null, null);
        }
        var total = report.Total;
        await RowAsync(csv, report, "total", null, null, null, total.Budget, total.ActualForPeriod, total.ActualToDate, null, total.ForecastOutturn, total.Variance, null, null);
        foreach (var partner in report.Partners)
            await RowAsync(csv, report, "partner", null, partner.OrganisationId, null, partner.Budget, null, null, null, null, null, partner.Contribution, partner.ShareOfVariance);
    }

    private static async Task RowAsync(CsvWriter csv, MonthlyReportResponse report, string type, string? category, Guid? organisation, bool? budgeted,
        decimal? budget, decimal? actualForPeriod, decimal? actualToDate, bool? inForecast, decimal? forecastOutturn, decimal? variance,
        decimal? contribution, decimal? shareOfVariance)
    {
        csv.WriteField(type);
        csv.WriteField(report.FundId);
        csv.WriteField(CsvText.Neutralise(report.FundName));
        csv.WriteField(report.FinancialYear);
        csv.WriteField(report.Period);
        csv.WriteField(report.RiskShareMethod.ToString());
        csv.WriteField(Moment(report.BudgetSetAt));
        csv.WriteField(Flag(report.ForecastSubmitted));
        csv.WriteField(Moment(report.ForecastSubmittedAt));
        csv.WriteField(report.LatestForecastPeriod?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
        csv.WriteField(CsvText.Neutralise(category) ?? string.Empty);
        csv.WriteField(organisation?.ToString() ?? string.Empty);
        csv.WriteField(Flag(budgeted));
        foreach (var amount in new[] { budget, actualForPeriod, actualToDate })
            csv.WriteField(Amount(amount));
        csv.WriteField(Flag(inForecast));
        foreach (var amount in new[] { forecastOutturn, variance, contribution, shareOfVariance })
            csv.WriteField(Amount(amount));
        await csv.NextRecordAsync();
    }

    private static string Amount(decimal? amount) => amount?.ToString("0.00", CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Flag(bool? flag) => flag switch { true => "true", false => "false", null => string.Empty };

    private static string Moment(DateTimeOffset? moment) => moment?.ToString("O", CultureInfo.InvariantCulture) ?? string.Empty;
}
