using System.Net;
using IntegrationGovernance.Api.Agreements;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.Organisations;
using IntegrationGovernance.Api.People;
using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.People;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.DemoData;

/// <summary>The demo data says what its papers say (issue 16): each test reads the register as a governance officer would.</summary>
public sealed class DemoPapersTests(DemoDataTests.SeededApiFactory api) : IClassFixture<DemoDataTests.SeededApiFactory>
{
    private const string CcgStaff = "BNES-S113-2013/CCG-STAFF";
    private const string CouncilStaff = "BNES-S113-2013/COUNCIL-STAFF";
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task B_and_NES_structure_on_1_June_2013_is_as_section_3_3_of_the_paper_describes()
    {
        var (council, ccg) = (await OrganisationAsync("E06000022"), await OrganisationAsync("11E"));
        var councils = await StructureAsync(council.Id, "2013-06-01");
        var ccgs = await StructureAsync(ccg.Id, "2013-06-01");

        // "The post will be directly accountable to the Accountable Officer of the CCG": line-managed within the CCG
        var officer = Assert.Single(ccgs.Roots, r => r.Title == "Accountable Officer");
        var coo = Assert.Single(officer.Reports, r => r.Title.StartsWith("Chief Operating Officer", StringComparison.Ordinal));
        Assert.Equal(AccountabilityKind.LineManagement, coo.ManagedAs);
        Assert.Null(coo.Placement);
        Assert.DoesNotContain(ccgs.Roots, r => r.PostId == coo.PostId);
        var chain = await (await _client.GetAsync($"/api/v1/posts/{coo.PostId}/chain?on=2013-06-01")).ReadAsync<List<ChainStepResponse>>(HttpStatusCode.OK);
        Assert.Equal([(officer.PostId, ccg.Id)], chain.Select(s => (s.ToPostId!.Value, s.ToOrganisationId)));

        // "the Strategic Director will hold responsibility for day to day operational management of this Division", under section 113
        var director = Assert.Single(councils.Roots, r => r.Title == "Strategic Director for People and Communities");
        var division = Assert.Single(director.Reports, r => r.PostId == coo.PostId);
        Assert.Equal(AccountabilityKind.OperationalManagement, division.ManagedAs);
        Assert.Equal((ccg.Id, ccg.Name, CcgStaff, StatutoryBasis.Section113LocalGovernmentAct1972),
            (division.Placement!.EmployerId, division.Placement.EmployerName, division.Placement.BasisReference, division.Placement.Basis));
        Assert.Equal(await AgreementIdAsync(CcgStaff), division.Placement.BasisAgreementId);
        Assert.Contains(director.Reports, r => r.Title == "Deputy Director, Adult Care, Housing and Health" && r.Placement is null);
        // the CCG's own structure says the same of its post: line manager at home, day-to-day manager at the council
        var dayToDay = Assert.Single(coo.Managers, m => m.Kind == AccountabilityKind.OperationalManagement);
        Assert.Equal((director.PostId, council.Id, true, CcgStaff), (dayToDay.PostId, dayToDay.OrganisationId, dayToDay.AcrossOrganisations, dayToDay.BasisReference));
        Assert.Contains(coo.Managers, m => m.Kind == AccountabilityKind.LineManagement && m.PostId == officer.PostId && !m.AcrossOrganisations);
        Assert.Contains("-.->|day to day|", councils.Mermaid, StringComparison.Ordinal);
        Assert.Contains($"under {CcgStaff}", councils.Mermaid, StringComparison.Ordinal);

        // "The Strategic Director will also be accountable to the Accountable Officer of the CCG and the Clinical Commissioning Committee"
        var committee = Assert.Single((await (await _client.GetAsync($"{Register.Organisations}?nameContains=Clinical%20Commissioning%20Committee"))
            .ReadAsync<Page<OrganisationResponse>>(HttpStatusCode.OK)).Items);
        Assert.Equal(ccg.Id, committee.PartOfId);
        var lines = (await (await _client.GetAsync($"/api/v1/posts/{director.PostId}/lines")).ReadItemsAsync<AccountabilityLineResponse>(HttpStatusCode.OK))
            .Where(l => l.PostId == director.PostId && l.StartsOn <= new DateOnly(2013, 6, 1)).ToList();
        var councilStaff = await AgreementIdAsync(CouncilStaff);
        Assert.Contains(lines, l => l.ToPostId == officer.PostId && l.BasisAgreementId == councilStaff);
        Assert.Contains(lines, l => l.ToBodyId == committee.Id && l.Kind == AccountabilityKind.GovernanceReporting && l.BasisAgreementId == councilStaff);
        Assert.DoesNotContain(lines, l => l.Kind == AccountabilityKind.LineManagement);
    }

    [Fact]
    public async Task Harrows_April_2005_cabinet_approved_the_approach_and_did_not_approve_the_agreement()
    {
        var cabinet = Assert.Single((await (await _client.GetAsync($"{Register.Organisations}?nameContains=Harrow%20Cabinet"))
            .ReadAsync<Page<OrganisationResponse>>(HttpStatusCode.OK)).Items);

        foreach (var reference in new[] { "HARROW-S31-2005", "HARROW-S31-2005/CYP" })
        {
            var agreement = await AgreementAsync(reference);
            var april = Assert.Single(agreement.Approvals, a => a.DecidedOn == new DateOnly(2005, 4, 14));
            Assert.Equal((cabinet.Id, ApprovalOutcome.Deferred), (april.BodyId, april.Outcome));
            Assert.Contains("approach approved", april.MinuteReference, StringComparison.Ordinal);
            Assert.Contains("deferred to a report to the June Cabinet", april.MinuteReference, StringComparison.Ordinal);
            // the Cabinet's approval of the agreement is a later one, and the register says it is illustrative
            var approval = Assert.Single(agreement.Approvals, a => a.BodyId == cabinet.Id && a.Outcome == ApprovalOutcome.Approved);
            Assert.True(approval.DecidedOn > new DateOnly(2005, 6, 30));
            var provenance = await ProvenanceAsync("agreements", agreement.Id);
            Assert.Contains($"$.approvals[{agreement.Approvals.ToList().IndexOf(approval)}]", provenance.Illustrative);
        }
    }

    [Fact]
    public async Task Stocktons_timetable_is_not_recorded_as_decisions_with_minute_references()
    {
        foreach (var reference in new[] { "STOCKTON-CT-2007", "STOCKTON-CT-2007/SECONDMENT" })
        {
            var agreement = await AgreementAsync(reference);
            Assert.All(agreement.Approvals, a => Assert.Null(a.MinuteReference));
            var provenance = await ProvenanceAsync("agreements", agreement.Id);
            Assert.Contains("$.approvals", provenance.Illustrative);
            Assert.Contains("records no decision", provenance.Note, StringComparison.Ordinal);
        }
        // the management team's confirmation of the report is not an approval of the arrangement
        var ctmt = Assert.Single((await (await _client.GetAsync($"{Register.Organisations}?nameContains=Children%27s%20Trust%20Management%20Team"))
            .ReadAsync<Page<OrganisationResponse>>(HttpStatusCode.OK)).Items);
        Assert.DoesNotContain((await AgreementAsync("STOCKTON-CT-2007")).Approvals, a => a.BodyId == ctmt.Id);
    }

    [Fact]
    public async Task Hertfordshires_four_clinical_services_managers_per_pct_manage_its_localities_and_one_leads_school_health_for_the_county()
    {
        var expected = new Dictionary<string, string[]>
        {
            ["5P4"] = ["Dacorum locality", "Hertsmere locality", "St Albans and Harpenden locality", "Watford and Three Rivers locality"],
            ["5P3"] = ["Central locality", "East locality", "North locality", "South locality"],
        };
        var leads = 0;
        foreach (var (code, localities) in expected)
        {
            var pct = await OrganisationAsync(code);
            var structure = await StructureAsync(pct.Id, "2008-01-01");
            var head = Assert.Single(structure.Roots);
            Assert.Equal("Head of Children's Services", head.Title);
            var managers = await Task.WhenAll(head.Reports.Select(async r =>
                await (await _client.GetAsync($"/api/v1/posts/{r.PostId}")).ReadAsync<PostResponse>(HttpStatusCode.OK)));
            Assert.All(managers, m => Assert.StartsWith("Clinical Services Manager", m.Title, StringComparison.Ordinal));
            Assert.Equal(localities, managers.Select(m => m.Team).Order(StringComparer.Ordinal));
            Assert.Equal(localities, head.Reports.Select(r => r.Team).Order(StringComparer.Ordinal));
            Assert.All(managers, m => Assert.Equal(new DateOnly(2007, 10, 1), m.StartsOn));
            leads += managers.Count(m => m.Title.Contains("Strategic Lead for School Health", StringComparison.Ordinal));
        }
        Assert.Equal(1, leads);
    }

    [Fact]
    public async Task Agreements_ended_by_the_pcts_abolition_are_active_on_their_last_day_and_wait_for_no_transfer()
    {
        string[] ended = ["BNES-S75-2008", "HARROW-S31-2005", "HARROW-S31-2005/JC-2006", "HERTS-HVSN-2008", "STOCKTON-CT-2007", "STOCKTON-CT-2007/SECONDMENT"];

        var lastDay = await ReferencesAsync("activeOn=2013-03-31");
        var nextDay = await ReferencesAsync("activeOn=2013-04-01");

        Assert.All(ended, r => Assert.Contains(r, lastDay));
        Assert.All(ended, r => Assert.DoesNotContain(r, nextDay));
        foreach (var reference in ended)
            Assert.Empty((await AgreementAsync(reference)).UnassignedTransfers);
        // and what rests on them runs to that day too
        var secondments = await (await _client.GetAsync("/api/v1/secondments?activeOn=2013-03-31")).ReadItemsAsync<SecondmentResponse>(HttpStatusCode.OK);
        Assert.Contains(secondments, s => s.HolderReference.StartsWith("NTPCT-", StringComparison.Ordinal) && s.EndsOn == new DateOnly(2013, 3, 31));
    }

    [Fact]
    public async Task Hertfordshires_acting_service_leads_return_to_their_substantive_roles_when_the_clinical_services_managers_begin()
    {
        var pct = await OrganisationAsync("5P4");
        var before = await StructureAsync(pct.Id, "2007-06-01");
        var after = await StructureAsync(pct.Id, "2007-10-01");

        // "two Acting Service Leads covering the St Albans and Harpenden and Hertsmere localities"
        var head = Assert.Single(before.Roots);
        var leads = head.Reports.Where(r => r.Title == "Service Lead").ToList();
        Assert.Equal(["Hertsmere locality", "St Albans and Harpenden locality"], leads.Select(l => l.Team).Order(StringComparer.Ordinal));
        Assert.All(leads, l => Assert.Equal(HoldingKind.Acting, l.HolderKind));
        Assert.Equal(2, head.Reports.Count(r => r.Title == "Health Visiting Lead" && r.HolderKind == HoldingKind.Substantive));
        var stAlbans = leads.Single(l => l.Team == "St Albans and Harpenden locality");
        var acting = Assert.Single(await HoldersAsync(stAlbans.PostId, "2007-06-01"));
        // "the staff in 'acting' posts will return to their previous 'substantive' roles": the day after, their own post's holder
        var visitor = Assert.Single(after.AllNodes(), n => n.Title == "Health Visitor" && n.Team == "St Albans and Harpenden locality");
        Assert.Equal((acting.ReturnsToPostId, new DateOnly(2007, 9, 30)), ((Guid?)visitor.PostId, acting.EndsOn!.Value));
        Assert.Equal((acting.HolderReference, (HoldingKind?)HoldingKind.Substantive), (visitor.HolderReference, visitor.HolderKind));
        Assert.DoesNotContain(after.AllNodes(), n => n.Title == "Service Lead");
        var provenance = await ProvenanceAsync("post_holdings", acting.Id);
        Assert.Equal("000_159dafa09115ce7c.txt", provenance.Paper);
        Assert.Contains("$.holderReference", provenance.Illustrative);
    }

    [Fact]
    public async Task The_papers_joint_posts_are_in_both_organisations_structures_marked_with_their_agreements()
    {
        var (stockton, pct) = (await OrganisationAsync("E06000004"), await OrganisationAsync("5E1"));
        var (bnes, bnesPct) = (await OrganisationAsync("E06000022"), await OrganisationAsync("5FL"));

        // Stockton 2007 (3.6): "Head of Strategy (Joint PCT/LA)", the council's post, under its director
        var director = Assert.Single((await StructureAsync(stockton.Id, "2010-01-01")).Roots);
        var strategy = Assert.Single(director.Reports, r => r.Title == "Head of Children and Young People's Strategy");
        Assert.Equal((pct.Id, false, "STOCKTON-CT-2007"), (strategy.Joint!.Single().OrganisationId, strategy.Joint!.Single().Employer, strategy.Joint!.Single().BasisReference));
        var atPct = Assert.Single((await StructureAsync(pct.Id, "2010-01-01")).Roots, r => r.PostId == strategy.PostId);
        Assert.Equal((stockton.Id, true), (atPct.Joint!.Single().OrganisationId, atPct.Joint!.Single().Employer));
        // B&NES 2012 (2.2): "a single PCT Chief Executive/Director of Adult Social Services", until June 2011 (2.7)
        var chief = Assert.Single((await StructureAsync(bnes.Id, "2010-01-01")).Roots, r => r.Title == "Chief Executive and Director of Adult Social Services");
        Assert.Equal((bnesPct.Id, true, "BNES-S75-2008"), (chief.Joint!.Single().OrganisationId, chief.Joint!.Single().Employer, chief.Joint!.Single().BasisReference));
        Assert.Contains((await StructureAsync(bnesPct.Id, "2010-01-01")).Roots, r => r.PostId == chief.PostId && r.Joint!.Single().OrganisationId == bnes.Id);
        Assert.DoesNotContain((await StructureAsync(bnes.Id, "2011-07-01")).AllNodes(), n => n.PostId == chief.PostId);
    }

    [Fact]
    public async Task Stocktons_childrens_trust_board_reports_to_the_cabinet_and_the_pct_board_and_harrows_partnerships_to_each_other()
    {
        var (stockton, pct) = (await OrganisationAsync("E06000004"), await OrganisationAsync("5E1"));

        var atCouncil = Assert.Single((await StructureAsync(stockton.Id, "2010-01-01")).Governance);
        var atPct = Assert.Single((await StructureAsync(pct.Id, "2010-01-01")).Governance);
        var harrow = Assert.Single((await (await _client.GetAsync($"{Register.Organisations}?nameContains=Harrow%20Strategic%20Partnership"))
            .ReadAsync<Page<OrganisationResponse>>(HttpStatusCode.OK)).Items);
        var partnerships = Assert.Single((await StructureAsync(harrow.Id, "2006-01-01")).Governance);

        // "reporting arrangements to the local authority Cabinet and PCT Board" (3.2), on the children's trust arrangement
        Assert.Equal(("Stockton on Tees Children's Trust Board", "Stockton Borough Council Cabinet", stockton.Id, "STOCKTON-CT-2007"),
            (atCouncil.From.Name, atCouncil.To.Name, atCouncil.To.OrganisationId, atCouncil.BasisReference));
        Assert.Equal(("Stockton on Tees Children's Trust Board", pct.Id, AccountabilityKind.GovernanceReporting), (atPct.From.Name, atPct.To.OrganisationId, atPct.Kind));
        // "a reporting line within the framework of the Harrow Strategic Partnership" (2.1.2): between two partnerships, on no agreement
        Assert.Equal(("Children and Young People's Strategic Partnership", harrow.Id, (string?)null), (partnerships.From.Name, partnerships.To.BodyId!.Value, partnerships.BasisReference));
        var provenance = await ProvenanceAsync("accountability_lines", atCouncil.LineId);
        Assert.Contains("3.2", provenance.Paragraphs, StringComparison.Ordinal);
    }

    private async Task<List<PostHoldingResponse>> HoldersAsync(Guid post, string on) =>
        [.. (await (await _client.GetAsync($"/api/v1/posts/{post}/holders?on={on}")).ReadAsync<Page<PostHoldingResponse>>(HttpStatusCode.OK)).Items];

    private async Task<HashSet<string>> ReferencesAsync(string query) =>
        (await (await _client.GetAsync($"{Support.Agreements.Url}?{query}&limit=500")).ReadAsync<Page<AgreementResponse>>(HttpStatusCode.OK))
            .Items.Select(a => a.Reference).ToHashSet();

    private async Task<Api.RecordKeeping.ProvenanceResponse> ProvenanceAsync(string resource, Guid id) =>
        Assert.Single((await (await _client.GetAsync($"/api/v1/provenance?resource={resource}&recordId={id}"))
            .ReadAsync<Page<Api.RecordKeeping.ProvenanceResponse>>(HttpStatusCode.OK)).Items);

    private async Task<OrganisationResponse> OrganisationAsync(string code) =>
        Assert.Single((await (await _client.GetAsync($"{Register.Organisations}?code={code}")).ReadAsync<Page<OrganisationResponse>>(HttpStatusCode.OK)).Items);

    private async Task<StructureResponse> StructureAsync(Guid organisation, string on) =>
        await (await _client.GetAsync($"{Register.Organisations}/{organisation}/structure?on={on}")).ReadAsync<StructureResponse>(HttpStatusCode.OK);

    private async Task<AgreementResponse> AgreementAsync(string reference) =>
        Assert.Single((await (await _client.GetAsync($"{Support.Agreements.Url}?limit=500")).ReadAsync<Page<AgreementResponse>>(HttpStatusCode.OK))
            .Items, a => a.Reference == reference);

    private async Task<Guid> AgreementIdAsync(string reference) => (await AgreementAsync(reference)).Id;
}
