using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Common;
using IntegrationGovernance.Domain.People;

namespace IntegrationGovernance.UnitTests.People;

public sealed class AccountabilityRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly April2013 = new(2013, 4, 1);
    private static readonly Guid Council = Guid.NewGuid();
    private static readonly Guid Ccg = Guid.NewGuid();

    private readonly Post _report = Post.Create(Council, "Divisional Director", null, null, April2013, null, Now);
    private readonly Post _manager = Post.Create(Council, "Strategic Director", null, null, April2013, null, Now);
    private readonly Post _other = Post.Create(Council, "Interim Director", null, null, April2013, null, Now);

    [Fact]
    public void A_line_names_the_field_of_each_fault_of_its_own()
    {
        var line = Line(_report, _report) with { Kind = (AccountabilityKind)99, StartsOn = new DateOnly(2012, 1, 1), EndsOn = new DateOnly(2011, 1, 1) };

        var fields = AccountabilityRules.Check(line, _report, null, null, false).Select(p => p.Field);

        Assert.Equal(["$.kind", "$.endsOn", "$.startsOn", "$.toPostId"], fields);
    }

    [Fact]
    public void A_line_gives_exactly_one_existing_post_or_body_to_be_accountable_to()
    {
        var neither = Line(_report, _manager) with { ToPostId = null };
        var both = Line(_report, _manager) with { ToBodyId = Council };
        var unknownBody = Line(_report, _manager) with { ToPostId = null, ToBodyId = Guid.NewGuid() };

        Assert.Equal(["$.toPostId"], AccountabilityRules.Check(neither, _report, null, null, false).Select(p => p.Field));
        Assert.Equal(["$.toPostId"], AccountabilityRules.Check(both, _report, null, _manager, true).Select(p => p.Field));
        Assert.Equal(["$.toBodyId"], AccountabilityRules.Check(unknownBody, _report, null, null, false).Select(p => p.Field));
        Assert.Contains("No post", AccountabilityRules.Check(Line(_report, _manager), _report, null, null, false).Single().Message);
        Assert.Empty(AccountabilityRules.Check(Line(_report, _manager), _report, null, _manager, false));
    }

    [Fact]
    public void A_line_lies_within_the_periods_of_both_posts()
    {
        var ended = Post.Create(Council, "Head of Service", null, null, April2013, new DateOnly(2015, 3, 31), Now);
        var later = Post.Create(Council, "New Director", null, null, new DateOnly(2014, 4, 1), null, Now);

        var fromEnded = AccountabilityRules.Check(Line(ended, _manager), ended, null, _manager, false).Single();
        var toEnded = AccountabilityRules.Check(Line(_report, ended), _report, null, ended, false).Single();
        var toLater = AccountabilityRules.Check(Line(_report, later), _report, null, later, false).Single();

        Assert.Equal(("$.endsOn", true), (fromEnded.Field, fromEnded.Message.Contains("2015-03-31", StringComparison.Ordinal)));
        Assert.Equal("$.endsOn", toEnded.Field);
        Assert.Equal("$.toPostId", toLater.Field);
        Assert.Empty(AccountabilityRules.Check(Line(ended, _manager) with { EndsOn = new DateOnly(2015, 3, 31) }, ended, null, _manager, false));
    }

    [Fact]
    public void A_second_line_manager_is_refused_only_while_the_first_line_runs()
    {
        var first = Recorded(_report, _manager, ends: new DateOnly(2015, 3, 31));

        var during = Assert.Throws<RegisterRuleException>(() => Ensure(Line(_report, _other) with { StartsOn = new DateOnly(2015, 1, 1) }, first));
        Ensure(Line(_report, _other) with { StartsOn = new DateOnly(2015, 4, 1) }, first);
        Ensure(Line(_report, _other) with { Kind = AccountabilityKind.DottedLine }, first);

        Assert.Equal("second-line-manager", during.Code);
        Assert.Contains(first.Id.ToString(), during.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_changed_is_not_refused_because_of_itself()
    {
        var first = Recorded(_report, _manager, ends: new DateOnly(2015, 3, 31));

        Ensure(ProposedLine.Of(first) with { EndsOn = new DateOnly(2016, 3, 31) }, first);
    }

    [Fact]
    public void The_same_line_over_overlapping_days_is_a_conflict()
    {
        var dotted = Recorded(_report, _manager, kind: AccountabilityKind.DottedLine);

        var again = Assert.Throws<RegisterRuleException>(() => Ensure(Line(_report, _manager) with { Kind = AccountabilityKind.DottedLine, StartsOn = new DateOnly(2014, 1, 1) }, dotted));

        Assert.Equal(("duplicate-line", RuleKind.Conflict), (again.Code, again.Kind));
    }

    [Theory]
    [InlineData(AccountabilityKind.LineManagement, true)]
    [InlineData(AccountabilityKind.DottedLine, false)]
    public void Only_a_hierarchy_is_refused_for_closing_a_circle(AccountabilityKind kind, bool refused)
    {
        var line = Line(_manager, _report) with { Kind = kind };

        var refusal = Record.Exception(() => AccountabilityRules.Ensure(line, Council, Council, [], closesCycle: true, basis: null));

        Assert.Equal(refused, refusal is RegisterRuleException { Code: "accountability-cycle" });
        Assert.Equal(refused, AccountabilityRules.MayCloseCycle(line));
    }

    [Fact]
    public void A_line_across_organisations_needs_its_basis_and_one_within_an_organisation_does_not()
    {
        var coo = Post.Create(Ccg, "Chief Operating Officer", null, null, April2013, null, Now);
        var basis = Agreements.AgreementFixtures.Active(new AgreementDetails("S113-RULES", "Section 113", null, StatutoryBasis.Section113LocalGovernmentAct1972, [], [], [],
            [new AgreementParty(Council, PartyRole.Host), new AgreementParty(Ccg, PartyRole.Provider)], null, April2013, null, null, null, null, [], false), Now);
        var across = Line(coo, _manager);

        var none = Assert.Throws<RegisterRuleException>(() => AccountabilityRules.Ensure(across, coo.OrganisationId, _manager.OrganisationId, [], false, null));
        AccountabilityRules.Ensure(across, coo.OrganisationId, _manager.OrganisationId, [], false, basis);
        AccountabilityRules.Ensure(Line(_report, _manager), _report.OrganisationId, _manager.OrganisationId, [], false, null);

        Assert.Equal("basis-agreement-required", none.Code);
        Assert.Equal(Council, AccountabilityRules.SideOrganisation(_manager, null));
    }

    [Fact]
    public void Ending_a_line_that_had_ended_earlier_needs_to_say_it_extends_it()
    {
        var line = Recorded(_report, _manager, ends: new DateOnly(2015, 3, 31));

        var revived = Assert.Throws<RegisterRuleException>(() => line.End(new DateOnly(2016, 3, 31), extend: false));
        var shorter = line.End(new DateOnly(2014, 3, 31), extend: false);
        var longer = line.End(new DateOnly(2016, 3, 31), extend: true);

        Assert.Equal(("line-already-ended", RuleKind.Conflict), (revived.Code, revived.Kind));
        Assert.False(shorter);
        Assert.True(longer);
        Assert.Equal(new DateOnly(2016, 3, 31), line.EndsOn);
        Assert.Equal(["$.endsOn"], line.CheckEnd(new DateOnly(2013, 3, 31)).Select(p => p.Field));
    }

    private void Ensure(ProposedLine line, params AccountabilityLine[] lines) =>
        AccountabilityRules.Ensure(line, _report.OrganisationId, (line.ToPostId == _other.Id ? _other : _manager).OrganisationId, lines, false, null);

    private static ProposedLine Line(Post from, Post to) =>
        new(null, from.Id, to.Id, null, AccountabilityKind.LineManagement, April2013, null, null);

    private static AccountabilityLine Recorded(Post from, Post to, DateOnly? ends = null, AccountabilityKind kind = AccountabilityKind.LineManagement) =>
        AccountabilityLine.Create(from.Id, to.Id, null, kind, April2013, ends, null, Now);
}
