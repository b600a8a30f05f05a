using IntegrationGovernance.Domain.Common;
using IntegrationGovernance.Domain.PooledFunds;

namespace IntegrationGovernance.UnitTests.PooledFunds;

public sealed class LedgerPeriodTests
{
    private static readonly Guid Council = new("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid Pct = new("00000000-0000-0000-0000-00000000000b");
    private static readonly DateTimeOffset Now = new(2015, 7, 10, 16, 30, 0, TimeSpan.Zero);
    private static readonly PooledFund Fund = PooledFund.Create(Guid.CreateVersion7(), "Care pool", Council, null, new DateOnly(2012, 4, 1), new DateOnly(2017, 3, 31), Now);
    private static readonly MonthPeriod June2015 = MonthPeriod.Of(new FinancialYear(2015), 3);

    [Theory]
    [InlineData(1, "2015-04-01", "2015-04-30")]
    [InlineData(3, "2015-06-01", "2015-06-30")]
    [InlineData(10, "2016-01-01", "2016-01-31")]
    [InlineData(11, "2016-02-01", "2016-02-29")]
    [InlineData(12, "2016-03-01", "2016-03-31")]
    public void A_month_period_runs_from_the_first_to_the_last_day_of_its_month(int number, string first, string last)
    {
        var period = MonthPeriod.Of(new FinancialYear(2015), number);

        Assert.Equal((DateOnly.Parse(first), DateOnly.Parse(last)), (period.FirstDay, period.LastDay));
        Assert.Equal(period, MonthPeriod.Of(period.LastDay));
    }

    [Fact]
    public void A_period_is_written_with_its_number_year_and_month() =>
        Assert.Equal("P10 2015-16 (January 2016)", MonthPeriod.Of(new FinancialYear(2015), 10).ToString());

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    public void There_are_twelve_periods(int number)
    {
        Assert.False(MonthPeriod.IsNumber(number));
        Assert.Throws<ArgumentOutOfRangeException>(() => MonthPeriod.Of(new FinancialYear(2015), number));
    }

    [Fact]
    public void Only_the_host_or_an_admin_closes_a_fund_s_periods()
    {
        Assert.True(LedgerPeriod.MayBeClosedBy(Fund, Actor.For(Council)));
        Assert.True(LedgerPeriod.MayBeClosedBy(Fund, Actor.Administrator));
        Assert.False(LedgerPeriod.MayBeClosedBy(Fund, Actor.For(Pct)));
        Assert.False(LedgerPeriod.MayBeClosedBy(Fund, new Actor(null, false)));
    }

    [Fact]
    public void Closing_records_who_closed_the_period_and_when()
    {
        var closed = LedgerPeriod.Close(null, Fund, June2015, "council-finance", Council, Now);

        Assert.Equal((Fund.Id, 2015, 3, LedgerPeriodState.Closed), (closed.FundId, closed.FinancialYearStart, closed.Period, closed.State));
        Assert.Equal((Now, "council-finance", Council), (closed.ClosedAt, closed.ClosedBy, closed.ClosedByOrganisationId));
        Assert.Equal(June2015, closed.MonthPeriod);
    }

    [Fact]
    public void A_closed_period_is_not_closed_again()
    {
        var closed = LedgerPeriod.Close(null, Fund, June2015, "council-finance", Council, Now);

        var refused = Assert.Throws<RegisterRuleException>(() => LedgerPeriod.Close(closed, Fund, June2015, "council-finance", Council, Now.AddDays(1)));

        Assert.Equal(("period-already-closed", RuleKind.Conflict), (refused.Code, refused.Kind));
        Assert.Equal(Now, closed.ClosedAt);
    }

    [Theory]
    [InlineData(2011, 12)]
    [InlineData(2017, 1)]
    public void A_period_in_which_the_fund_does_not_run_is_not_one_of_its_periods(int year, int number)
    {
        var refused = Assert.Throws<RegisterRuleException>(() =>
            LedgerPeriod.Close(null, Fund, MonthPeriod.Of(new FinancialYear(year), number), "council-finance", Council, Now));

        Assert.Equal(("period-outside-fund", RuleKind.Unprocessable, "period"), (refused.Code, refused.Kind, refused.Field));
    }

    [Fact]
    public void Reopening_says_why_and_a_reopened_period_closes_again_as_the_same_record()
    {
        var closed = LedgerPeriod.Close(null, Fund, June2015, "council-finance", Council, Now);

        var reopened = LedgerPeriod.Reopen(closed, June2015, "register-admin", "  Wrong cost centre ", Now.AddDays(2));
        var again = LedgerPeriod.Close(reopened, Fund, June2015, "council-finance", Council, Now.AddDays(3));

        Assert.Same(closed, again);
        Assert.Equal((LedgerPeriodState.Closed, Now.AddDays(3)), (again.State, again.ClosedAt));
        Assert.Equal((Now.AddDays(2), "register-admin", "Wrong cost centre"), (again.ReopenedAt, again.ReopenedBy, again.ReopenReason));
    }

    [Fact]
    public void An_open_period_or_one_never_closed_is_not_reopened()
    {
        var reopened = LedgerPeriod.Reopen(LedgerPeriod.Close(null, Fund, June2015, "council-finance", Council, Now), June2015, "register-admin", "Why", Now);

        Assert.Equal("period-not-closed", Assert.Throws<RegisterRuleException>(() => LedgerPeriod.Reopen(reopened, June2015, "register-admin", "Again", Now)).Code);
        Assert.Equal("period-not-closed", Assert.Throws<RegisterRuleException>(() => LedgerPeriod.Reopen(null, June2015, "register-admin", "Why", Now)).Code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_reopening_without_a_reason_is_refused(string? reason) =>
        Assert.Equal("reason", Assert.Single(LedgerPeriod.ReopenProblems(reason)).Field);

    [Fact]
    public void A_reason_is_at_most_a_thousand_characters()
    {
        Assert.Empty(LedgerPeriod.ReopenProblems(new string('x', LedgerPeriod.MaxReasonLength)));
        Assert.Single(LedgerPeriod.ReopenProblems(new string('x', LedgerPeriod.MaxReasonLength + 1)));
    }

    [Fact]
    public void A_year_lists_its_twelve_periods_open_unless_recorded_closed()
    {
        var closed = LedgerPeriod.Close(null, Fund, June2015, "council-finance", Council, Now);
        var reopened = LedgerPeriod.Reopen(LedgerPeriod.Close(null, Fund, MonthPeriod.Of(new FinancialYear(2015), 4), "council-finance", Council, Now),
            MonthPeriod.Of(new FinancialYear(2015), 4), "register-admin", "Why", Now);
        var otherYear = LedgerPeriod.Close(null, Fund, MonthPeriod.Of(new FinancialYear(2014), 5), "council-finance", Council, Now);

        var year = LedgerPeriodStatus.OfYear(Fund.Id, new FinancialYear(2015), [closed, reopened, otherYear]);

        Assert.Equal(Enumerable.Range(1, 12), year.Select(p => p.Period.Number));
        Assert.Equal([3], year.Where(p => p.State == LedgerPeriodState.Closed).Select(p => p.Period.Number));
        Assert.Same(reopened, year[3].Record);
        Assert.Null(year[4].Record);
    }

    [Fact]
    public void A_line_dated_in_a_closed_period_is_refused_naming_its_date()
    {
        var closed = ClosedPeriods.Of([LedgerPeriod.Close(null, Fund, June2015, "council-finance", Council, Now)]);

        var refused = Assert.Throws<RegisterRuleException>(() => closed.EnsureOpen(new DateOnly(2015, 6, 30)));

        Assert.Equal(("period-closed", RuleKind.Conflict, "$.date"), (refused.Code, refused.Kind, refused.Field));
        Assert.StartsWith("P3 2015-16 (June 2015) is closed", refused.Message);
        closed.EnsureOpen(new DateOnly(2015, 7, 1));
        closed.EnsureOpen(new DateOnly(2016, 6, 1));
        Assert.Null(closed.Refusal(null));
    }

    [Fact]
    public void A_reopened_period_takes_lines_again()
    {
        var record = LedgerPeriod.Close(null, Fund, June2015, "council-finance", Council, Now);
        LedgerPeriod.Reopen(record, June2015, "register-admin", "Why", Now);

        Assert.False(ClosedPeriods.Of([record]).Contains(new DateOnly(2015, 6, 15)));
    }
}
