using System.Net;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.PooledFunds;

/// <summary>A fund's summary is public money; its ledger lines may describe payments to people, so only its parties read them.</summary>
public sealed class LedgerVisibilityTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _admin = api.CreateClient();

    [Fact]
    public async Task A_finance_reader_of_another_body_reads_the_summary_but_not_the_ledger_and_a_party_reads_both()
    {
        var (fund, parties) = await _admin.FundAsync("Ledger visibility");
        var other = await _admin.CreateOrganisationAsync(Register.Organisation("Ledger Outsider Council", OrganisationType.LondonBorough, gss: Support.Agreements.UniqueGss()));
        var outsider = api.CreateClientAs("finance", other.GssCode, "finance:read");
        var party = api.CreateClientAs("finance", parties.Council.GssCode, "finance:read");

        var outsiderSummary = await outsider.GetAsync($"{Funds.Url}/{fund.Id}/summary?financialYear=2012-13");
        var outsiderLedger = await outsider.GetAsync($"{Funds.Url}/{fund.Id}/ledger");
        var partyLedger = await party.GetAsync($"{Funds.Url}/{fund.Id}/ledger");

        Assert.Equal(HttpStatusCode.OK, outsiderSummary.StatusCode);
        Assert.Equal("urn:integration-governance:problem:not-a-party", (string?)(await outsiderLedger.ReadProblemAsync(HttpStatusCode.Forbidden))["type"]);
        Assert.Equal(HttpStatusCode.OK, partyLedger.StatusCode);
    }
}
