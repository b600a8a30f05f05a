using IntegrationGovernance.Domain.Common;
using IntegrationGovernance.Domain.People;

namespace IntegrationGovernance.UnitTests.People;

public sealed class HoldingRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Pct = Guid.NewGuid();
    private static readonly DateOnly October2006 = new(2006, 10, 1);

    private readonly Post _lead = Post.Create(Pct, "Service Lead", "St Albans and Harpenden locality", null, October2006, new DateOnly(2007, 9, 30), Now);
    private readonly Post _visitor = Post.Create(Pct, "Health Visitor", "St Albans and Harpenden locality", null, October2006, null, Now);

    [Fact]
    public void A_holding_names_the_field_of_each_fault_of_its_own()
    {
        var fields = PostHolding.Check(_lead.Id, " ", (HoldingKind)9, new DateOnly(2007, 1, 1), new DateOnly(2006, 12, 31), _lead.Id).Select(p => p.Field);
        var substantiveReturning = PostHolding.Check(_lead.Id, "E1", HoldingKind.Substantive, October2006, null, _visitor.Id).Single();
        var returningToItself = PostHolding.Check(_lead.Id, "E1", HoldingKind.Acting, October2006, null, _lead.Id).Single();

        Assert.Equal(["$.holderReference", "$.kind", "$.endsOn", "$.returnsToPostId"], fields);
        Assert.Equal("$.returnsToPostId", substantiveReturning.Field);
        Assert.Contains("another post", returningToItself.Message, StringComparison.Ordinal);
        Assert.Empty(PostHolding.Check(_lead.Id, "E1", HoldingKind.Acting, October2006, null, _visitor.Id));
    }

    [Fact]
    public void A_holding_lies_within_its_post_and_returns_to_a_post_running_on_the_day_of_return()
    {
        var beforePost = HoldingRules.Check(Proposed(HoldingKind.Substantive, new DateOnly(2006, 9, 1), new DateOnly(2007, 9, 30)), _lead, null).Single();
        var pastPost = HoldingRules.Check(Proposed(HoldingKind.Substantive, October2006, null), _lead, null).Single();
        var ended = Post.Create(Pct, "Health Visitor", null, null, October2006, new DateOnly(2007, 6, 30), Now);
        var returnsToEnded = HoldingRules.Check(Proposed(HoldingKind.Acting, October2006, new DateOnly(2007, 9, 30), ended.Id), _lead, ended).Single();
        var missing = HoldingRules.Check(Proposed(HoldingKind.Acting, October2006, new DateOnly(2007, 9, 30), Guid.NewGuid()), _lead, null).Single();

        Assert.Equal("$.startsOn", beforePost.Field);
        Assert.Equal(("$.endsOn", true), (pastPost.Field, pastPost.Message.Contains("2007-09-30", StringComparison.Ordinal)));
        Assert.Equal(("$.returnsToPostId", true), (returnsToEnded.Field, returnsToEnded.Message.Contains("2007-10-01", StringComparison.Ordinal)));
        Assert.Equal("No post with this id.", missing.Message);
        Assert.Empty(HoldingRules.Check(Proposed(HoldingKind.Acting, October2006, new DateOnly(2007, 9, 30), _visitor.Id), _lead, _visitor));
    }

    [Fact]
    public void A_post_has_one_substantive_holder_at_a_time_and_one_covering_holder_beside_it()
    {
        var substantive = Held(_lead, "E1", HoldingKind.Substantive, October2006, new DateOnly(2007, 3, 31));
        var acting = Held(_lead, "E2", HoldingKind.Acting, new DateOnly(2007, 1, 1), new DateOnly(2007, 2, 28));

        var second = Assert.Throws<RegisterRuleException>(() => HoldingRules.Ensure(Proposed(HoldingKind.Substantive, new DateOnly(2007, 3, 1), new DateOnly(2007, 9, 30), holder: "E3"), [substantive, acting], []));
        var secondCover = Assert.Throws<RegisterRuleException>(() => HoldingRules.Ensure(Proposed(HoldingKind.Interim, new DateOnly(2007, 2, 1), new DateOnly(2007, 9, 30), holder: "E3"), [substantive, acting], []));
        HoldingRules.Ensure(Proposed(HoldingKind.Substantive, new DateOnly(2007, 4, 1), new DateOnly(2007, 9, 30), holder: "E3"), [substantive, acting], []);
        HoldingRules.Ensure(Proposed(HoldingKind.Interim, new DateOnly(2007, 3, 1), new DateOnly(2007, 9, 30), holder: "E3"), [substantive, acting], []);

        Assert.Equal(("holding-overlap", "$.startsOn", RuleKind.Unprocessable), (second.Code, second.Field, second.Kind));
        Assert.Contains(substantive.Id.ToString(), second.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("E1", second.Message, StringComparison.Ordinal);
        Assert.Equal("holding-overlap", secondCover.Code);
        Assert.Contains(acting.Id.ToString(), secondCover.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void One_person_holds_a_post_once_on_any_day_and_a_holding_changed_is_not_refused_because_of_itself()
    {
        var substantive = Held(_lead, "E1", HoldingKind.Substantive, October2006, null);

        var twice = Assert.Throws<RegisterRuleException>(() => HoldingRules.Ensure(Proposed(HoldingKind.Acting, new DateOnly(2007, 1, 1), new DateOnly(2007, 9, 30), holder: "E1"), [substantive], []));
        HoldingRules.Ensure(ProposedHolding.Of(substantive) with { EndsOn = new DateOnly(2007, 9, 30) }, [substantive], []);

        Assert.Equal(("holder-already-holds-post", "$.holderReference"), (twice.Code, twice.Field));
    }

    [Fact]
    public void An_acting_holder_returns_to_their_own_substantive_post_not_one_held_by_another()
    {
        var own = Held(_visitor, "E2", HoldingKind.Substantive, October2006, null);
        var another = Held(_visitor, "E9", HoldingKind.Substantive, October2006, null);
        var acting = Proposed(HoldingKind.Acting, October2006, new DateOnly(2007, 9, 30), _visitor.Id, "E2");

        HoldingRules.Ensure(acting, [], [own]);
        var taken = Assert.Throws<RegisterRuleException>(() => HoldingRules.Ensure(acting, [], [another]));

        Assert.Equal(("returns-to-post-held", "$.returnsToPostId"), (taken.Code, taken.Field));
        Assert.Equal(new DateOnly(2007, 10, 1), acting.ReturnDay);
    }

    [Fact]
    public void The_holder_in_force_is_the_one_covering_the_post_else_its_substantive_holder_and_an_ended_post_answers_for_its_last_day()
    {
        var substantive = Held(_lead, "E1", HoldingKind.Substantive, October2006, new DateOnly(2007, 9, 30));
        var acting = Held(_lead, "E2", HoldingKind.Acting, new DateOnly(2007, 1, 1), new DateOnly(2007, 2, 28));

        Assert.Equal("E1", HoldingRules.InForce([substantive, acting], new DateOnly(2006, 12, 31))!.HolderReference);
        Assert.Equal("E2", HoldingRules.InForce([substantive, acting], new DateOnly(2007, 1, 1))!.HolderReference);
        Assert.Equal("E1", HoldingRules.InForce([substantive, acting], new DateOnly(2007, 3, 1))!.HolderReference);
        Assert.Null(HoldingRules.InForce([substantive, acting], new DateOnly(2007, 10, 1)));
        Assert.Equal(new DateOnly(2007, 9, 30), HoldingRules.DayFor(_lead, new DateOnly(2026, 12, 1)));
        Assert.Equal(October2006, HoldingRules.DayFor(_lead, new DateOnly(2000, 1, 1)));
        Assert.Equal(new DateOnly(2007, 5, 1), HoldingRules.DayFor(_lead, new DateOnly(2007, 5, 1)));
    }

    [Fact]
    public void Ending_a_post_ends_its_holdings_with_it_and_is_refused_while_one_starts_later_or_returns_to_it()
    {
        var visitor = Post.Create(Pct, "Health Visitor", null, null, October2006, null, Now);
        var runsOn = Held(visitor, "E1", HoldingKind.Substantive, October2006, null);
        var later = Held(visitor, "E2", HoldingKind.Interim, new DateOnly(2009, 1, 1), null);
        var returning = PostHolding.Create(_lead.Id, "E1", HoldingKind.Acting, October2006, new DateOnly(2007, 9, 30), visitor.Id, Now);

        var startsLater = Assert.Throws<RegisterRuleException>(() => visitor.End(new DateOnly(2008, 3, 31), false, [], [], [runsOn, later], [], Now));
        var returnsAfter = Assert.Throws<RegisterRuleException>(() => visitor.End(new DateOnly(2007, 6, 30), false, [], [], [runsOn, returning], [], Now));
        visitor.End(new DateOnly(2008, 3, 31), false, [], [], [runsOn, returning], [], Now);

        Assert.Equal("post-still-in-use", startsLater.Code);
        Assert.Contains(later.Id.ToString(), startsLater.Message, StringComparison.Ordinal);
        Assert.Contains(returning.Id.ToString(), returnsAfter.Message, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2008, 3, 31), runsOn.EndsOn);
        Assert.Equal(new DateOnly(2007, 9, 30), returning.EndsOn);
    }

    private ProposedHolding Proposed(HoldingKind kind, DateOnly starts, DateOnly? ends, Guid? returnsTo = null, string holder = "E2") =>
        new(null, _lead.Id, holder, kind, starts, ends, returnsTo);

    private static PostHolding Held(Post post, string holder, HoldingKind kind, DateOnly starts, DateOnly? ends) =>
        PostHolding.Create(post.Id, holder, kind, starts, ends, null, Now);
}
