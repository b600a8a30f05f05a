using System.Net;
using System.Text.RegularExpressions;
using IntegrationGovernance.Api.People;
using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.Domain.People;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.People;

/// <summary>Day-to-day management beside line management, and structures that take in the posts placed across organisations.</summary>
public sealed partial class StructureAcrossOrganisationsTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task A_post_line_managed_at_home_is_managed_day_to_day_by_another_organisation_and_shown_in_both_structures()
    {
        var bodies = await _client.CouncilCcgAndSection113Async("Day to day");
        var director = await _client.PostAsync(bodies.Council.Id, "Strategic Director");
        var deputy = await _client.PostAsync(bodies.Council.Id, "Deputy Director");
        var officer = await _client.PostAsync(bodies.Ccg.Id, "Accountable Officer");
        var coo = await _client.PostAsync(bodies.Ccg.Id, "Chief Operating Officer");
        var lead = await _client.PostAsync(bodies.Ccg.Id, "Commissioning Lead");
        await _client.LineAsync(Support.People.Line(deputy, director));
        await _client.LineAsync(Support.People.Line(coo, officer));
        // beside its one line manager, not a second one
        var dayToDay = await _client.LineAsync(Support.People.Line(coo, director, kind: AccountabilityKind.OperationalManagement, basis: bodies.Section113.Id));
        await _client.LineAsync(Support.People.Line(lead, coo));

        var councils = await StructureAsync(bodies.Council.Id, "2014-01-01");
        var ccgs = await StructureAsync(bodies.Ccg.Id, "2014-01-01");

        var top = Assert.Single(councils.Roots);
        Assert.Equal(director.Id, top.PostId);
        Assert.Equal([deputy.Id, coo.Id], top.Reports.Select(r => r.PostId));
        var placed = top.Reports[1];
        Assert.Equal(AccountabilityKind.OperationalManagement, placed.ManagedAs);
        Assert.Equal((bodies.Ccg.Id, bodies.Ccg.Name, bodies.Section113.Id, bodies.Section113.Reference, StatutoryBasis.Section113LocalGovernmentAct1972),
            (placed.Placement!.EmployerId, placed.Placement.EmployerName, placed.Placement.BasisAgreementId, placed.Placement.BasisReference, placed.Placement.Basis));
        Assert.Empty(placed.Reports); // the team below stays in its employer's structure
        Assert.Null(top.Reports[0].Placement);

        var home = Assert.Single(ccgs.Roots);
        Assert.Equal(officer.Id, home.PostId);
        var cooAtHome = Assert.Single(home.Reports);
        Assert.Equal((coo.Id, AccountabilityKind.LineManagement), (cooAtHome.PostId, cooAtHome.ManagedAs));
        Assert.Equal([lead.Id], cooAtHome.Reports.Select(r => r.PostId));
        var elsewhere = Assert.Single(cooAtHome.Managers, m => m.AcrossOrganisations);
        Assert.Equal((dayToDay.Id, AccountabilityKind.OperationalManagement, director.Id, bodies.Council.Id, bodies.Section113.Reference),
            (elsewhere.LineId, elsewhere.Kind, elsewhere.PostId, elsewhere.OrganisationId, elsewhere.BasisReference));

        AssertMermaidMatchesTree(councils);
        AssertMermaidMatchesTree(ccgs);
        Assert.Contains($"<br/>{bodies.Ccg.Name}, under {bodies.Section113.Reference}", councils.Mermaid, StringComparison.Ordinal);
        Assert.Contains($"managed day to day by Strategic Director, {bodies.Council.Name}", ccgs.Mermaid, StringComparison.Ordinal);

        var chain = await (await _client.GetAsync($"/api/v1/posts/{coo.Id}/chain?on=2014-01-01&kind=OperationalManagement"))
            .ReadAsync<List<ChainStepResponse>>(HttpStatusCode.OK);
        Assert.Equal([director.Id], chain.Select(s => s.ToPostId!.Value));
    }

    [Fact]
    public async Task A_post_line_managed_from_another_organisation_stays_a_root_at_home_marked_with_where_it_is_managed()
    {
        var bodies = await _client.CouncilCcgAndSection113Async("Managed elsewhere");
        var divisional = await _client.PostAsync(bodies.Council.Id, "Divisional Director");
        var coo = await _client.PostAsync(bodies.Ccg.Id, "Chief Operating Officer");
        var line = await _client.LineAsync(Support.People.Line(coo, divisional, ends: "2014-12-31", basis: bodies.Section113.Id));

        var during = await StructureAsync(bodies.Ccg.Id, "2014-06-01");
        var after = await StructureAsync(bodies.Ccg.Id, "2015-06-01");
        var host = await StructureAsync(bodies.Council.Id, "2014-06-01");
        var hostAfter = await StructureAsync(bodies.Council.Id, "2015-06-01");

        var root = Assert.Single(during.Roots);
        Assert.Equal((coo.Id, (AccountabilityKind?)null), (root.PostId, root.ManagedAs));
        var manager = Assert.Single(root.Managers);
        Assert.Equal((line.Id, AccountabilityKind.LineManagement, divisional.Id, bodies.Council.Id, bodies.Council.Name, true, bodies.Section113.Id),
            (manager.LineId, manager.Kind, manager.PostId, manager.OrganisationId, manager.OrganisationName, manager.AcrossOrganisations, manager.BasisAgreementId));
        Assert.Contains($"line-managed by Divisional Director, {bodies.Council.Name}, under {bodies.Section113.Reference}", during.Mermaid, StringComparison.Ordinal);
        Assert.Empty(Assert.Single(after.Roots).Managers);
        Assert.DoesNotContain("<br/>", after.Mermaid, StringComparison.Ordinal);

        var placed = Assert.Single(Assert.Single(host.Roots).Reports);
        Assert.Equal((coo.Id, AccountabilityKind.LineManagement, bodies.Ccg.Id), (placed.PostId, placed.ManagedAs, placed.Placement!.EmployerId));
        Assert.Empty(Assert.Single(hostAfter.Roots).Reports);
        AssertMermaidMatchesTree(host);
    }

    [Fact]
    public async Task Day_to_day_management_may_run_both_ways_and_each_structure_shows_each_post_once()
    {
        var bodies = await _client.CouncilCcgAndSection113Async("Both ways");
        var council = await _client.PostAsync(bodies.Council.Id, "Director of Integrated Commissioning");
        var ccg = await _client.PostAsync(bodies.Ccg.Id, "Director of Acute Commissioning");

        await _client.LineAsync(Support.People.Line(ccg, council, kind: AccountabilityKind.OperationalManagement, basis: bodies.Section113.Id));
        await _client.LineAsync(Support.People.Line(council, ccg, kind: AccountabilityKind.OperationalManagement, basis: bodies.Section113.Id));

        foreach (var (organisation, own, other) in new[] { (bodies.Council.Id, council.Id, ccg.Id), (bodies.Ccg.Id, ccg.Id, council.Id) })
        {
            var structure = await StructureAsync(organisation, "2014-01-01");
            var root = Assert.Single(structure.Roots);
            Assert.Equal(own, root.PostId);
            Assert.Equal(other, Assert.Single(root.Reports).PostId);
            Assert.True(Assert.Single(root.Managers).AcrossOrganisations);
            AssertMermaidMatchesTree(structure);
        }
    }

    [Fact]
    public async Task A_line_to_a_board_of_another_organisation_rests_on_an_agreement_with_that_organisation()
    {
        var bodies = await _client.CouncilCcgAndSection113Async("Committee");
        var committee = await _client.CreateOrganisationAsync(Board("Committee CCG Clinical Commissioning Committee", bodies.Ccg.Id));
        var cabinet = await _client.CreateOrganisationAsync(Board("Committee Council Cabinet", bodies.Council.Id));
        var director = await _client.PostAsync(bodies.Council.Id, "Strategic Director");

        var without = await _client.PostJsonAsync("/api/v1/accountability-lines", ToBody(director, committee.Id, null));
        var across = await _client.LineAsync(ToBody(director, committee.Id, bodies.Section113.Id));
        var atHome = await _client.LineAsync(ToBody(director, cabinet.Id, null));

        var problem = await without.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("urn:integration-governance:problem:basis-agreement-required", (string?)problem["type"]);
        Assert.Equal(((Guid?)committee.Id, (Guid?)bodies.Section113.Id), (across.ToBodyId, across.BasisAgreementId));
        Assert.Equal(((Guid?)cabinet.Id, (Guid?)null), (atHome.ToBodyId, atHome.BasisAgreementId));
    }

    [Fact]
    public async Task A_line_to_a_board_is_a_record_of_the_organisation_the_board_is_part_of()
    {
        var bodies = await _client.CouncilCcgAndSection113Async("Board party");
        var committee = await _client.CreateOrganisationAsync(Board("Board party CCG committee", bodies.Ccg.Id));
        var director = await _client.PostAsync(bodies.Council.Id, "Strategic Director");
        var line = await _client.LineAsync(ToBody(director, committee.Id, bodies.Section113.Id));

        var parties = await Sql.ScalarAsync<Guid[]>(api.ConnectionString, $"SELECT record_parties('accountability_lines', '{line.Id}')");

        Assert.Equal([bodies.Council.Id, bodies.Ccg.Id], parties);
    }

    [Fact]
    public async Task A_structure_of_more_posts_than_one_response_reads_is_refused_not_cut_short()
    {
        var council = await _client.CreateOrganisationAsync(Register.Organisation("Too large Council", gss: Support.Agreements.UniqueGss()));
        // staged in SQL (the recording triggers off for this session): 5,001 posts through the API would take minutes
        await Sql.ExecuteAsync(api.ConnectionString, $"""
            SET session_replication_role = replica;
            INSERT INTO posts (id, organisation_id, title, starts_on, created_at, updated_at)
                SELECT gen_random_uuid(), '{council.Id}', 'Post ' || i, '2013-04-01', now(), now() FROM generate_series(1, {Infrastructure.People.OrganisationStructure.MaxRows + 1}) i;
            """);

        var problem = await (await _client.GetAsync($"/api/v1/organisations/{council.Id}/structure?on=2014-01-01")).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        var before = await StructureAsync(council.Id, "2013-03-31");

        Assert.Equal("urn:integration-governance:problem:structure-too-large", (string?)problem["type"]);
        Assert.Empty(before.Roots);
    }

    private static Api.Organisations.OrganisationRequest Board(string name, Guid partOf) =>
        Register.Organisation(name, OrganisationType.PartnershipBoard) with { PartOfId = partOf };

    private static AccountabilityLineRequest ToBody(PostResponse post, Guid body, Guid? basis) => new()
    {
        PostId = post.Id,
        ToBodyId = body,
        Kind = AccountabilityKind.GovernanceReporting,
        StartsOn = new DateOnly(2013, 4, 1),
        BasisAgreementId = basis,
    };

    /// <summary>The Mermaid text has a node for each node of the tree and an edge for each report, drawn as its kind.</summary>
    private static void AssertMermaidMatchesTree(StructureResponse structure)
    {
        var nodes = NodePattern().Matches(structure.Mermaid).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["label"].Value);
        var edges = EdgePattern().Matches(structure.Mermaid).Select(m => (From: m.Groups["from"].Value, Day: m.Groups["day"].Success, To: m.Groups["to"].Value)).ToList();
        var names = new Dictionary<Guid, string>();
        var expected = new List<(Guid From, bool Day, Guid To)>();
        void Walk(StructureNode node)
        {
            names[node.PostId] = Assert.Single(nodes, n => n.Value.Split("<br/>")[0] == node.Title && !names.ContainsValue(n.Key)).Key;
            foreach (var report in node.Reports)
            {
                expected.Add((node.PostId, report.ManagedAs == AccountabilityKind.OperationalManagement, report.PostId));
                Walk(report);
            }
        }
        foreach (var root in structure.Roots)
            Walk(root);

        Assert.Equal(names.Count, nodes.Count);
        Assert.Equal(expected.Select(e => (names[e.From], e.Day, names[e.To])).Order(), edges.Order());
    }

    [GeneratedRegex(@"^  (?<name>[px]\d+)\[""(?<label>[^""]*)""\]$", RegexOptions.Multiline)]
    private static partial Regex NodePattern();

    [GeneratedRegex(@"^  (?<from>[px]\d+) (?:-->|(?<day>-\.->\|day to day\|)) (?<to>[px]\d+)$", RegexOptions.Multiline)]
    private static partial Regex EdgePattern();

    private async Task<StructureResponse> StructureAsync(Guid organisation, string on) =>
        await (await _client.GetAsync($"/api/v1/organisations/{organisation}/structure?on={on}")).ReadAsync<StructureResponse>(HttpStatusCode.OK);
}
