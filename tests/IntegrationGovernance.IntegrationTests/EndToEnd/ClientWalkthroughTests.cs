using IntegrationGovernance.Client;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.EndToEnd;

/// <summary>
/// A real task walked end to end through <see cref="IntegrationGovernanceClient"/>, the client generated from
/// openapi/v1.json at build time, and nothing else: what a partner system written against the contract would do.
/// </summary>
public sealed class ClientWalkthroughTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    // the factory's client carries an admin token and the test server's base address
    // (reading bodies as text first puts a refusal's problem details in the exception's message)
    private readonly IntegrationGovernanceClient _register = new(api.CreateClient()) { ReadResponseAsString = true };

    [Fact]
    public async Task A_partner_system_registers_a_section_75_pooled_fund_and_follows_the_change_feed()
    {
        var feedStart = await LastPositionAsync();

        var (council, pct, agreement) = await ActiveSection75Async("Walkthrough");
        Assert.Equal(AgreementStatus.Active, agreement.Status);

        // the pooled fund and both partners' planned contributions for 2015-16
        var fund = (await _register.CreatePooledFundAsync(new PooledFundRequest
        {
            AgreementId = agreement.Id, Name = "Community equipment pool", HostOrganisationId = council.Id,
            Manager = "Director of Adult Services", StartsOn = new DateOnly(2012, 4, 1),
        })).Result;
        var contributionIds = new List<Guid>();
        foreach (var (organisation, amount) in new[] { (council.Id, 1_250_000.50m), (pct.Id, 2_453_000.00m) })
        {
            var contribution = await _register.RecordContributionAsync(fund.Id, new ContributionRequest
            {
                OrganisationId = organisation, FinancialYear = "2015-16", Kind = ContributionKind.Planned, Form = ContributionForm.Cash, Amount = amount,
            });
            Assert.Equal(201, contribution.StatusCode);
            Assert.Equal(amount, contribution.Result.Amount);
            contributionIds.Add(contribution.Result.Id);
        }

        // the finance tool reads the year's figures, typed by the contract: both planned contributions, summed
        var summary = (await _register.GetFundSummaryAsync(fund.Id, "2015-16")).Result;
        Assert.Equal(2, summary.Partners!.Count);
        Assert.Equal(summary.Partners.Sum(p => p.Effective), summary.Contributions);

        // the question a partner asks: which agreements bind the council on 1 January 2015?
        var activeOn = (await _register.ListAgreementsAsync(activeOn: new DateOnly(2015, 1, 1), organisationId: council.Id)).Result;
        var found = Assert.Single(activeOn.Items!, a => a.Id == agreement.Id);
        Assert.Equal(AgreementStatus.Active, found.Status);
        Assert.Contains(found.Parties!, p => p.OrganisationId == pct.Id && p.Role == PartyRole.Partner);
        Assert.Empty((await _register.ListAgreementsAsync(activeOn: new DateOnly(2012, 3, 31), organisationId: council.Id)).Result.Items!);

        // and everything just done is in the change feed, in order after where we started
        var changes = await ChangesAfterAsync(feedStart);
        Assert.Equal(Enumerable.Range(1, changes.Count).Select(i => feedStart + i), changes.Select(c => c.Position));
        Assert.Contains(changes, c => c.Resource == ChangeResource.Organisations && c.Id == council.Id && c.Kind == ChangeKind.Created);
        Assert.Contains(changes, c => c.Resource == ChangeResource.Organisations && c.Id == pct.Id && c.Kind == ChangeKind.Created);
        Assert.Contains(changes, c => c.Resource == ChangeResource.Agreements && c.Id == agreement.Id && c.Kind == ChangeKind.Created);
        Assert.True(changes.Count(c => c.Id == agreement.Id) >= 4, "create, approval and two transitions each make a revision");
        Assert.Contains(changes, c => c.Resource == ChangeResource.Pooled_funds && c.Id == fund.Id && c.Kind == ChangeKind.Created);
        Assert.All(contributionIds, id => Assert.Contains(changes, c => c.Resource == ChangeResource.Contributions && c.Id == id && c.Kind == ChangeKind.Created));
    }

    [Fact]
    public async Task A_finance_tool_reads_the_monthly_report_periods_payments_and_export_typed_and_as_reported()
    {
        var (council, pct, agreement) = await ActiveSection75Async("Finance walkthrough");
        var fund = (await _register.CreatePooledFundAsync(new PooledFundRequest
        {
            AgreementId = agreement.Id, Name = "Care homes pool", HostOrganisationId = council.Id, Manager = "Director of Adult Services",
            StartsOn = new DateOnly(2012, 4, 1),
        })).Result;
        // the PCT's revised figure replaces its planned one
        foreach (var (organisation, kind, amount) in new[]
                 {
                     (council.Id, ContributionKind.Planned, 600_000.00m), (pct.Id, ContributionKind.Planned, 400_000.00m), (pct.Id, ContributionKind.Revised, 450_000.00m),
                 })
            await _register.RecordContributionAsync(fund.Id, new ContributionRequest
            {
                OrganisationId = organisation, FinancialYear = "2015-16", Kind = kind, Form = ContributionForm.Cash, Amount = amount,
            });
        Assert.Equal(201, (await _register.SetFundBudgetAsync(fund.Id, "2015-16", new FundBudgetRequest
        {
            Lines = [new BudgetLineContract { Category = "Care homes", Amount = 1_000_000.00m }],
        })).StatusCode);

        // the host's finance officer books April and May, submits May's forecast outturn and closes April
        var host = new IntegrationGovernanceClient(api.CreateClientAs("council-finance", council.GssCode!, Scopes.FinanceWrite, Scopes.FinanceRead))
        {
            ReadResponseAsString = true,
        };
        await host.BookLedgerLineAsync(fund.Id, Line(new DateOnly(2015, 4, 20), 100_000.00m, "FW-1"));
        await host.BookLedgerLineAsync(fund.Id, Line(new DateOnly(2015, 5, 15), 90_000.00m, "FW-2"));
        await host.SubmitForecastOutturnAsync(fund.Id, "2015-16", 2, new ForecastOutturnRequest
        {
            Lines = [new ForecastLineContract { Category = "Care homes", Amount = 1_050_000.00m }],
        });
        await host.CloseLedgerPeriodAsync(fund.Id, "2015-16", 1);

        var periods = (await _register.ListLedgerPeriodsAsync(fund.Id, "2015-16")).Result;
        Assert.Equal(Enumerable.Range(1, 12), periods.Select(p => p.Period));
        Assert.Equal([LedgerPeriodState.Closed, .. Enumerable.Repeat(LedgerPeriodState.Open, 11)], periods.Select(p => p.State));
        var refused = await Assert.ThrowsAsync<ApiException<ProblemDetails>>(() => host.BookLedgerLineAsync(fund.Id, Line(new DateOnly(2015, 4, 30), 1.00m, "FW-LATE")));
        Assert.Equal((409, ProblemType.UrnIntegrationGovernanceProblemPeriodClosed), (refused.StatusCode, refused.Result.Type));

        // May's report: budget, actual for the month and to date, forecast outturn, variance, and the overspend shared by the partners
        var report = (await _register.GetMonthlyReportAsync(fund.Id, "2015-16", 2)).Result;
        var reportedAt = DateTimeOffset.UtcNow;
        var careHomes = Assert.Single(report.Categories);
        Assert.Equal(("Care homes", 1_000_000.00m, 90_000.00m, 190_000.00m, (decimal?)1_050_000.00m, (decimal?)-50_000.00m),
            (careHomes.Category, careHomes.Budget, careHomes.ActualForPeriod, careHomes.ActualToDate, careHomes.ForecastOutturn, careHomes.Variance));
        Assert.Equal(new[] { (council.Id, 600_000.00m), (pct.Id, 450_000.00m) }.OrderBy(p => p.Item1),
            report.Partners.Select(p => (p.OrganisationId, p.Contribution)).OrderBy(p => p.OrganisationId));
        Assert.Equal(-50_000.00m, report.Partners.Sum(p => p.ShareOfVariance!.Value));

        // a line booked after the report changes it now, not as it was reported
        await host.BookLedgerLineAsync(fund.Id, Line(new DateOnly(2015, 5, 29), 5_000.00m, "FW-3"));
        Assert.Equal(195_000.00m, Assert.Single((await _register.GetMonthlyReportAsync(fund.Id, "2015-16", 2)).Result.Categories).ActualToDate);
        var asReported = Assert.Single((await _register.GetMonthlyReportAsync(fund.Id, "2015-16", 2, reportedAt)).Result.Categories);
        Assert.Equal((190_000.00m, (decimal?)-50_000.00m), (asReported.ActualToDate, asReported.Variance));

        // a section 256 payment from the PCT to the council, beside the pool in the year's export
        var transfer = (await _register.CreateAgreementAsync(new AgreementRequest
        {
            Reference = $"WALK256-{Guid.NewGuid():N}"[..20], Title = "Reablement social care", Basis = StatutoryBasis.Section256NhsAct2006,
            Parties =
            [
                new AgreementPartyContract { OrganisationId = council.Id, Role = PartyRole.Partner },
                new AgreementPartyContract { OrganisationId = pct.Id, Role = PartyRole.Partner },
            ],
            CommencesOn = new DateOnly(2012, 4, 1),
        })).Result;
        await ActivateAsync(transfer, council.Id, pct.Id);
        var payment = (await _register.RecordTransferPaymentAsync(transfer.Id, new TransferPaymentRequest
        {
            FinancialYear = "2015-16", PayerId = pct.Id, PayeeId = council.Id, Amount = 250_000.00m, Purpose = "Towards reablement social care",
        })).Result;

        var export = (await _register.ExportFinanceAsync("2015-16", organisationId: council.Id)).Result;
        var pooled = Assert.Single(export.PooledFunds);
        Assert.Equal((fund.Id, 1_050_000.00m, 195_000.00m), (pooled.FundId, pooled.Contributions, pooled.Spend));
        var payments = Assert.Single(export.TransferPayments);
        Assert.Equal((transfer.Id, payment.Id, 250_000.00m), (payments.AgreementId, Assert.Single(payments.Payments).Id, payments.Total));
        Assert.Equal((250_000.00m, 0.00m), (export.Totals.NhsToLocalAuthority, export.Totals.LocalAuthorityToNhs));
        var exportedBefore = (await _register.ExportFinanceAsync("2015-16", organisationId: council.Id, asOf: reportedAt)).Result;
        Assert.Equal((190_000.00m, 0), (Assert.Single(exportedBefore.PooledFunds).Spend, exportedBefore.TransferPayments.Count));
    }

    private static LedgerLineRequest Line(DateOnly date, decimal amount, string reference) =>
        new() { Date = date, Amount = amount, Category = "Care homes", Description = "Care home placements", ExternalReference = reference };

    /// <summary>Approved by every party, then approved and active from 1 April 2012: each change needs the ETag of the one before.</summary>
    private async Task<AgreementResponse> ActivateAsync(AgreementResponse agreement, params Guid[] parties)
    {
        var etag = RequireETag(await _register.GetAgreementAsync(agreement.Id));
        foreach (var party in parties)
            etag = RequireETag(await _register.RecordApprovalAsync(agreement.Id, etag, new ApprovalContract
            {
                BodyId = party, DecidedOn = new DateOnly(2012, 3, 1), MinuteReference = $"MIN/{party:N}"[..20], Outcome = ApprovalOutcome.Approved,
            }));
        etag = RequireETag(await _register.TransitionAgreementAsync(agreement.Id, etag, new TransitionRequest { To = AgreementStatus.Approved, EffectiveOn = new DateOnly(2012, 3, 1) }));
        return (await _register.TransitionAgreementAsync(agreement.Id, etag, new TransitionRequest { To = AgreementStatus.Active, EffectiveOn = new DateOnly(2012, 4, 1) })).Result;
    }

    /// <summary>A new unitary council and primary care trust, and their section 75 agreement, approved by both and active from 1 April 2012.</summary>
    private async Task<(OrganisationResponse Council, OrganisationResponse Pct, AgreementResponse Agreement)> ActiveSection75Async(string name)
    {
        // the parties: a unitary council and the primary care trust it pools with
        var council = (await _register.CreateOrganisationAsync(new OrganisationRequest
        {
            Name = $"{name} Council", Type = OrganisationType.UnitaryAuthority, GssCode = Support.Agreements.UniqueGss(),
        })).Result;
        var pct = (await _register.CreateOrganisationAsync(new OrganisationRequest
        {
            Name = $"{name} PCT", Type = OrganisationType.PrimaryCareTrust, OperationalFrom = new DateOnly(2002, 4, 1),
        })).Result;

        // the section 75 agreement, hosted by the council
        var created = await _register.CreateAgreementAsync(new AgreementRequest
        {
            Reference = $"WALK-{Guid.NewGuid():N}"[..20],
            Title = "Integrated community equipment service",
            Purpose = "A pooled budget for community equipment for adults.",
            Basis = StatutoryBasis.Section75NhsAct2006,
            Flexibilities = [Flexibility.PooledFund],
            Services = ["community equipment"],
            ClientGroups = ["adults"],
            Parties =
            [
                new AgreementPartyContract { OrganisationId = council.Id, Role = PartyRole.Host },
                new AgreementPartyContract { OrganisationId = pct.Id, Role = PartyRole.Partner },
            ],
            CommencesOn = new DateOnly(2012, 4, 1),
            NoticeMonths = 12,
        });
        Assert.Equal(201, created.StatusCode);
        var agreement = created.Result;
        Assert.Equal(AgreementStatus.Draft, agreement.Status);

        // approved by the council and by the PCT (every party approves), then approved and active
        return (council, pct, await ActivateAsync(agreement, council.Id, pct.Id));
    }

    private static string RequireETag(ApiResponse response) =>
        response.ETag() ?? throw new InvalidOperationException("The response carried no ETag.");

    private async Task<long> LastPositionAsync()
    {
        long after = 0;
        while (true)
        {
            var page = (await _register.ListChangesAsync(after, 500)).Result;
            if (page.Items!.Count == 0)
                return page.LastPosition;
            after = page.LastPosition;
        }
    }

    private async Task<List<ChangeResponse>> ChangesAfterAsync(long position)
    {
        var changes = new List<ChangeResponse>();
        while (true)
        {
            var page = (await _register.ListChangesAsync(position, 500)).Result;
            if (page.Items!.Count == 0)
                return changes;
            changes.AddRange(page.Items);
            position = page.LastPosition;
        }
    }
}
