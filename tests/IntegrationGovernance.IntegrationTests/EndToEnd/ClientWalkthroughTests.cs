using IntegrationGovernance.Client;
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

        // the parties: a unitary council and the primary care trust it pools with
        var council = (await _register.CreateOrganisationAsync(new OrganisationRequest
        {
            Name = "Walkthrough Council", Type = OrganisationType.UnitaryAuthority, GssCode = $"E9{Random.Shared.Next(0, 9_999_999):D7}",
        })).Result;
        var pct = (await _register.CreateOrganisationAsync(new OrganisationRequest
        {
            Name = "Walkthrough PCT", Type = OrganisationType.PrimaryCareTrust, OperationalFrom = new DateOnly(2002, 4, 1),
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

        // approved by the council and by the PCT (every party approves), then approved and active: each change needs the ETag of the one before
        var councilApproved = await _register.RecordApprovalAsync(agreement.Id, RequireETag(created), new ApprovalContract
        {
            BodyId = council.Id, DecidedOn = new DateOnly(2012, 3, 1), MinuteReference = "CAB/2012/14", Outcome = ApprovalOutcome.Approved,
        });
        var approved = await _register.RecordApprovalAsync(agreement.Id, RequireETag(councilApproved), new ApprovalContract
        {
            BodyId = pct.Id, DecidedOn = new DateOnly(2012, 3, 1), MinuteReference = "PCTB/2012/3", Outcome = ApprovalOutcome.Approved,
        });
        var approvedStatus = await _register.TransitionAgreementAsync(agreement.Id, RequireETag(approved), new TransitionRequest
        {
            To = AgreementStatus.Approved, EffectiveOn = new DateOnly(2012, 3, 1),
        });
        var active = await _register.TransitionAgreementAsync(agreement.Id, RequireETag(approvedStatus), new TransitionRequest
        {
            To = AgreementStatus.Active, EffectiveOn = new DateOnly(2012, 4, 1),
        });
        Assert.Equal(AgreementStatus.Active, active.Result.Status);

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
