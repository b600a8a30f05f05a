using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Common;
using IntegrationGovernance.Domain.People;

namespace IntegrationGovernance.UnitTests.People;

/// <summary>Posts and secondments changed from a date: titles over time, ends, extensions.</summary>
public sealed class PeopleChangesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly April2013 = new(2013, 4, 1);
    private static readonly Guid Council = Guid.NewGuid();
    private static readonly Guid Ccg = Guid.NewGuid();

    [Fact]
    public void A_title_changed_from_a_date_holds_from_that_day_and_the_old_one_before_it()
    {
        var post = Post.Create(Council, "Clinical Services Manager", "Dacorum locality", null, April2013, null, Now);

        post.ChangeTitle(new DateOnly(2015, 4, 1), "Locality Lead", null, Now);

        Assert.Equal(("Clinical Services Manager", "Dacorum locality"), Pair(post.TitleOn(new DateOnly(2015, 3, 31))));
        Assert.Equal(("Locality Lead", "Dacorum locality"), Pair(post.TitleOn(new DateOnly(2015, 4, 1))));
        Assert.Equal(("Clinical Services Manager", "Dacorum locality"), Pair(post.TitleOn(new DateOnly(2000, 1, 1))));
        Assert.Equal("Locality Lead", post.Title);
        Assert.Equal(
            [new PostTitlePeriod(April2013, new DateOnly(2015, 3, 31), "Clinical Services Manager", "Dacorum locality"),
             new PostTitlePeriod(new DateOnly(2015, 4, 1), null, "Locality Lead", "Dacorum locality")],
            post.TitlePeriods());
    }

    [Fact]
    public void A_change_between_two_others_holds_until_the_next_and_an_empty_team_removes_it()
    {
        var post = Post.Create(Council, "Head of Service", "North", null, April2013, null, Now);
        post.ChangeTitle(new DateOnly(2016, 4, 1), "Head of Integrated Services", null, Now);

        post.ChangeTitle(new DateOnly(2014, 4, 1), null, "", Now);

        Assert.Equal(("Head of Service", null), Pair(post.TitleOn(new DateOnly(2015, 1, 1))));
        Assert.Equal(("Head of Integrated Services", "North"), Pair(post.TitleOn(new DateOnly(2017, 1, 1))));
        Assert.Equal(3, post.Titles.Count);
    }

    [Fact]
    public void Restating_the_earlier_title_from_a_changes_day_removes_that_change()
    {
        var post = Post.Create(Council, "Head of Service", null, null, April2013, null, Now);
        post.ChangeTitle(new DateOnly(2015, 4, 1), "Interim Head of Service", null, Now);

        post.ChangeTitle(new DateOnly(2015, 4, 1), "Head of Service", null, Now);

        Assert.Single(post.Titles);
        Assert.Equal("Head of Service", post.Title);
    }

    [Fact]
    public void A_change_outside_the_post_or_that_changes_nothing_is_refused()
    {
        var post = Post.Create(Council, "Head of Service", null, null, April2013, new DateOnly(2020, 3, 31), Now);

        var before = Assert.Throws<RegisterRuleException>(() => post.ChangeTitle(new DateOnly(2013, 3, 31), "Early", null, Now));
        var after = Assert.Throws<RegisterRuleException>(() => post.ChangeTitle(new DateOnly(2020, 4, 1), "Late", null, Now));
        var same = Assert.Throws<RegisterRuleException>(() => post.ChangeTitle(new DateOnly(2015, 4, 1), "Head of Service", null, Now));

        Assert.Equal(["change-outside-post", "change-outside-post", "change-changes-nothing"], new[] { before.Code, after.Code, same.Code });
        Assert.Equal(["$.title", "$.title", "$.team"], Post.CheckChange(null, null).Concat(Post.CheckChange(" ", new string('x', 201))).Select(p => p.Field));
    }

    [Fact]
    public void A_post_recorded_before_titles_were_dated_has_its_title_throughout()
    {
        var post = Post.Create(Council, "Head of Service", "South", null, April2013, null, Now);
        typeof(Post).GetProperty(nameof(Post.DatedTitles))!.SetValue(post, null);

        Assert.Equal([new PostTitle(April2013, "Head of Service", "South")], post.Titles);
        post.ChangeTitle(new DateOnly(2014, 4, 1), "Head of Services", null, Now);
        Assert.Equal(["Head of Service", "Head of Services"], post.Titles.Select(t => t.Title));
    }

    [Fact]
    public void A_post_is_not_ended_while_a_line_or_secondment_runs_past_the_end_and_the_refusal_names_them()
    {
        var post = Post.Create(Council, "Head of Service", null, null, April2013, null, Now);
        var other = Post.Create(Council, "Director", null, null, April2013, null, Now);
        var report = AccountabilityLine.Create(other.Id, post.Id, null, AccountabilityKind.LineManagement, April2013, null, null, Now);
        var endedEarlier = AccountabilityLine.Create(post.Id, other.Id, null, AccountabilityKind.LineManagement, April2013, new DateOnly(2015, 3, 31), null, Now);
        var placed = Secondment.Create("E1", Ccg, Council, Guid.NewGuid(), April2013, null, 1m, KeptBy.Employer, KeptBy.Employer, post.Id, null, null, Now);

        var refused = Assert.Throws<RegisterRuleException>(() => post.End(new DateOnly(2016, 3, 31), false, [report, endedEarlier], [placed], [], [], Now));
        post.End(new DateOnly(2016, 3, 31), false, [endedEarlier], [], [], [], Now);

        Assert.Equal(("post-still-in-use", RuleKind.Conflict), (refused.Code, refused.Kind));
        Assert.Contains(report.Id.ToString(), refused.Message, StringComparison.Ordinal);
        Assert.Contains(placed.Id.ToString(), refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(endedEarlier.Id.ToString(), refused.Message, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2016, 3, 31), post.EndsOn);
    }

    [Fact]
    public void Ending_a_post_later_than_its_end_needs_extend_and_a_title_change_after_the_end_stops_it()
    {
        var post = Post.Create(Council, "Head of Service", null, null, April2013, new DateOnly(2016, 3, 31), Now);
        post.ChangeTitle(new DateOnly(2015, 4, 1), "Head of Services", null, Now);

        var revived = Assert.Throws<RegisterRuleException>(() => post.End(new DateOnly(2017, 3, 31), false, [], [], [], [], Now));
        var cut = Assert.Throws<RegisterRuleException>(() => post.End(new DateOnly(2015, 3, 31), false, [], [], [], [], Now));
        post.End(new DateOnly(2017, 3, 31), true, [], [], [], [], Now);

        Assert.Equal(["post-already-ended", "post-changes-after-end"], new[] { revived.Code, cut.Code });
        Assert.Equal(new DateOnly(2017, 3, 31), post.EndsOn);
        Assert.Equal(["$.endsOn"], post.CheckEnd(new DateOnly(2013, 3, 31)).Select(p => p.Field));
    }

    [Fact]
    public void A_secondment_is_shortened_freely_but_extended_only_within_its_agreement_and_host_post()
    {
        var agreement = Agreements.AgreementFixtures.Active(new AgreementDetails("S113-ENDS", "Section 113", null, StatutoryBasis.Section113LocalGovernmentAct1972, [], [], [],
            [new AgreementParty(Council, PartyRole.Host), new AgreementParty(Ccg, PartyRole.Provider)], null, April2013, new DateOnly(2016, 3, 31), null, null, null, [], false), Now);
        var hostPost = Post.Create(Council, "Locality Lead", null, null, April2013, new DateOnly(2015, 9, 30), Now);
        var secondment = Secondment.Create("E1", Ccg, Council, agreement.Id, April2013, new DateOnly(2015, 3, 31), 1m, KeptBy.Employer, KeptBy.Employer, null, null, null, Now);
        var placed = Secondment.Create("E2", Ccg, Council, agreement.Id, April2013, new DateOnly(2015, 3, 31), 1m, KeptBy.Employer, KeptBy.Employer, hostPost.Id, null, null, Now);

        secondment.ChangeEndDate(new DateOnly(2014, 3, 31), null, null, Now);
        secondment.ChangeEndDate(new DateOnly(2016, 3, 31), agreement, null, Now);
        var outlasts = Assert.Throws<RegisterRuleException>(() => secondment.ChangeEndDate(new DateOnly(2016, 4, 1), agreement, null, Now));
        var open = Assert.Throws<RegisterRuleException>(() => secondment.ChangeEndDate(null, agreement, null, Now));
        var outsidePost = Assert.Throws<RegisterRuleException>(() => placed.ChangeEndDate(new DateOnly(2016, 3, 31), agreement, hostPost, Now));

        Assert.Equal(new DateOnly(2016, 3, 31), secondment.EndsOn);
        Assert.Equal(["authorising-agreement-required", "authorising-agreement-required", "outside-host-post"], new[] { outlasts.Code, open.Code, outsidePost.Code });
        Assert.Equal(["$.endsOn"], secondment.CheckEndDate(new DateOnly(2013, 3, 31)).Select(p => p.Field));
    }

    [Fact]
    public void A_secondment_against_the_section_113_direction_is_not_extended()
    {
        // the arrangement places the CCG's staff at the council's disposal; a council secondment to the CCG does not rest on it
        var agreement = Agreements.AgreementFixtures.Active(new AgreementDetails("S113-DIR", "Section 113", null, StatutoryBasis.Section113LocalGovernmentAct1972, [], [], [],
            [new AgreementParty(Council, PartyRole.Host), new AgreementParty(Ccg, PartyRole.Provider)], null, April2013, null, null, null, null, [], false), Now);
        var wrongWay = Secondment.Create("E3", Council, Ccg, agreement.Id, April2013, new DateOnly(2014, 3, 31), 1m, KeptBy.Employer, KeptBy.Employer, null, null, null, Now);

        var refused = Assert.Throws<RegisterRuleException>(() => wrongWay.ChangeEndDate(new DateOnly(2015, 3, 31), agreement, null, Now));

        Assert.Contains("Under section 113", refused.Message, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2014, 3, 31), wrongWay.EndsOn);
    }

    [Fact]
    public void A_post_records_a_bounded_number_of_titles_and_refuses_one_more()
    {
        var post = Post.Create(Council, "Title 1", null, null, April2013, null, Now);
        for (var i = 1; i < Post.MaxTitles; i++)
            post.ChangeTitle(April2013.AddDays(i), $"Title {i + 1}", null, Now);

        var refused = Assert.Throws<RegisterRuleException>(() => post.ChangeTitle(April2013.AddDays(Post.MaxTitles), "One more", null, Now));

        Assert.Equal("too-many-entries", refused.Code);
        Assert.Equal(Post.MaxTitles, post.Titles.Count);
        Assert.Equal($"Title {Post.MaxTitles}", post.Title);
    }

    private static (string Title, string? Team) Pair(PostTitle title) => (title.Title, title.Team);
}
