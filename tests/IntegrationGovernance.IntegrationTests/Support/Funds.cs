using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using CsvHelper;
using IntegrationGovernance.Api.PooledFunds;
using IntegrationGovernance.Domain.PooledFunds;

namespace IntegrationGovernance.IntegrationTests.Support;

/// <summary>Pooled-fund steps tests take often, through the public API.</summary>
public static class Funds
{
    public const string Url = "/api/v1/pooled-funds";

    /// <summary>An active section 75 agreement with a pooled fund hosted by the council, from 1 April 2012.</summary>
    public static async Task<(PooledFundResponse Fund, Agreements.Parties Parties)> FundAsync(this HttpClient admin, string prefix)
    {
        var parties = await admin.CouncilAndPctAsync(prefix);
        var (agreement, _) = await admin.ActiveAgreementAsync(Agreements.Section75($"FUND-{Guid.NewGuid():N}"[..20], parties, "2012-04-01", null), parties.Council.Id);
        var response = await admin.PostJsonAsync(Url, new PooledFundRequest
        {
            AgreementId = agreement.Id, Name = $"{prefix} pooled budget", HostOrganisationId = parties.Council.Id,
            Manager = "Director of Adult Services", StartsOn = new DateOnly(2012, 4, 1),
        });
        return (await response.ReadAsync<PooledFundResponse>(HttpStatusCode.Created), parties);
    }

    public static ContributionRequest Contribution(Guid organisation, ContributionKind kind, decimal amount, string year = "2015-16") => new()
    {
        OrganisationId = organisation, FinancialYear = year, Kind = kind, Amount = amount,
    };

    public static async Task<HttpResponseMessage> ImportCsvAsync(this HttpClient client, Guid fund, string csv, bool dryRun = false) =>
        await client.PostAsync($"{Url}/{fund}/ledger-lines/import{(dryRun ? "?dryRun=true" : string.Empty)}",
            new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"));

    public static Task<HttpResponseMessage> GetCsvAsync(this HttpClient client, string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        return client.SendAsync(request);
    }

    /// <summary>Reads a CSV response back into rows keyed by the header's column names.</summary>
    public static async Task<List<Dictionary<string, string>>> CsvAsync(this HttpClient client, string url)
    {
        var response = await client.GetCsvAsync(url);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StringReader(await response.Content.ReadAsStringAsync());
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var rows = new List<Dictionary<string, string>>();
        await csv.ReadAsync();
        csv.ReadHeader();
        while (await csv.ReadAsync())
            rows.Add(csv.HeaderRecord!.ToDictionary(h => h, h => csv.GetField(h)!));
        return rows;
    }
}
