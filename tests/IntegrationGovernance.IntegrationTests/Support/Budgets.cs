using System.Net;
using IntegrationGovernance.Api.PooledFunds;

namespace IntegrationGovernance.IntegrationTests.Support;

/// <summary>Budget, forecast and monthly-report steps tests take often, through the public API.</summary>
public static class Budgets
{
    public static string BudgetUrl(Guid fund, string year = "2015-16") => $"{Funds.Url}/{fund}/budgets/{year}";

    public static string ForecastUrl(Guid fund, int period, string year = "2015-16") => $"{Funds.Url}/{fund}/forecasts/{year}/{period}";

    public static string ReportUrl(Guid fund, int period, string year = "2015-16") => $"{Funds.Url}/{fund}/reports/{year}/{period}";

    public static FundBudgetRequest Budget(params (string Category, Guid? Partner, decimal Amount)[] lines) => new()
    {
        Lines = [.. lines.Select(l => new BudgetLineContract { Category = l.Category, OrganisationId = l.Partner, Amount = l.Amount })],
    };

    public static ForecastOutturnRequest Forecast(params (string Category, decimal Amount)[] lines) => new()
    {
        Lines = [.. lines.Select(l => new ForecastLineContract { Category = l.Category, Amount = l.Amount })],
    };

    /// <summary>PUTs the body (with If-Match when given) and reads the record back, with its new ETag.</summary>
    public static async Task<(T Record, string ETag)> PutAsync<T>(this HttpClient client, string url, object body, string? ifMatch, HttpStatusCode expected)
    {
        var response = await client.SendWithIfMatchAsync(HttpMethod.Put, url, body, ifMatch);
        return (await response.ReadAsync<T>(expected), response.Headers.ETag!.ToString());
    }

    public static Task<(FundBudgetResponse Record, string ETag)> SetBudgetAsync(this HttpClient client, Guid fund, FundBudgetRequest budget,
        string? ifMatch = null, string year = "2015-16") =>
        client.PutAsync<FundBudgetResponse>(BudgetUrl(fund, year), budget, ifMatch, ifMatch is null ? HttpStatusCode.Created : HttpStatusCode.OK);

    public static Task<(ForecastOutturnResponse Record, string ETag)> SubmitForecastAsync(this HttpClient client, Guid fund, int period,
        ForecastOutturnRequest forecast, string? ifMatch = null) =>
        client.PutAsync<ForecastOutturnResponse>(ForecastUrl(fund, period), forecast, ifMatch, ifMatch is null ? HttpStatusCode.Created : HttpStatusCode.OK);

    /// <summary>Books lines through the CSV import: (date, amount, category, reference).</summary>
    public static async Task BookAsync(this HttpClient client, Guid fund, params (string Date, decimal Amount, string Category, string Reference)[] lines)
    {
        var csv = "date,amount,category,description,external_reference\n"
            + string.Concat(lines.Select(l => $"{l.Date},{l.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture)},{l.Category},,{l.Reference}\n"));
        await (await client.ImportCsvAsync(fund, csv)).ReadAsync<LedgerImportReport>(HttpStatusCode.OK);
    }
}
