using System.Globalization;
using CsvHelper;
using IntegrationGovernance.Api.Agreements;
using IntegrationGovernance.Api.Http;

namespace IntegrationGovernance.Api.Pages.Agreements;

/// <summary>
/// The agreements a search found, as CSV for a spreadsheet: one row per agreement, its parties named (on the
/// <c>activeOn</c> date when the search has one). Text cells that a spreadsheet would run are quoted, as in the API's CSV.
/// </summary>
public sealed class AgreementsCsv(IReadOnlyList<AgreementResponse> agreements, IReadOnlyDictionary<Guid, string> names, DateOnly? activeOn) : IResult
{
    public static readonly string[] Columns =
    [
        "id", "reference", "title", "basis", "status", "commences_on", "ends_on", "latest_ends_on", "review_on", "latest_review_on",
        "notice_months", "parties", "services", "active_on", "active_that_day", "status_that_day",
    ];

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = "attachment; filename=\"agreements.csv\"";
        await using var writer = new StreamWriter(response.Body, leaveOpen: true);
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var column in Columns)
            csv.WriteField(column);
        await csv.NextRecordAsync();
        foreach (var agreement in agreements)
        {
            var parties = agreement.OnDate?.Parties ?? agreement.Parties;
            csv.WriteField(agreement.Id);
            csv.WriteField(CsvText.Neutralise(agreement.Reference));
            csv.WriteField(CsvText.Neutralise(agreement.Title));
            csv.WriteField(agreement.Basis.ToString());
            csv.WriteField(agreement.Status.ToString());
            csv.WriteField(Day(agreement.CommencesOn));
            csv.WriteField(Day(agreement.EndsOn));
            csv.WriteField(Day(agreement.LatestEndsOn));
            csv.WriteField(Day(agreement.ReviewOn));
            csv.WriteField(Day(agreement.LatestReviewOn));
            csv.WriteField(agreement.NoticeMonths?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
            csv.WriteField(CsvText.Neutralise(string.Join("; ", parties.Select(p => $"{names.GetValueOrDefault(p.OrganisationId, p.OrganisationId.ToString())} ({p.Role})"))));
            csv.WriteField(CsvText.Neutralise(string.Join("; ", agreement.OnDate?.Services ?? agreement.Services)));
            csv.WriteField(Day(activeOn));
            csv.WriteField(agreement.OnDate is { } day ? (day.Active ? "true" : "false") : string.Empty);
            csv.WriteField(agreement.OnDate?.Status.ToString() ?? string.Empty);
            await csv.NextRecordAsync();
        }
    }

    private static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;
}
