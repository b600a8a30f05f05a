using System.Net;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.PooledFunds;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.PooledFunds;

/// <summary>Each partner reports its own aligned budget; a new report replaces the previous as its next revision, which is kept.</summary>
public sealed class AlignedBudgetTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _admin = api.CreateClient();

    [Fact]
    public async Task Two_partners_report_their_own_aligned_budgets_and_the_agreement_totals_them()
    {
        var (agreement, parties) = await LeadCommissioningAsync("Two partners");
        var council = Partner(parties.Council.Id);
        var pct = Partner(parties.Pct.Id);

        var councilReport = await council.AlignAsync(agreement.Id, "2015-16", parties.Council.Id,
            Arrangements.Aligned(3_200_000.00m, 2_950_000.00m, ("Home care", 2_000_000.00m, 1_900_000.00m), ("Equipment", 1_200_000.00m, 1_050_000.00m)));
        await pct.AlignAsync(agreement.Id, "2015-16", parties.Pct.Id, Arrangements.Aligned(2_200_000.00m, 2_300_000.00m));

        var aligned = await (await api.CreateClientAs("reader", null, Scopes.FinanceRead).GetAsync($"{Arrangements.AlignedUrl(agreement.Id)}?financialYear=2015-16"))
            .ReadAsync<AlignedBudgetsResponse>(HttpStatusCode.OK);

        Assert.Equal(new[] { parties.Council.Id, parties.Pct.Id }.Order(), aligned.Partners.Select(p => p.OrganisationId));
        Assert.Equal((5_400_000.00m, 5_250_000.00m, 150_000.00m), (aligned.Budget, aligned.Spend, aligned.Variance));
        var pctFigures = aligned.Partners.Single(p => p.OrganisationId == parties.Pct.Id);
        Assert.Equal((2_200_000.00m, 2_300_000.00m, -100_000.00m, 1), (pctFigures.Budget, pctFigures.Spend, pctFigures.Variance, pctFigures.Revision));
        Assert.Equal(["Home care", "Equipment"], aligned.Partners.Single(p => p.OrganisationId == parties.Council.Id).Categories.Select(c => c.Category));
        Assert.Equal(250_000.00m, councilReport.Variance);
    }

    [Fact]
    public async Task A_new_report_replaces_the_previous_as_its_next_revision_and_every_report_is_kept()
    {
        var (agreement, parties) = await LeadCommissioningAsync("Revised report");
        var pct = Partner(parties.Pct.Id);
        var url = Arrangements.AlignedUrl(agreement.Id, "2015-16", parties.Pct.Id);

        var first = await pct.ReportAlignedAsync(agreement.Id, "2015-16", parties.Pct.Id, Arrangements.Aligned(1_000.00m, 400.00m), Arrangements.First);
        var firstReport = await first.ReadAsync<AlignedBudgetReportResponse>(HttpStatusCode.Created);
        var second = await pct.ReportAlignedAsync(agreement.Id, "2015-16", parties.Pct.Id, Arrangements.Aligned(1_000.00m, 650.00m), first.Headers.ETag!.ToString());
        var secondReport = await second.ReadAsync<AlignedBudgetReportResponse>(HttpStatusCode.OK);

        var latest = await pct.GetAsync(url);
        var listed = await (await pct.GetAsync($"{Arrangements.AlignedUrl(agreement.Id)}?financialYear=2015-16")).ReadAsync<AlignedBudgetsResponse>(HttpStatusCode.OK);
        var every = await (await pct.GetAsync($"{Arrangements.AlignedUrl(agreement.Id)}?financialYear=2015-16&withReplaced=true")).ReadAsync<AlignedBudgetsResponse>(HttpStatusCode.OK);
        Assert.Equal(url, first.Headers.Location!.ToString());
        Assert.Equal(("\"1\"", "\"2\"", "\"2\""), (first.Headers.ETag!.ToString(), second.Headers.ETag!.ToString(), latest.Headers.ETag!.ToString()));
        Assert.Equal((650.00m, 2), ((await latest.ReadAsync<AlignedBudgetReportResponse>(HttpStatusCode.OK)).Spend, secondReport.Revision));
        Assert.Equal([(secondReport.Id, 650.00m)], listed.Partners.Select(p => (p.Id, p.Spend)));
        Assert.Equal(650.00m, listed.Spend);
        Assert.Equal([(firstReport.Id, 1, 400.00m, (Guid?)secondReport.Id), (secondReport.Id, 2, 650.00m, null)],
            every.Partners.Select(p => (p.Id, p.Revision, p.Spend, p.ReplacedBy)));
        Assert.Equal(650.00m, every.Spend);
        Assert.Equal(2L, await Sql.ScalarAsync<long>(api.ConnectionString,
            $"SELECT count(*) FROM audit WHERE resource = 'aligned_budget_reports' AND action = 'ReportAlignedBudget' AND (after ->> 'agreement_id')::uuid = '{agreement.Id}'"));
    }

    [Fact]
    public async Task A_report_names_the_version_it_replaces_so_none_made_meanwhile_is_overwritten_unseen()
    {
        var (agreement, parties) = await LeadCommissioningAsync("Preconditions");
        var council = Partner(parties.Council.Id);
        Task<HttpResponseMessage> Report(decimal spend, string? precondition) =>
            council.ReportAlignedAsync(agreement.Id, "2015-16", parties.Council.Id, Arrangements.Aligned(1_000.00m, spend), precondition);

        var unconditional = await (await Report(1.00m, null)).ReadProblemAsync(HttpStatusCode.PreconditionRequired);
        var matchingNothing = await (await Report(1.00m, "\"1\"")).ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await Report(100.00m, Arrangements.First)).ReadAsync<AlignedBudgetReportResponse>(HttpStatusCode.Created);
        var secondFirst = await (await Report(2.00m, Arrangements.First)).ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        var withoutETag = await (await Report(3.00m, null)).ReadProblemAsync(HttpStatusCode.PreconditionRequired);
        await (await Report(200.00m, "\"1\"")).ReadAsync<AlignedBudgetReportResponse>(HttpStatusCode.OK);
        var stale = await (await Report(4.00m, "\"1\"")).ReadProblemAsync(HttpStatusCode.PreconditionFailed);

        Assert.All(new[] { unconditional, withoutETag }, p => Assert.Equal(ProblemTypes.PreconditionRequired, (string?)p["type"]));
        Assert.All(new[] { matchingNothing, secondFirst, stale }, p => Assert.Equal(ProblemTypes.PreconditionFailed, (string?)p["type"]));
        Assert.Equal([100.00m, 200.00m], (await (await council.GetAsync($"{Arrangements.AlignedUrl(agreement.Id)}?financialYear=2015-16&withReplaced=true"))
            .ReadAsync<AlignedBudgetsResponse>(HttpStatusCode.OK)).Partners.Select(p => p.Spend));
    }

    [Fact]
    public async Task Only_the_partner_reports_its_own_figures_and_a_transfer_agreement_aligns_none()
    {
        var (agreement, parties) = await LeadCommissioningAsync("Own figures");
        var other = await _admin.CreateOrganisationAsync(Register.Organisation($"Outsider {Guid.NewGuid():N}", gss: Support.Agreements.UniqueGss()));
        var (transfer, transferParties) = await _admin.TransferAgreementAsync("Aligned transfer");

        var forTheOther = await (await Partner(parties.Pct.Id).ReportAlignedAsync(agreement.Id, "2015-16", parties.Council.Id, Arrangements.Aligned(1m, 1m), Arrangements.First))
            .ReadProblemAsync(HttpStatusCode.Forbidden);
        var outsider = await (await Partner(other.Id).ReportAlignedAsync(agreement.Id, "2015-16", other.Id, Arrangements.Aligned(1m, 1m), Arrangements.First))
            .ReadProblemAsync(HttpStatusCode.Forbidden);
        var onTransfer = await (await _admin.ReportAlignedAsync(transfer.Id, "2015-16", transferParties.Council.Id, Arrangements.Aligned(1m, 1m), Arrangements.First))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.All(new[] { forTheOther, outsider }, p => Assert.Equal("urn:integration-governance:problem:not-a-party", (string?)p["type"]));
        Assert.Equal("urn:integration-governance:problem:agreement-aligns-no-budgets", (string?)onTransfer["type"]);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(api.ConnectionString,
            $"SELECT count(*) FROM aligned_budget_reports WHERE agreement_id IN ('{agreement.Id}', '{transfer.Id}')"));
    }

    public static TheoryData<string, string, string> BadInput() => new()
    {
        { "15-16", """{"budget":1.00,"spend":1.00}""", "financialYear" },
        { "2010-11", """{"budget":1.00,"spend":1.00}""", "financialYear" },
        { "2015-16", """{"budget":-1.00,"spend":1.00}""", "$.budget" },
        { "2015-16", """{"budget":1.001,"spend":1.00}""", "$.budget" },
        { "2015-16", """{"budget":1.00,"spend":1000000000000.00}""", "$.spend" },
        { "2015-16", """{"budget":3.00,"spend":1.00,"categories":[{"category":"Care","budget":1.00,"spend":1.00},{"category":"Equipment","budget":1.00,"spend":0.00}]}""", "$.categories" },
        { "2015-16", """{"budget":2.00,"spend":2.00,"categories":[{"category":"Care","budget":1.00,"spend":1.00},{"category":"care","budget":1.00,"spend":1.00}]}""", "$.categories[1].category" },
        { "2015-16", """{"budget":1.00,"spend":1.00,"note":"{long}"}""", "$.note" },
        { "2015-16", """{"budget":1.00,"spend":1.00,"revision":3}""", "$.revision" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_is_a_400_naming_the_field_and_nothing_is_written(string year, string body, string field)
    {
        var (agreement, parties) = await LeadCommissioningAsync("Bad input");
        using var request = new HttpRequestMessage(HttpMethod.Put, Arrangements.AlignedUrl(agreement.Id, year, parties.Council.Id))
        {
            Content = new StringContent(body.Replace("{long}", new string('n', 2_001), StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("If-None-Match", "*");

        var problem = await (await _admin.SendAsync(request)).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.ErrorsFor(field).Count > 0, $"expected an error on {field}, got {problem.ToJsonString()}");
        Assert.Equal(0L, await Sql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM aligned_budget_reports WHERE agreement_id = '{agreement.Id}'"));
    }

    [Fact]
    public async Task A_partner_that_is_not_a_party_in_the_year_is_refused_naming_the_organisation()
    {
        var (agreement, _) = await LeadCommissioningAsync("Not a party");
        var other = await _admin.CreateOrganisationAsync(Register.Organisation($"Outsider {Guid.NewGuid():N}", gss: Support.Agreements.UniqueGss()));

        var problem = await (await _admin.ReportAlignedAsync(agreement.Id, "2015-16", other.Id, Arrangements.Aligned(1m, 1m), Arrangements.First))
            .ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.ErrorsFor("organisationId"));
    }

    /// <summary>An active section 75 agreement using lead commissioning (no pooled fund), the council leading, from 1 April 2012.</summary>
    private async Task<(Api.Agreements.AgreementResponse Agreement, Support.Agreements.Parties Parties)> LeadCommissioningAsync(string prefix)
    {
        var parties = await _admin.CouncilAndPctAsync(prefix);
        var (agreement, _) = await _admin.ActiveAgreementAsync(
            Support.Agreements.Section75($"LEAD-{Guid.NewGuid():N}"[..20], parties, "2012-04-01", null) with { Flexibilities = [Flexibility.LeadCommissioning] }, parties.Council.Id);
        return (agreement, parties);
    }

    private HttpClient Partner(Guid organisation) => api.CreateClientAs($"finance-{organisation:N}", organisation.ToString(), Scopes.FinanceRead, Scopes.FinanceWrite);
}
