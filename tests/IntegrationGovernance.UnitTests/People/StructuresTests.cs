using IntegrationGovernance.Api.People;
using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.People;
using IntegrationGovernance.Infrastructure.People;

namespace IntegrationGovernance.UnitTests.People;

public sealed class StructuresTests
{
    private static readonly Guid Council = Guid.NewGuid();
    private static readonly Guid Ccg = Guid.NewGuid();
    private static readonly Guid Basis = Guid.NewGuid();

    [Fact]
    public void A_placed_post_managed_by_two_posts_here_is_shown_once_under_its_line_manager()
    {
        var (director, deputy) = (Post("Director", Council), Post("Deputy", Council));
        var coo = Post("Chief Operating Officer", Ccg);
        var placed = new[] { Line(coo, deputy, AccountabilityKind.OperationalManagement), Line(coo, director, AccountabilityKind.LineManagement) };

        var structure = Structures.Build(new StructureSource(Council, new DateOnly(2014, 1, 1), [deputy, director], [Line(deputy, director, AccountabilityKind.LineManagement)], placed));

        var root = Assert.Single(structure.Roots);
        Assert.Equal([deputy.Id, coo.Id], root.Reports.Select(r => r.PostId));
        Assert.Empty(root.Reports[0].Reports);
        var shown = root.Reports[1];
        Assert.Equal((AccountabilityKind.LineManagement, Ccg, "S113-REF"), (shown.ManagedAs, shown.Placement!.EmployerId, shown.Placement.BasisReference));
        Assert.Equal(2, shown.Managers.Count);
        Assert.Equal(2, structure.Mermaid.Split('\n').Count(l => l.Contains(" --> ", StringComparison.Ordinal)));
        Assert.DoesNotContain("day to day", structure.Mermaid, StringComparison.Ordinal);
    }

    [Fact]
    public void A_post_whose_only_manager_is_elsewhere_is_a_root_labelled_with_that_manager()
    {
        var coo = Post("Chief Operating Officer", Ccg, team: "Acute commissioning");
        var director = Post("Strategic Director", Council);

        var structure = Structures.Build(new StructureSource(Ccg, new DateOnly(2014, 1, 1), [coo], [Line(coo, director, AccountabilityKind.OperationalManagement)], []));

        var root = Assert.Single(structure.Roots);
        Assert.Equal((coo.Id, "Acute commissioning", (AccountabilityKind?)null), (root.PostId, root.Team, root.ManagedAs));
        Assert.True(Assert.Single(root.Managers).AcrossOrganisations);
        Assert.Equal("graph TD\n  p1[\"Chief Operating Officer<br/>Acute commissioning<br/>managed day to day by Strategic Director, Council, under S113-REF\"]\n",
            structure.Mermaid);
    }

    private static StructurePost Post(string title, Guid organisation, string? team = null) =>
        new(Guid.NewGuid(), title, team, organisation, organisation == Council ? "Council" : "CCG");

    private static StructureLine Line(StructurePost post, StructurePost manager, AccountabilityKind kind) =>
        post.OrganisationId == manager.OrganisationId
            ? new(Guid.NewGuid(), post, manager, kind, null, null, null)
            : new(Guid.NewGuid(), post, manager, kind, Basis, "S113-REF", StatutoryBasis.Section113LocalGovernmentAct1972);
}
