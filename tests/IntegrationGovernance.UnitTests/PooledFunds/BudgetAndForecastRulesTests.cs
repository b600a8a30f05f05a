using IntegrationGovernance.Domain.Common;
using IntegrationGovernance.Domain.PooledFunds;

namespace IntegrationGovernance.UnitTests.PooledFunds;

public sealed class BudgetAndForecastRulesTests
{
    private static readonly Guid Council = new("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid Pct = new("00000000-0000-0000-0000-00000000000b");
    private static readonly Guid Stranger = new("00000000-0000-0000-0000-00000000000f");
    private static readonly Guid[] Parties = [Council, Pct];
    private static readonly FinancialYear Year = new(2015);
    private static readonly DateTimeOffset Now = new(2015, 9, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly PooledFund Fund = PooledFund.Create(Guid.CreateVersion7(), "Care pool", Council, null, new DateOnly(2012, 4, 1), new DateOnly(2017, 3, 31), Now);

    [Fact]
    public void A_budget_by_category_and_partner_is_accepted()
    {
        Assert.Empty(FundBudget.Check(Fund, Year, [Line("Care", Council, 600m), Line("Care", Pct, 400m), Line("Care", null, 0m), Line("Transport", null, Money.Max)], Parties));
    }

    [Fact]
    public void A_category_budgeted_twice_for_the_same_partner_or_for_none_is_refused_at_the_second_line()
    {
        Assert.Equal(["$.lines[1].category"], Fields(FundBudget.Check(Fund, Year, [Line("Care", null, 1m), Line(" Care ", null, 2m)], Parties)));
        Assert.Equal(["$.lines[2].category"], Fields(FundBudget.Check(Fund, Year, [Line("Care", Pct, 1m), Line("Care", Council, 1m), Line("Care", Pct, 2m)], Parties)));
    }

    [Fact]
    public void A_partner_that_is_not_a_party_to_the_agreement_has_no_part_of_the_budget()
    {
        Assert.Equal(["$.lines[0].organisationId"], Fields(FundBudget.Check(Fund, Year, [Line("Care", Stranger, 1m)], Parties)));
    }

    [Theory]
    [InlineData("-0.01")]
    [InlineData("10.001")]
    [InlineData("1000000000000.00")]
    public void A_budget_amount_below_zero_finer_than_a_penny_or_beyond_the_limit_is_refused(string amount)
    {
        Assert.Equal(["$.lines[0].amount"], Fields(FundBudget.Check(Fund, Year, [Line("Care", null, decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture))], Parties)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_line_without_a_category_is_refused(string category)
    {
        Assert.Equal(["$.lines[0].category"], Fields(FundBudget.Check(Fund, Year, [Line(category, null, 1m)], Parties)));
        Assert.Equal(["$.lines[0].category"], Fields(ForecastOutturn.Check(Fund, Year, [new ForecastLine(category, 1m)])));
    }

    [Fact]
    public void A_category_longer_than_a_ledger_lines_is_refused()
    {
        Assert.Equal(["$.lines[0].category"], Fields(FundBudget.Check(Fund, Year, [Line(new string('x', LedgerLine.MaxCategoryLength + 1), null, 1m)], Parties)));
        Assert.Empty(FundBudget.Check(Fund, Year, [Line(new string('x', LedgerLine.MaxCategoryLength), null, 1m)], Parties));
    }

    [Fact]
    public void A_budget_or_forecast_has_at_least_one_line_and_no_null_ones()
    {
        Assert.Equal(["$.lines"], Fields(FundBudget.Check(Fund, Year, [], Parties)));
        Assert.Equal(["$.lines"], Fields(ForecastOutturn.Check(Fund, Year, [])));
        Assert.Equal(["$.lines[1]"], Fields(FundBudget.Check(Fund, Year, [Line("Care", null, 1m), null], Parties)));
        Assert.Equal(["$.lines[0]"], Fields(ForecastOutturn.Check(Fund, Year, [null])));
    }

    [Fact]
    public void More_lines_than_the_bound_are_refused_without_checking_each()
    {
        var lines = Enumerable.Range(0, FundBudget.MaxLines + 1).Select(i => Line($"Scheme {i}", null, 1m)).ToList();

        Assert.Equal(["$.lines"], Fields(FundBudget.Check(Fund, Year, lines, Parties)));
    }

    [Theory]
    [InlineData(2011)]
    [InlineData(2017)]
    public void A_year_the_fund_does_not_run_in_has_no_budget_or_forecast(int startYear)
    {
        var year = new FinancialYear(startYear);

        Assert.Equal(["financialYear"], Fields(FundBudget.Check(Fund, year, [Line("Care", null, 1m)], Parties)));
        Assert.Equal(["financialYear"], Fields(ForecastOutturn.Check(Fund, year, [new ForecastLine("Care", 1m)])));
    }

    [Fact]
    public void A_forecast_may_be_below_zero_for_a_category_of_income_but_names_each_category_once()
    {
        Assert.Empty(ForecastOutturn.Check(Fund, Year, [new ForecastLine("Client contributions", -25_000m), new ForecastLine("Care", 1m)]));
        Assert.Equal(["$.lines[1].category"], Fields(ForecastOutturn.Check(Fund, Year, [new ForecastLine("Care", 1m), new ForecastLine("Care", 2m)])));
        Assert.Equal(["$.lines[0].amount"], Fields(ForecastOutturn.Check(Fund, Year, [new ForecastLine("Care", -1_000_000_000_000m)])));
        Assert.Equal(["$.lines[0].amount"], Fields(ForecastOutturn.Check(Fund, Year, [new ForecastLine("Care", 0.005m)])));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(12, true)]
    [InlineData(13, false)]
    public void A_period_is_P1_to_P12(int period, bool accepted) =>
        Assert.Equal(accepted, ForecastOutturn.PeriodProblem(period) is null);

    [Fact]
    public void Only_the_host_or_the_administrator_submits_a_forecast()
    {
        Assert.True(ForecastOutturn.MaySubmit(Fund, Actor.For(Council)));
        Assert.True(ForecastOutturn.MaySubmit(Fund, Actor.Administrator));
        Assert.False(ForecastOutturn.MaySubmit(Fund, Actor.For(Pct)));
        Assert.False(ForecastOutturn.MaySubmit(Fund, new Actor(null, false)));
    }

    [Fact]
    public void Replacing_a_budget_replaces_every_line_and_trims_categories()
    {
        var budget = FundBudget.Set(Fund.Id, Year, [Line("Care", null, 1m)!, Line("Transport", null, 2m)!], Now);

        budget.Replace([Line(" Respite ", Pct, 5m)!], Now.AddDays(1));

        Assert.Equal([new BudgetLine("Respite", Pct, 5m)], budget.Lines);
        Assert.Equal((5m, Now, Now.AddDays(1)), (budget.Total, budget.CreatedAt, budget.UpdatedAt));
    }

    private static BudgetLine? Line(string category, Guid? partner, decimal amount) => new(category, partner, amount);

    private static List<string> Fields(IEnumerable<RuleViolation> problems) => problems.Select(p => p.Field).Distinct().ToList();
}
