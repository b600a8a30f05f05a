using System.Net;
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
}
