using System.Net;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.PooledFunds;
using IntegrationGovernance.Api.RecordKeeping;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.PooledFunds;

/// <summary>Section 256 and section 76 payments: recorded the right way by a party, corrected by replacement, every step on record.</summary>
public sealed class TransferPaymentTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _admin = api.CreateClient();

    [Fact]
    public async Task A_section_256_payment_recorded_by_the_pct_is_listed_with_its_total_to_any_finance_reader()
    {
        var (agreement, parties) = await _admin.TransferAgreementAsync("S256 listed");
        var pct = api.CreateClientAs("pct-finance", parties.Pct.Id.ToString(), Scopes.FinanceWrite);
        var reader = api.CreateClientAs("reader", null, Scopes.FinanceRead);

        var response = await pct.PostJsonAsync(Arrangements.PaymentsUrl(agreement.Id), Arrangements.Payment(parties.Pct.Id, parties.Council.Id, 1_250_000.00m));
        var payment = await response.ReadAsync<TransferPaymentResponse>(HttpStatusCode.Created);
        await pct.PayAsync(agreement.Id, Arrangements.Payment(parties.Pct.Id, parties.Council.Id, 80_000.50m) with { Purpose = "Carers' breaks" });
        await pct.PayAsync(agreement.Id, Arrangements.Payment(parties.Pct.Id, parties.Council.Id, 99.99m, "2016-17"));

        var listed = await (await reader.GetAsync($"{Arrangements.PaymentsUrl(agreement.Id)}?financialYear=2015-16")).ReadAsync<TransferPaymentsResponse>(HttpStatusCode.OK);
        var one = await (await reader.GetAsync(response.Headers.Location!.ToString())).ReadAsync<TransferPaymentResponse>(HttpStatusCode.OK);

        Assert.Equal($"/api/v1/agreements/{agreement.Id}/transfer-payments/{payment.Id}", response.Headers.Location!.ToString());
        Assert.Equal((agreement.Reference, StatutoryBasis.Section256NhsAct2006, "2015-16"), (listed.AgreementReference, listed.Basis, listed.FinancialYear));
        Assert.Equal([1_250_000.00m, 80_000.50m], listed.Payments.Select(p => p.Amount));
        Assert.Equal(1_330_000.50m, listed.Total);
        Assert.Equal((parties.Pct.Id, parties.Council.Id, "Towards reablement social care", "Paid quarterly in advance; unspent sums are returned."),
            (one.PayerId, one.PayeeId, one.Purpose, one.Conditions));
        Assert.Null(one.CorrectedBy);
    }

    [Fact]
    public async Task A_section_76_payment_goes_from_the_council_to_the_nhs()
    {
        var (agreement, parties) = await _admin.TransferAgreementAsync("S76 council pays", StatutoryBasis.Section76NhsAct2006);

        var payment = await _admin.PayAsync(agreement.Id, Arrangements.Payment(parties.Council.Id, parties.Pct.Id, 40_000.00m));
        var problem = await (await _admin.PostJsonAsync(Arrangements.PaymentsUrl(agreement.Id), Arrangements.Payment(parties.Pct.Id, parties.Council.Id, 40_000.00m)))
            .ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(parties.Council.Id, payment.PayerId);
        Assert.Contains("section 76", Assert.Single(problem.ErrorsFor("$.payerId")), StringComparison.Ordinal);
        Assert.Single(problem.ErrorsFor("$.payeeId"));
    }

    [Fact]
    public async Task A_payment_the_wrong_way_under_section_256_is_refused_naming_the_field_and_nothing_is_written()
    {
        var (agreement, parties) = await _admin.TransferAgreementAsync("S256 wrong way");

        var problem = await (await _admin.PostJsonAsync(Arrangements.PaymentsUrl(agreement.Id), Arrangements.Payment(parties.Council.Id, parties.Pct.Id, 500.00m)))
            .ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(ProblemTypes.Validation, (string?)problem["type"]);
        Assert.Contains("NHS commissioner", Assert.Single(problem.ErrorsFor("$.payerId")), StringComparison.Ordinal);
        Assert.Contains("local authority", Assert.Single(problem.ErrorsFor("$.payeeId")), StringComparison.Ordinal);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM transfer_payments WHERE agreement_id = '{agreement.Id}'"));
    }

    [Fact]
    public async Task A_correction_replaces_the_figure_and_the_earlier_one_stays_on_record_audited_and_in_the_change_feed()
    {
        var (agreement, parties) = await _admin.TransferAgreementAsync("S256 corrected");
        var wrong = await _admin.PayAsync(agreement.Id, Arrangements.Payment(parties.Pct.Id, parties.Council.Id, 12_500.00m));
        var other = await _admin.PayAsync(agreement.Id, Arrangements.Payment(parties.Pct.Id, parties.Council.Id, 300.00m));

        var right = await _admin.PayAsync(agreement.Id, Arrangements.Payment(parties.Pct.Id, parties.Council.Id, 1_250.00m, corrects: wrong.Id) with
        {
            Purpose = "Towards reablement social care (keyed as 12,500)",
        });
        var again = await _admin.PostJsonAsync(Arrangements.PaymentsUrl(agreement.Id), Arrangements.Payment(parties.Pct.Id, parties.Council.Id, 1_200.00m, corrects: wrong.Id));

        var standing = await (await _admin.GetAsync($"{Arrangements.PaymentsUrl(agreement.Id)}?financialYear=2015-16")).ReadAsync<TransferPaymentsResponse>(HttpStatusCode.OK);
        var all = await (await _admin.GetAsync($"{Arrangements.PaymentsUrl(agreement.Id)}?financialYear=2015-16&withCorrected=true")).ReadAsync<TransferPaymentsResponse>(HttpStatusCode.OK);
        Assert.Equal([other.Id, right.Id], standing.Payments.Select(p => p.Id));
        Assert.Equal(1_550.00m, standing.Total);
        Assert.Equal([(wrong.Id, 12_500.00m, (Guid?)right.Id), (other.Id, 300.00m, null), (right.Id, 1_250.00m, null)],
            all.Payments.Select(p => (p.Id, p.Amount, p.CorrectedBy)));
        Assert.Equal(1_550.00m, all.Total);
        Assert.Equal(wrong.Id, right.Corrects);
        var conflict = await again.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("urn:integration-governance:problem:payment-already-corrected", (string?)conflict["type"]);
        Assert.NotEmpty(conflict.ErrorsFor("$.corrects"));
        foreach (var payment in new[] { wrong, other, right })
        {
            var audit = await (await _admin.GetAsync($"/api/v1/audit?resource=transfer_payments&recordId={payment.Id}")).ReadAsync<Page<AuditEntryResponse>>(HttpStatusCode.OK);
            Assert.Equal(["RecordTransferPayment"], audit.Items.Select(a => a.Action));
        }
        Assert.Equal(3L, await Sql.ScalarAsync<long>(api.ConnectionString,
            $"SELECT count(*) FROM revisions WHERE resource = 'transfer_payments' AND position IS NOT NULL AND (data ->> 'agreement_id')::uuid = '{agreement.Id}'"));
    }

    [Fact]
    public async Task A_correction_to_nothing_says_no_payment_was_made_and_leaves_the_year_at_zero()
    {
        var (agreement, parties) = await _admin.TransferAgreementAsync("S256 withdrawn");
        var paid = await _admin.PayAsync(agreement.Id, Arrangements.Payment(parties.Pct.Id, parties.Council.Id, 700.00m));

        await _admin.PayAsync(agreement.Id, Arrangements.Payment(parties.Pct.Id, parties.Council.Id, 0.00m, corrects: paid.Id) with { Purpose = "Not paid: scheme withdrawn" });
        var first = await (await _admin.PostJsonAsync(Arrangements.PaymentsUrl(agreement.Id), Arrangements.Payment(parties.Pct.Id, parties.Council.Id, 0.00m)))
            .ReadProblemAsync(HttpStatusCode.BadRequest);

        var listed = await (await _admin.GetAsync($"{Arrangements.PaymentsUrl(agreement.Id)}?financialYear=2015-16")).ReadAsync<TransferPaymentsResponse>(HttpStatusCode.OK);
        Assert.Equal((0.00m, 0.00m), (Assert.Single(listed.Payments).Amount, listed.Total));
        Assert.NotEmpty(first.ErrorsFor("$.amount"));
    }

    [Fact]
    public async Task A_caller_not_acting_for_a_party_is_refused_and_a_party_to_a_pooling_agreement_records_no_transfers()
    {
        var (agreement, parties) = await _admin.TransferAgreementAsync("S256 outsider");
        var other = await _admin.CreateOrganisationAsync(Register.Organisation($"Outsider {Guid.NewGuid():N}", gss: Support.Agreements.UniqueGss()));
        var outsider = api.CreateClientAs("outsider", other.Id.ToString(), Scopes.FinanceWrite);
        var (fund, fundParties) = await _admin.FundAsync("Pooling, not transferring");

        var refused = await (await outsider.PostJsonAsync(Arrangements.PaymentsUrl(agreement.Id), Arrangements.Payment(parties.Pct.Id, parties.Council.Id, 10.00m)))
            .ReadProblemAsync(HttpStatusCode.Forbidden);
        var pooling = await (await _admin.PostJsonAsync(Arrangements.PaymentsUrl(fund.AgreementId), Arrangements.Payment(fundParties.Pct.Id, fundParties.Council.Id, 10.00m)))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("urn:integration-governance:problem:not-a-party", (string?)refused["type"]);
        Assert.Equal("urn:integration-governance:problem:agreement-not-a-transfer", (string?)pooling["type"]);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(api.ConnectionString,
            $"SELECT count(*) FROM transfer_payments WHERE agreement_id IN ('{agreement.Id}', '{fund.AgreementId}')"));
    }

    public static TheoryData<string, string> BadInput() => new()
    {
        { """{"financialYear":"2015/16","payerId":"{pct}","payeeId":"{council}","amount":10.00,"purpose":"p"}""", "$.financialYear" },
        { """{"financialYear":"2010-11","payerId":"{pct}","payeeId":"{council}","amount":10.00,"purpose":"p"}""", "$.financialYear" },
        { """{"financialYear":"2015-16","payerId":"{pct}","payeeId":"{council}","amount":10.001,"purpose":"p"}""", "$.amount" },
        { """{"financialYear":"2015-16","payerId":"{pct}","payeeId":"{council}","amount":-10.00,"purpose":"p"}""", "$.amount" },
        { """{"financialYear":"2015-16","payerId":"{pct}","payeeId":"{council}","amount":1000000000000.00,"purpose":"p"}""", "$.amount" },
        { """{"financialYear":"2015-16","payerId":"{pct}","payeeId":"{council}","amount":10.00,"purpose":" "}""", "$.purpose" },
        { """{"financialYear":"2015-16","payerId":"{pct}","payeeId":"{council}","amount":10.00,"purpose":"{long}"}""", "$.purpose" },
        { """{"financialYear":"2015-16","payerId":"{other}","payeeId":"{council}","amount":10.00,"purpose":"p"}""", "$.payerId" },
        { """{"financialYear":"2015-16","payerId":"{pct}","payeeId":"{pct}","amount":10.00,"purpose":"p"}""", "$.payeeId" },
        { """{"financialYear":"2015-16","payerId":"{pct}","payeeId":"{council}","amount":10.00,"purpose":"p","corrects":"{other}"}""", "$.corrects" },
        { """{"financialYear":"2015-16","payerId":"{pct}","payeeId":"{council}","amount":10.00,"purpose":"p","paidOn":"2015-06-01"}""", "$.paidOn" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_is_a_400_naming_the_field_and_nothing_is_written(string body, string field)
    {
        var (agreement, parties) = await _admin.TransferAgreementAsync("S256 bad input");
        var json = body.Replace("{pct}", parties.Pct.Id.ToString(), StringComparison.Ordinal).Replace("{council}", parties.Council.Id.ToString(), StringComparison.Ordinal)
            .Replace("{other}", Guid.NewGuid().ToString(), StringComparison.Ordinal).Replace("{long}", new string('x', 501), StringComparison.Ordinal);

        var problem = await (await _admin.PostRawJsonAsync(Arrangements.PaymentsUrl(agreement.Id), json)).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.ErrorsFor(field).Count > 0, $"expected an error on {field}, got {problem.ToJsonString()}");
        Assert.Equal(0L, await Sql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM transfer_payments WHERE agreement_id = '{agreement.Id}'"));
    }

    [Fact]
    public async Task A_section_256_agreement_names_an_nhs_commissioner_and_commences_no_earlier_than_1_March_2007()
    {
        var council = await _admin.CreateOrganisationAsync(Register.Organisation($"S256 council {Guid.NewGuid():N}", gss: Support.Agreements.UniqueGss()));
        var trust = await _admin.CreateOrganisationAsync(Register.Organisation($"S256 trust {Guid.NewGuid():N}", OrganisationType.NhsFoundationTrust, from: "2004-04-01"));
        var pct = await _admin.CreateOrganisationAsync(Register.Organisation($"S256 PCT {Guid.NewGuid():N}", OrganisationType.PrimaryCareTrust, from: "2002-04-01"));

        var withTrust = await (await _admin.PostJsonAsync(Support.Agreements.Url, Arrangements.Transfer($"S256-T-{Guid.NewGuid():N}"[..20], new(council, trust))))
            .ReadProblemAsync(HttpStatusCode.BadRequest);
        var tooEarly = await (await _admin.PostJsonAsync(Support.Agreements.Url, Arrangements.Transfer($"S256-E-{Guid.NewGuid():N}"[..20], new(council, pct), commencesOn: "2006-04-01")))
            .ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("NHS commissioner", Assert.Single(withTrust.ErrorsFor("$.parties")), StringComparison.Ordinal);
        Assert.Contains("1 March 2007", Assert.Single(tooEarly.ErrorsFor("$.commencesOn")), StringComparison.Ordinal);
    }
}
