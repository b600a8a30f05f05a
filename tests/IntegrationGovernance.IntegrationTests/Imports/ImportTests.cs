using System.Net;
using System.Text;
using IntegrationGovernance.Api.Agreements;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.Imports;
using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.Imports;

public sealed class ImportTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task Five_thousand_organisations_with_two_bad_rows_are_rejected_whole_then_imported_once()
    {
        var before = await CountAsync("organisations");

        var rejected = await (await PostCsvAsync("/api/v1/imports/organisations", Organisations(5_000, bad: [42, 4_321])))
            .ReadProblemAsync(HttpStatusCode.BadRequest);
        var dryRun = await (await PostCsvAsync("/api/v1/imports/organisations?dryRun=true", Organisations(5_000, bad: [])))
            .ReadAsync<ImportReport>(HttpStatusCode.OK);
        Assert.Equal(before, await CountAsync("organisations"));

        var imported = await (await PostCsvAsync("/api/v1/imports/organisations", Organisations(5_000, bad: []))).ReadAsync<ImportReport>(HttpStatusCode.OK);
        var repeated = await (await PostCsvAsync("/api/v1/imports/organisations", Organisations(5_000, bad: []))).ReadAsync<ImportReport>(HttpStatusCode.OK);

        Assert.Equal("urn:integration-governance:problem:import-rejected", (string?)rejected["type"]);
        Assert.Equal(["rows[42].gssCode", "rows[4321].operationalTo"], rejected["errors"]!.AsObject().Select(e => e.Key).Order());
        Assert.Equal((true, 5_000), (dryRun.DryRun, dryRun.Added));
        Assert.Equal((5_000, 0), (imported.Added, imported.AlreadyRecorded));
        Assert.Equal((0, 5_000), (repeated.Added, repeated.AlreadyRecorded));
        Assert.Equal(before + 5_000, await CountAsync("organisations"));
    }

    [Fact]
    public async Task Agreements_import_from_a_contracts_register_with_parties_by_code_and_schedules_by_reference()
    {
        await PostCsvAsync("/api/v1/imports/organisations", """
            name,type,ods_code,gss_code,operational_from,operational_to
            Import Borough,LondonBorough,,E09900001,1965-04-01,
            Import PCT,PrimaryCareTrust,5Z9,,2002-04-01,2013-03-31
            """);
        var csv = """
            reference,title,purpose,basis,flexibilities,services,client_groups,parties,signed_on,commences_on,ends_on,notice_months,review_on,parent_reference
            IMP-S31-2005,Over-arching agreement,"Joint commissioning, adults",Section31HealthAct1999,PooledFund;LeadCommissioning,adult community care,adults,E09900001:Host;5Z9:Partner,2005-09-01,2005-10-01,,6,2008-03-31,
            IMP-S31-2005/A,Schedule A,Learning disabilities,MemorandumOfAgreement,,learning disability services,adults,E09900001:Partner;5Z9:Partner,,2006-04-01,2008-03-31,,,IMP-S31-2005
            """;

        var first = await (await PostCsvAsync("/api/v1/imports/agreements", csv)).ReadAsync<ImportReport>(HttpStatusCode.OK);
        var again = await (await PostCsvAsync("/api/v1/imports/agreements", csv)).ReadAsync<ImportReport>(HttpStatusCode.OK);
        var found = await (await _client.GetAsync($"{Support.Agreements.Url}?q=IMP-S31-2005")).ReadAsync<Page<AgreementResponse>>(HttpStatusCode.OK);
        var parent = Assert.Single(found.Items, a => a.Reference == "IMP-S31-2005");
        var schedules = await (await _client.GetAsync($"{Support.Agreements.Url}/{parent.Id}/schedules")).ReadItemsAsync<AgreementResponse>(HttpStatusCode.OK);

        Assert.Equal((2, 0), (first.Added, first.AlreadyRecorded));
        Assert.Equal((0, 2), (again.Added, again.AlreadyRecorded));
        Assert.Equal(AgreementStatus.Draft, parent.Status);
        Assert.Equal([Flexibility.PooledFund, Flexibility.LeadCommissioning], parent.Flexibilities);
        Assert.Equal(["IMP-S31-2005/A"], schedules.Select(s => s.Reference));
    }

    [Fact]
    public async Task Each_bad_agreement_row_is_named_and_nothing_is_recorded()
    {
        var before = await CountAsync("agreements");
        var csv = """
            reference,title,basis,flexibilities,parties,commences_on,ends_on
            BAD-1,No such party,MemorandumOfAgreement,,NOPE:Partner;E09900002:Partner,2010-04-01,
            BAD-2,Backwards,Section75NhsAct2006,Pooling,E09900002:Host,2010-04-01,2009-01-01
            """;

        var problem = await (await PostCsvAsync("/api/v1/imports/agreements", csv)).ReadProblemAsync(HttpStatusCode.BadRequest);

        var keys = problem["errors"]!.AsObject().Select(e => e.Key).ToList();
        Assert.Contains("rows[1].parties[0].organisation", keys);
        Assert.Contains(keys, k => k.StartsWith("rows[2].", StringComparison.Ordinal));
        Assert.Equal(before, await CountAsync("agreements"));
    }

    [Fact]
    public async Task A_caller_may_import_only_agreements_its_organisation_is_party_to()
    {
        var parties = await _client.CouncilAndPctAsync("Importer");
        var other = await _client.CouncilAndPctAsync("Bystander");
        var outsider = api.CreateClientAs("importer", other.Council.GssCode, "register:write");
        var csv = $"""
            reference,title,basis,parties,commences_on
            OUTSIDE-1,Not ours,MemorandumOfAgreement,{parties.Council.GssCode}:Partner;{parties.Pct.Id}:Partner,2012-04-01
            """;

        var problem = await (await outsider.PostAsync("/api/v1/imports/agreements", new StringContent(csv, Encoding.UTF8, "text/csv")))
            .ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.ErrorsFor("rows[1].parties"));
    }

    private Task<HttpResponseMessage> PostCsvAsync(string url, string csv) =>
        _client.PostAsync(url, new StringContent(csv, Encoding.UTF8, "text/csv"));

    private Task<long> CountAsync(string table) => Sql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM {table}");

    private static string Organisations(int count, HashSet<int> bad)
    {
        var csv = new StringBuilder("name,type,ods_code,gss_code,operational_from,operational_to\n");
        for (var row = 1; row <= count; row++)
        {
            var gss = bad.Contains(row) && row % 2 == 0 ? "X123" : $"E8{row:D7}";
            var to = bad.Contains(row) && row % 2 == 1 ? "2000-01-01" : string.Empty;
            csv.Append($"Imported council {row},{nameof(OrganisationType.DistrictCouncil)},,{gss},2001-04-01,{to}\n");
        }
        return csv.ToString();
    }
}
