using System.Globalization;
using System.Net;
using System.Text;
using IntegrationGovernance.Api.Agreements;
using IntegrationGovernance.Api.PooledFunds;
using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.PooledFunds;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.PooledFunds;

public sealed class PooledFundTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task A_fund_on_an_agreement_without_the_pooled_fund_flexibility_is_refused()
    {
        var parties = await _client.CouncilAndPctAsync("No pool");
        var (agreement, _) = await _client.CreateAgreementAsync(Support.Agreements.Section75("NO-POOL-1", parties) with
        {
            Flexibilities = [Flexibility.IntegratedProvision],
            Parties = [new AgreementPartyContract { OrganisationId = parties.Council.Id, Role = PartyRole.Partner }, new AgreementPartyContract { OrganisationId = parties.Pct.Id, Role = PartyRole.Provider }],
        });

        var problem = await (await _client.PostJsonAsync(Funds.Url, new PooledFundRequest
        {
            AgreementId = agreement.Id, Name = "Not allowed", HostOrganisationId = parties.Council.Id, StartsOn = new DateOnly(2012, 4, 1),
        })).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("urn:integration-governance:problem:agreement-without-pooled-fund", (string?)problem["type"]);
    }

    [Fact]
    public async Task The_host_must_be_the_agreements_host_party()
    {
        var parties = await _client.CouncilAndPctAsync("Wrong host");
        var (agreement, _) = await _client.CreateAgreementAsync(Support.Agreements.Section75("WRONG-HOST-1", parties));

        var problem = await (await _client.PostJsonAsync(Funds.Url, new PooledFundRequest
        {
            AgreementId = agreement.Id, Name = "Hosted by the partner", HostOrganisationId = parties.Pct.Id, StartsOn = new DateOnly(2012, 4, 1),
        })).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.ErrorsFor("$.hostOrganisationId"));
    }

    [Fact]
    public async Task Contribution_rules_name_the_field_at_fault()
    {
        var (fund, parties) = await _client.FundAsync("Contribution rules");
        var outsider = await _client.CreateOrganisationAsync(Register.Organisation("Not a partner", Domain.Organisations.OrganisationType.CommunityInterestCompany));

        var notParty = await Refused(fund.Id, Funds.Contribution(outsider.Id, ContributionKind.Planned, 10m));
        var badYear = await Refused(fund.Id, Funds.Contribution(parties.Council.Id, ContributionKind.Planned, 10m, "2015/16"));
        var skippedYear = await Refused(fund.Id, Funds.Contribution(parties.Council.Id, ContributionKind.Planned, 10m, "2015-17"));
        var fractionOfPenny = await Refused(fund.Id, Funds.Contribution(parties.Council.Id, ContributionKind.Planned, 10.001m));
        var negative = await Refused(fund.Id, Funds.Contribution(parties.Council.Id, ContributionKind.Planned, -1m));

        Assert.NotEmpty(notParty.ErrorsFor("$.organisationId"));
        Assert.NotEmpty(badYear.ErrorsFor("$.financialYear"));
        Assert.NotEmpty(skippedYear.ErrorsFor("$.financialYear"));
        Assert.NotEmpty(fractionOfPenny.ErrorsFor("$.amount"));
        Assert.NotEmpty(negative.ErrorsFor("$.amount"));
    }

    [Fact]
    public async Task A_risk_share_that_does_not_add_to_100_is_refused()
    {
        var (fund, parties) = await _client.FundAsync("Risk rules");
        var etag = (await _client.GetAsync($"{Funds.Url}/{fund.Id}")).Headers.ETag!.ToString();

        var response = await _client.SendWithIfMatchAsync(HttpMethod.Put, $"{Funds.Url}/{fund.Id}/risk-shares/2015-16", new RiskShareRequest
        {
            Method = RiskShareMethod.Percentages,
            Shares =
            [
                new PartnerShareContract { OrganisationId = parties.Council.Id, OverspendPercent = 60, UnderspendPercent = 50 },
                new PartnerShareContract { OrganisationId = parties.Pct.Id, OverspendPercent = 30, UnderspendPercent = 50 },
            ],
        }, etag);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(problem.ErrorsFor("$.shares"), m => m.Contains("overspend", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_summary_matches_hand_computed_figures_to_the_penny_including_the_overspend_split()
    {
        var (fund, parties) = await _client.FundAsync("Summary");
        var etag = (await _client.GetAsync($"{Funds.Url}/{fund.Id}")).Headers.ETag!.ToString();
        await (await _client.SendWithIfMatchAsync(HttpMethod.Put, $"{Funds.Url}/{fund.Id}/risk-shares/2015-16", new RiskShareRequest
        {
            Method = RiskShareMethod.Percentages,
            Shares =
            [
                new PartnerShareContract { OrganisationId = parties.Council.Id, OverspendPercent = 60, UnderspendPercent = 50 },
                new PartnerShareContract { OrganisationId = parties.Pct.Id, OverspendPercent = 40, UnderspendPercent = 50 },
            ],
        }, etag)).ReadAsync<PooledFundResponse>(HttpStatusCode.OK);
        foreach (var contribution in new[]
                 {
                     Funds.Contribution(parties.Council.Id, ContributionKind.Planned, 600_000.00m),
                     Funds.Contribution(parties.Pct.Id, ContributionKind.Planned, 400_000.00m),
                     Funds.Contribution(parties.Pct.Id, ContributionKind.Revised, 450_000.00m),
                     Funds.Contribution(parties.Pct.Id, ContributionKind.Planned, 999.99m, "2016-17"),
                 })
            await (await _client.PostJsonAsync($"{Funds.Url}/{fund.Id}/contributions", contribution)).ReadAsync<ContributionResponse>(HttpStatusCode.Created);
        var import = await _client.ImportCsvAsync(fund.Id, """
            date,amount,category,description,external_reference
            2015-04-30,500000.00,Home care,"April, first payment",L-1
            2015-10-31,400000.01,Home care,October,L-2
            2016-03-31,200000.00,Equipment,March,L-3
            2016-03-31,-20000.00,Income,Client contributions,L-4
            2016-04-01,123.45,Home care,Next year,L-5
            """);
        await import.ReadAsync<LedgerImportReport>(HttpStatusCode.OK);

        var summary = await (await _client.GetAsync($"{Funds.Url}/{fund.Id}/summary?financialYear=2015-16")).ReadAsync<FundSummaryResponse>(HttpStatusCode.OK);

        // effective contributions: council 600,000.00 planned; PCT 450,000.00 revised
        Assert.Equal(1_050_000.00m, summary.Contributions);
        Assert.Equal(1_080_000.01m, summary.Spend);
        Assert.Equal(-30_000.01m, summary.Variance);
        var council = summary.Partners.Single(p => p.OrganisationId == parties.Council.Id);
        var pct = summary.Partners.Single(p => p.OrganisationId == parties.Pct.Id);
        Assert.Equal((400_000.00m, 450_000.00m, 450_000.00m), (pct.Planned, pct.Revised, pct.Effective));
        // 60% of 3,000,001 pence is 1,800,000.6: the odd penny goes to the larger remainder
        Assert.Equal(-18_000.01m, council.ShareOfVariance);
        Assert.Equal(-12_000.00m, pct.ShareOfVariance);
        Assert.Equal(summary.Variance, summary.Partners.Sum(p => p.ShareOfVariance));
        Assert.Equal(500_000.00m, summary.Periods.Single(p => p.Period == 1).Spend);
        Assert.Equal(400_000.01m, summary.Periods.Single(p => p.Period == 7).Spend);
        Assert.Equal(180_000.00m, summary.Periods.Single(p => p.Period == 12).Spend);
        Assert.Equal(12, summary.Periods.Count);

        var autumn = await (await _client.GetAsync($"{Funds.Url}/{fund.Id}/summary?financialYear=2015-16&fromPeriod=7&toPeriod=9")).ReadAsync<FundSummaryResponse>(HttpStatusCode.OK);
        Assert.Equal(400_000.01m, autumn.Spend);
        Assert.Equal([7, 8, 9], autumn.Periods.Select(p => p.Period));
    }

    [Fact]
    public async Task An_underspend_in_proportion_to_contributions_is_split_exactly()
    {
        var (fund, parties) = await _client.FundAsync("Underspend");
        await _client.PostJsonAsync($"{Funds.Url}/{fund.Id}/contributions", Funds.Contribution(parties.Council.Id, ContributionKind.Actual, 200.00m));
        await _client.PostJsonAsync($"{Funds.Url}/{fund.Id}/contributions", Funds.Contribution(parties.Pct.Id, ContributionKind.Actual, 100.00m));
        await (await _client.ImportCsvAsync(fund.Id, "date,amount,category,description,external_reference\n2015-06-01,299.99,Care,,U-1\n")).ReadAsync<LedgerImportReport>(HttpStatusCode.OK);

        var summary = await (await _client.GetAsync($"{Funds.Url}/{fund.Id}/summary?financialYear=2015-16")).ReadAsync<FundSummaryResponse>(HttpStatusCode.OK);

        Assert.Equal(RiskShareMethod.InProportionToContributions, summary.RiskShareMethod);
        Assert.Equal(0.01m, summary.Variance);
        Assert.Equal(0.01m, summary.Partners.Single(p => p.OrganisationId == parties.Council.Id).ShareOfVariance);
        Assert.Equal(0.00m, summary.Partners.Single(p => p.OrganisationId == parties.Pct.Id).ShareOfVariance);
    }

    [Fact]
    public async Task Ten_thousand_lines_with_three_bad_rows_are_rejected_whole_then_accepted_once_fixed_and_never_doubled()
    {
        var (fund, _) = await _client.FundAsync("Bulk");
        var bad = new HashSet<int> { 17, 5000, 9999 };

        var rejected = await _client.ImportCsvAsync(fund.Id, Ledger(10_000, bad));
        var problem = await rejected.ReadProblemAsync(HttpStatusCode.BadRequest);
        var rows = problem["errors"]!.AsObject().Select(e => int.Parse(e.Key[5..e.Key.IndexOf(']')], CultureInfo.InvariantCulture)).Distinct().Order();
        Assert.Equal(bad.Order(), rows);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM ledger_lines WHERE fund_id = '{fund.Id}'"));

        var dryRun = await (await _client.ImportCsvAsync(fund.Id, Ledger(10_000, []), dryRun: true)).ReadAsync<LedgerImportReport>(HttpStatusCode.OK);
        Assert.Equal((true, 10_000), (dryRun.DryRun, dryRun.Added));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM ledger_lines WHERE fund_id = '{fund.Id}'"));

        var accepted = await (await _client.ImportCsvAsync(fund.Id, Ledger(10_000, []))).ReadAsync<LedgerImportReport>(HttpStatusCode.OK);
        var repeated = await (await _client.ImportCsvAsync(fund.Id, Ledger(10_000, []))).ReadAsync<LedgerImportReport>(HttpStatusCode.OK);

        Assert.Equal((10_000, 0), (accepted.Added, accepted.AlreadyRecorded));
        Assert.Equal(ExpectedTotal(10_000), accepted.AddedTotal);
        Assert.Equal((0, 10_000), (repeated.Added, repeated.AlreadyRecorded));
        Assert.Equal(10_000L, await Sql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM ledger_lines WHERE fund_id = '{fund.Id}'"));
    }

    [Fact]
    public async Task The_csv_ledger_and_summary_exports_parse_back_to_the_same_figures()
    {
        var (fund, parties) = await _client.FundAsync("Export");
        await _client.PostJsonAsync($"{Funds.Url}/{fund.Id}/contributions", Funds.Contribution(parties.Council.Id, ContributionKind.Planned, 5_000_000.00m));
        await (await _client.ImportCsvAsync(fund.Id, Ledger(500, []))).ReadAsync<LedgerImportReport>(HttpStatusCode.OK);
        var summary = await (await _client.GetAsync($"{Funds.Url}/{fund.Id}/summary?financialYear=2015-16")).ReadAsync<FundSummaryResponse>(HttpStatusCode.OK);

        var ledger = await _client.CsvAsync($"{Funds.Url}/{fund.Id}/ledger?financialYear=2015-16");
        var summaryCsv = await _client.CsvAsync($"{Funds.Url}/{fund.Id}/summary?financialYear=2015-16");

        Assert.Equal(500, ledger.Count);
        Assert.Equal(summary.Spend, ledger.Sum(r => decimal.Parse(r["amount"], CultureInfo.InvariantCulture)));
        var partnerRow = summaryCsv.Single(r => r["organisation_id"] == parties.Council.Id.ToString());
        Assert.Equal(summary.Variance, decimal.Parse(partnerRow["fund_variance"], CultureInfo.InvariantCulture));
        Assert.Equal(summary.Spend, decimal.Parse(partnerRow["fund_spend"], CultureInfo.InvariantCulture));

        var (copy, _) = await _client.FundAsync("Export copy");
        var reimport = await _client.PostAsync($"{Funds.Url}/{copy.Id}/ledger-lines/import",
            new StringContent(await (await _client.GetCsvAsync($"{Funds.Url}/{fund.Id}/ledger")).Content.ReadAsStringAsync(), Encoding.UTF8, "text/csv"));
        Assert.Equal(summary.Spend, (await reimport.ReadAsync<LedgerImportReport>(HttpStatusCode.OK)).AddedTotal);
    }

    [Fact]
    public async Task A_single_line_with_a_reference_already_booked_is_a_conflict()
    {
        var (fund, _) = await _client.FundAsync("Single");
        var line = new LedgerLineRequest { Date = new DateOnly(2015, 5, 1), Amount = 10.50m, Category = "Care", ExternalReference = "S-1" };
        await (await _client.PostJsonAsync($"{Funds.Url}/{fund.Id}/ledger-lines", line)).ReadAsync<LedgerLineResponse>(HttpStatusCode.Created);

        var problem = await (await _client.PostJsonAsync($"{Funds.Url}/{fund.Id}/ledger-lines", line)).ReadProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("urn:integration-governance:problem:duplicate-ledger-reference", (string?)problem["type"]);
    }

    [Fact]
    public async Task An_organisation_sees_the_funds_it_hosts_or_contributes_to_with_its_contributions()
    {
        var (fund, parties) = await _client.FundAsync("Organisation funds");
        await _client.PostJsonAsync($"{Funds.Url}/{fund.Id}/contributions", Funds.Contribution(parties.Pct.Id, ContributionKind.Planned, 1_234.56m));

        var pct = await (await _client.GetAsync($"{Register.Organisations}/{parties.Pct.Id}/pooled-funds?financialYear=2015-16"))
            .ReadItemsAsync<OrganisationFundResponse>(HttpStatusCode.OK);
        var council = await (await _client.GetAsync($"{Register.Organisations}/{parties.Council.Id}/pooled-funds?financialYear=2015-16"))
            .ReadItemsAsync<OrganisationFundResponse>(HttpStatusCode.OK);

        Assert.Equal([(fund.Id, false, 1_234.56m)], pct.Select(f => (f.Fund.Id, f.Hosts, f.Contributions.Sum(c => c.Amount))));
        Assert.Equal([(fund.Id, true, 0m)], council.Select(f => (f.Fund.Id, f.Hosts, f.Contributions.Sum(c => c.Amount))));
    }

    [Fact]
    public async Task A_bad_financial_year_in_a_query_is_a_400_problem()
    {
        var (fund, _) = await _client.FundAsync("Bad year");

        var problem = await (await _client.GetAsync($"{Funds.Url}/{fund.Id}/summary?financialYear=15-16")).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.ErrorsFor("financialYear"));
    }

    private async Task<System.Text.Json.Nodes.JsonObject> Refused(Guid fund, ContributionRequest contribution) =>
        await (await _client.PostJsonAsync($"{Funds.Url}/{fund}/contributions", contribution)).ReadProblemAsync(HttpStatusCode.BadRequest);

    /// <summary>A ledger of <paramref name="count"/> lines in 2015-16; the rows numbered in <paramref name="bad"/> are broken three ways.</summary>
    private static string Ledger(int count, HashSet<int> bad)
    {
        var csv = new StringBuilder("date,amount,category,description,external_reference\n");
        for (var row = 1; row <= count; row++)
        {
            var date = new DateOnly(2015, 4, 1).AddDays(row % 365).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var amount = (row % 1000 + row / 100m).ToString("0.00", CultureInfo.InvariantCulture);
            csv.Append(bad.Contains(row)
                ? (row % 3) switch { 0 => $"{date},12.345,Care,Too precise,R-{row}\n", 1 => $"31/12/2015,{amount},Care,Bad date,R-{row}\n", _ => $"{date},{amount},,No category,R-{row}\n" }
                : $"{date},{amount},Care,\"Line {row}, booked\",R-{row}\n");
        }
        return csv.ToString();
    }

    private static decimal ExpectedTotal(int count) => Enumerable.Range(1, count).Sum(row => row % 1000 + row / 100m);
}
