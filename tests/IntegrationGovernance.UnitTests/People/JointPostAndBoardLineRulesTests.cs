using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Common;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.Domain.People;

namespace IntegrationGovernance.UnitTests.People;

public sealed class JointPostAndBoardLineRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly April2008 = new(2008, 4, 1);
    private static readonly Guid Council = Guid.NewGuid();
    private static readonly Guid Pct = Guid.NewGuid();

    private readonly Post _chiefExecutive = Post.Create(Pct, "Chief Executive and Director of Adult Social Services", null, null, April2008, new DateOnly(2011, 6, 30), Now);

    [Fact]
    public void A_joint_post_is_held_for_another_organisation_within_the_posts_period()
    {
        var own = JointArrangement.Check(_chiefExecutive, Pct, true, April2008, null).Select(p => p.Field);
        var unknown = JointArrangement.Check(_chiefExecutive, Guid.NewGuid(), false, April2008, null).Select(p => p.Field);
        var pastPost = JointArrangement.Check(_chiefExecutive, Council, true, April2008, null).Single();

        Assert.Equal(["$.organisationId", "$.endsOn"], own);
        Assert.Equal(["$.organisationId", "$.endsOn"], unknown);
        Assert.Contains("2011-06-30", pastPost.Message, StringComparison.Ordinal);
        Assert.Empty(JointArrangement.Check(_chiefExecutive, Council, true, April2008, new DateOnly(2011, 6, 30)));
    }

    [Fact]
    public void A_joint_post_rests_on_an_agreement_naming_both_and_under_section_113_its_employer_places_the_officer()
    {
        var section75 = Basis(StatutoryBasis.Section75NhsAct2006, (Pct, PartyRole.Host), (Council, PartyRole.Partner));
        var placedByEmployer = Basis(StatutoryBasis.Section113LocalGovernmentAct1972, (Council, PartyRole.Host), (Pct, PartyRole.Provider));
        var wrongWay = Basis(StatutoryBasis.Section113LocalGovernmentAct1972, (Pct, PartyRole.Host), (Council, PartyRole.Provider));
        var ends = new DateOnly(2011, 6, 30);

        JointArrangement.Ensure(_chiefExecutive, Council, April2008, ends, section75, []);
        JointArrangement.Ensure(_chiefExecutive, Council, April2008, ends, placedByEmployer, []);
        var none = Assert.Throws<RegisterRuleException>(() => JointArrangement.Ensure(_chiefExecutive, Council, April2008, ends, null, []));
        var reversed = Assert.Throws<RegisterRuleException>(() => JointArrangement.Ensure(_chiefExecutive, Council, April2008, ends, wrongWay, []));
        var unrelated = Assert.Throws<RegisterRuleException>(() => JointArrangement.Ensure(_chiefExecutive, Guid.NewGuid(), April2008, ends, section75, []));

        Assert.Equal(("basis-agreement-required", "$.basisAgreementId"), (none.Code, none.Field));
        Assert.Contains("joint post", none.Message, StringComparison.Ordinal);
        Assert.Contains("is not a Provider", reversed.Message, StringComparison.Ordinal);
        Assert.Contains("does not name both", unrelated.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_post_is_held_once_for_an_organisation_over_any_day_and_ending_an_ended_arrangement_later_needs_extend()
    {
        var basis = Basis(StatutoryBasis.Section75NhsAct2006, (Pct, PartyRole.Host), (Council, PartyRole.Partner));
        var first = JointArrangement.Create(_chiefExecutive.Id, Council, basis.Id, April2008, new DateOnly(2009, 3, 31), Now);

        var twice = Assert.Throws<RegisterRuleException>(() => JointArrangement.Ensure(_chiefExecutive, Council, new DateOnly(2009, 1, 1), null, basis, [first]));
        JointArrangement.Ensure(_chiefExecutive, Council, new DateOnly(2009, 4, 1), new DateOnly(2011, 6, 30), basis, [first]);
        var revived = Assert.Throws<RegisterRuleException>(() => first.End(new DateOnly(2010, 3, 31), extend: false, Now));

        Assert.Equal(("duplicate-joint-arrangement", RuleKind.Conflict), (twice.Code, twice.Kind));
        Assert.Equal("arrangement-already-ended", revived.Code);
        Assert.True(first.End(new DateOnly(2010, 3, 31), extend: true, Now));
    }

    [Fact]
    public void Ending_a_post_is_refused_while_its_joint_arrangement_runs_past_the_day()
    {
        var post = Post.Create(Council, "Head of Strategy", null, null, April2008, null, Now);
        var arrangement = JointArrangement.Create(post.Id, Pct, Guid.NewGuid(), April2008, null, Now);

        var refused = Assert.Throws<RegisterRuleException>(() => post.End(new DateOnly(2013, 3, 31), false, [], [], [], [arrangement], Now));

        Assert.Equal("post-still-in-use", refused.Code);
        Assert.Contains($"joint arrangement {arrangement.Id}", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AccountabilityKind.GovernanceReporting, true)]
    [InlineData(AccountabilityKind.StatutoryDelegation, true)]
    [InlineData(AccountabilityKind.LineManagement, false)]
    [InlineData(AccountabilityKind.OperationalManagement, false)]
    [InlineData(AccountabilityKind.ClinicalSupervision, false)]
    [InlineData(AccountabilityKind.DottedLine, false)]
    public void A_board_is_accountable_only_by_the_kinds_that_suit_a_body(AccountabilityKind kind, bool allowed)
    {
        var (board, cabinet) = (Board("Children's Trust Board", null), Board("Cabinet", Council));

        var problems = AccountabilityRules.Check(FromBoard(board, kind) with { ToBodyId = cabinet.Id }, null, board, null, true);

        Assert.Equal(allowed, problems.Count == 0);
        if (!allowed)
            Assert.Equal("$.kind", Assert.Single(problems).Field);
    }

    [Fact]
    public void A_boards_line_is_from_an_operating_governance_body_to_another_side_than_itself()
    {
        var board = Board("Children's Trust Board", null, closes: new DateOnly(2013, 3, 31));
        var council = Organisation.Create(new OrganisationDetails("Council", OrganisationType.UnitaryAuthority, null, "E06000001", null, null), Now);

        Assert.Equal(["$.postId"], AccountabilityRules.Check(FromBoard(board) with { PostId = Guid.NewGuid() }, null, board, null, true).Select(p => p.Field));
        Assert.Equal(["$.fromBodyId"], AccountabilityRules.Check(FromBoard(board), null, null, null, true).Select(p => p.Field));
        Assert.Equal(["$.fromBodyId"], AccountabilityRules.Check(FromBoard(council), null, council, null, true).Select(p => p.Field));
        Assert.Equal(["$.endsOn"], AccountabilityRules.Check(FromBoard(board) with { EndsOn = null }, null, board, null, true).Select(p => p.Field));
        Assert.Equal(["$.toBodyId"], AccountabilityRules.Check(FromBoard(board) with { ToBodyId = board.Id }, null, board, null, true).Select(p => p.Field));
    }

    [Fact]
    public void A_board_counts_as_the_organisation_it_is_part_of_and_a_partnership_board_as_none()
    {
        var (trustBoard, cabinet, pctBoard) = (Board("Children's Trust Board", null), Board("Cabinet", Council), Board("PCT Board", Pct));
        var arrangement = Basis(StatutoryBasis.Section10ChildrenAct2004, (Council, PartyRole.Host), (Pct, PartyRole.Partner));
        var toCabinet = FromBoard(trustBoard) with { ToBodyId = cabinet.Id };
        var cabinetToPctBoard = FromBoard(cabinet) with { ToBodyId = pctBoard.Id };

        Assert.Equal(Council, AccountabilityRules.SideOrganisation(null, cabinet));
        Assert.Null(AccountabilityRules.SideOrganisation(null, trustBoard));
        // a partnership board reports to a council's Cabinet on an agreement naming the council
        Assert.Null(AccountabilityRules.BasisProblem(toCabinet, null, Council, arrangement));
        Assert.Contains("none was given", AccountabilityRules.BasisProblem(toCabinet, null, Council, null), StringComparison.Ordinal);
        // the council's board to the PCT's, across organisations: an agreement naming both, as any line across them
        Assert.Null(AccountabilityRules.BasisProblem(cabinetToPctBoard, Council, Pct, arrangement));
        Assert.Contains("does not name both",
            AccountabilityRules.BasisProblem(cabinetToPctBoard, Council, Pct, Basis(StatutoryBasis.Section75NhsAct2006, (Council, PartyRole.Host), (Guid.NewGuid(), PartyRole.Partner))),
            StringComparison.Ordinal);
        // within one organisation, or between two partnership boards, none is needed
        Assert.Null(AccountabilityRules.BasisProblem(cabinetToPctBoard, Council, Council, null));
        Assert.Null(AccountabilityRules.BasisProblem(toCabinet, null, null, null));
    }

    [Fact]
    public void A_boards_reporting_lines_never_run_in_a_circle()
    {
        var (board, cabinet) = (Board("Children's Trust Board", null), Board("Cabinet", Council));
        var line = FromBoard(board) with { ToBodyId = cabinet.Id };

        var circle = Assert.Throws<RegisterRuleException>(() => AccountabilityRules.Ensure(line, null, Council, [], closesCycle: true, basis: null));

        Assert.True(AccountabilityRules.MayCloseCycle(line));
        Assert.Equal(("accountability-cycle", "$.toBodyId"), (circle.Code, circle.Field));
        Assert.Contains("board", circle.Message, StringComparison.Ordinal);
    }

    private static ProposedLine FromBoard(Organisation board, AccountabilityKind kind = AccountabilityKind.GovernanceReporting) =>
        new(null, null, null, Guid.NewGuid(), kind, new DateOnly(2007, 7, 1), new DateOnly(2013, 3, 31), null, board.Id);

    private static Organisation Board(string name, Guid? partOf, DateOnly? closes = null) =>
        Organisation.Create(new OrganisationDetails(name, OrganisationType.PartnershipBoard, null, null, null, closes, partOf), Now);

    private static Agreement Basis(StatutoryBasis basis, params (Guid Organisation, PartyRole Role)[] parties) =>
        Agreements.AgreementFixtures.Active(new AgreementDetails($"BASIS-{Guid.NewGuid():N}"[..20], "Basis", null, basis,
            basis is StatutoryBasis.Section75NhsAct2006 ? [Flexibility.PooledFund] : [], [], [],
            [.. parties.Select(p => new AgreementParty(p.Organisation, p.Role))], null, new DateOnly(2007, 4, 1), new DateOnly(2013, 3, 31), null, null, null, [], false), Now);
}
