using IntegrationGovernance.Domain.PooledFunds;

namespace IntegrationGovernance.UnitTests.PooledFunds;

public sealed class MonthlyReportTests
{
    private static readonly Guid Council = new("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid Pct = new("00000000-0000-0000-0000-00000000000b");
    private static readonly Guid Trust = new("00000000-0000-0000-0000-00000000000c");
    private static readonly FinancialYear Year = new(2015);
    private static readonly DateTimeOffset Start = new(2015, 4, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly PooledFund Fund = PooledFund.Create(Guid.CreateVersion7(), "Care pool", Council, null, new DateOnly(2012, 4, 1), null, Start);

    // overspends shared 70 : 30, underspends 60 : 40
    private static readonly PooledFund Shared = WithRiskShare(new PartnerShare(Council, 70m, 60m), new PartnerShare(Pct, 30m, 40m));

    [Fact]
    public void A_forecast_below_budget_is_an_underspend_shared_in_proportion_to_cash_contributions()
    {
        // budget 1,000.00; forecast 900.00: variance +100.00; contributions 600 : 400
        var report = Draw(5, Budget(("Care", null, 1_000m)), [Forecast(5, ("Care", 900m))], [Cash(Council, 600m), Cash(Pct, 400m)], [new("Care", 80m, 400m)]);

        var care = report.Categories.Single();
        Assert.Equal((1_000m, 80m, 400m, 900m, 100m), (care.Budget, care.ActualForPeriod, care.ActualToDate, care.ForecastOutturn, care.Variance));
        Assert.Equal(new ReportTotals(1_000m, 80m, 400m, 900m, 100m), report.Total);
        Assert.Equal([(Council, 60m), (Pct, 40m)], report.Partners.Select(p => (p.OrganisationId, p.ShareOfVariance!.Value)));
    }

    [Fact]
    public void A_forecast_above_budget_is_an_overspend_and_each_partner_bears_its_part()
    {
        var report = Draw(5, Budget(("Care", null, 1_000m)), [Forecast(5, ("Care", 1_100m))], [Cash(Council, 600m), Cash(Pct, 400m)], []);

        Assert.Equal(-100m, report.Total.Variance);
        Assert.Equal([-60m, -40m], report.Partners.Select(p => p.ShareOfVariance!.Value));
    }

    [Fact]
    public void Spend_in_a_category_with_no_budget_line_counts_against_a_budget_of_nothing()
    {
        // Care budgeted 1,000 and forecast 1,000; Transport never budgeted, 50 spent and forecast 120: variance −120
        var report = Draw(3, Budget(("Care", null, 1_000m)), [Forecast(3, ("Care", 1_000m), ("Transport", 120m))], [Cash(Council, 1_000m)],
            [new("Transport", 20m, 50m)]);

        var transport = report.Categories.Single(c => c.Category == "Transport");
        Assert.Equal((false, 0m, 50m, true, 120m, -120m), (transport.Budgeted, transport.Budget, transport.ActualToDate, transport.InForecast, transport.ForecastOutturn, transport.Variance));
        Assert.Equal((1_000m, 1_120m, -120m), (report.Total.Budget, report.Total.ForecastOutturn, report.Total.Variance));
        Assert.Equal(-120m, report.Partners.Single().ShareOfVariance);
    }

    [Fact]
    public void A_budgeted_category_with_no_spend_shows_nothing_spent_and_its_forecast()
    {
        var report = Draw(2, Budget(("Care", null, 500m), ("Respite", null, 200m)), [Forecast(2, ("Care", 500m), ("Respite", 150m))], [], [new("Care", 40m, 90m)]);

        var respite = report.Categories.Single(c => c.Category == "Respite");
        Assert.Equal((true, 200m, 0m, 0m, 150m, 50m), (respite.Budgeted, respite.Budget, respite.ActualForPeriod, respite.ActualToDate, respite.ForecastOutturn, respite.Variance));
        Assert.Equal(new ReportTotals(700m, 40m, 90m, 650m, 50m), report.Total);
    }

    [Fact]
    public void A_category_a_submitted_forecast_does_not_name_is_forecast_at_nothing_and_says_so()
    {
        var report = Draw(4, Budget(("Care", null, 300m), ("Equipment", null, 100m)), [Forecast(4, ("Care", 320m))], [Cash(Council, 1m)], [new("Equipment", 10m, 10m)]);

        var equipment = report.Categories.Single(c => c.Category == "Equipment");
        Assert.Equal((false, 0m, 100m), (equipment.InForecast, equipment.ForecastOutturn!.Value, equipment.Variance!.Value));
        Assert.Equal((320m, 80m), (report.Total.ForecastOutturn, report.Total.Variance));
        Assert.Equal(report.Total.Variance, report.Categories.Sum(c => c.Variance));
    }

    [Fact]
    public void With_no_budget_set_every_category_has_a_budget_of_nothing_and_the_report_says_none_is_set()
    {
        var report = Draw(1, null, [Forecast(1, ("Care", 10m))], [Cash(Council, 10m)], [new("Care", 5m, 5m)]);

        Assert.Null(report.BudgetSetAt);
        Assert.Equal((false, 0m, -10m), (report.Categories.Single().Budgeted, report.Total.Budget, report.Total.Variance));
    }

    [Fact]
    public void With_no_forecast_for_the_period_nothing_is_invented_and_the_latest_earlier_period_is_named()
    {
        var report = Draw(5, Budget(("Care", null, 1_000m)), [Forecast(3, ("Care", 950m)), Forecast(7, ("Care", 1_200m))], [Cash(Council, 1_000m)], [new("Care", 90m, 450m)]);

        Assert.False(report.ForecastSubmitted);
        Assert.Null(report.ForecastSubmittedAt);
        Assert.Equal(3, report.LatestForecastPeriod);
        var care = report.Categories.Single();
        Assert.Equal(((decimal?)null, (decimal?)null, false), (care.ForecastOutturn, care.Variance, care.InForecast));
        Assert.Equal(((decimal?)null, (decimal?)null), (report.Total.ForecastOutturn, report.Total.Variance));
        Assert.All(report.Partners, p => Assert.Null(p.ShareOfVariance));
        // the actuals are still reported
        Assert.Equal((1_000m, 90m, 450m), (care.Budget, care.ActualForPeriod, care.ActualToDate));
    }

    [Fact]
    public void With_no_forecast_at_all_no_period_is_named()
    {
        var report = Draw(6, Budget(("Care", null, 1m)), [], [], []);

        Assert.Null(report.LatestForecastPeriod);
        Assert.Null(report.Total.Variance);
    }

    [Fact]
    public void The_periods_own_forecast_is_used_and_is_the_latest()
    {
        var report = Draw(5, Budget(("Care", null, 1_000m)), [Forecast(3, ("Care", 950m)), Forecast(5, ("Care", 1_010m))], [Cash(Council, 1_000m)], []);

        Assert.True(report.ForecastSubmitted);
        Assert.Equal((5, 1_010m, -10m), (report.LatestForecastPeriod!.Value, report.Total.ForecastOutturn!.Value, report.Total.Variance!.Value));
    }

    [Fact]
    public void Percentages_with_different_overspend_and_underspend_splits_follow_the_sign_of_the_variance()
    {
        // the contributions (900 : 100) do not weigh under percentages
        var over = DrawShared(Budget(Shared, ("Care", null, 1_000m)), Forecast(Shared, 6, ("Care", 1_100m)), [Cash(Council, 900m, Shared), Cash(Pct, 100m, Shared)]);
        var under = DrawShared(Budget(Shared, ("Care", null, 1_000m)), Forecast(Shared, 6, ("Care", 900m)), [Cash(Council, 900m, Shared), Cash(Pct, 100m, Shared)]);

        Assert.Equal(RiskShareMethod.Percentages, over.RiskShareMethod);
        Assert.Equal([(Council, -70m), (Pct, -30m)], over.Partners.Select(p => (p.OrganisationId, p.ShareOfVariance!.Value)));
        Assert.Equal([(Council, 60m), (Pct, 40m)], under.Partners.Select(p => (p.OrganisationId, p.ShareOfVariance!.Value)));
    }

    [Fact]
    public void The_overall_variance_decides_overspend_or_underspend_even_when_categories_differ()
    {
        // Care under by 300, Transport over by 100: the fund is under by 200, so the underspend split (60 : 40) applies to all of it
        var report = DrawShared(Budget(Shared, ("Care", null, 1_000m), ("Transport", null, 100m)), Forecast(Shared, 6, ("Care", 700m), ("Transport", 200m)), []);

        Assert.Equal([300m, -100m], report.Categories.Select(c => c.Variance!.Value));
        Assert.Equal([120m, 80m], report.Partners.Select(p => p.ShareOfVariance!.Value));
    }

    [Fact]
    public void Shares_are_rounded_to_the_penny_and_always_add_up_to_the_variance()
    {
        // −100.00 in three equal parts: −33.33 each and the odd penny to one of them
        var report = Draw(9, Budget(("Care", null, 300m)), [Forecast(9, ("Care", 400m))], [Cash(Council, 1m), Cash(Pct, 1m), Cash(Trust, 1m)], []);

        Assert.Equal([-33.34m, -33.33m, -33.33m], report.Partners.Select(p => p.ShareOfVariance!.Value));
        Assert.Equal(report.Total.Variance, report.Partners.Sum(p => p.ShareOfVariance));
    }

    [Fact]
    public void A_penny_variance_under_uneven_percentages_goes_whole_to_one_partner()
    {
        // 0.01 under: 0.6p to the council and 0.4p to the PCT, so the one penny goes to the larger remainder
        var report = DrawShared(Budget(Shared, ("Care", null, 100.01m)), Forecast(Shared, 6, ("Care", 100.00m)), []);

        Assert.Equal([(Council, 0.01m), (Pct, 0.00m)], report.Partners.Select(p => (p.OrganisationId, p.ShareOfVariance!.Value)));
    }

    [Fact]
    public void A_partner_split_budget_adds_up_by_category_and_is_reported_by_partner()
    {
        var report = Draw(1, Budget(("Care", Council, 600m), ("Care", Pct, 400m), ("Care", null, 100m), ("Transport", Pct, 50m)), [], [], []);

        var care = report.Categories.Single(c => c.Category == "Care");
        Assert.Equal(1_100m, care.Budget);
        Assert.Equal([new PartnerBudget(Council, 600m), new PartnerBudget(Pct, 400m)], care.PartnerBudgets);
        Assert.Equal([(Council, 600m), (Pct, 450m)], report.Partners.Select(p => (p.OrganisationId, p.Budget)));
        Assert.Equal(1_150m, report.Total.Budget);
    }

    [Fact]
    public void Contributions_weigh_by_their_latest_cash_figure_and_in_kind_does_not_weigh()
    {
        // the PCT planned 100 then revised to 300; the council's 300 in kind weighs nothing: 300 : 300 on a 10.00 overspend
        var contributions = new[]
        {
            Contribution.Record(Fund.Id, Pct, Year, ContributionKind.Planned, ContributionForm.Cash, 100m, null, Start),
            Contribution.Record(Fund.Id, Pct, Year, ContributionKind.Revised, ContributionForm.Cash, 300m, null, Start.AddMinutes(1)),
            Contribution.Record(Fund.Id, Council, Year, ContributionKind.Planned, ContributionForm.Cash, 300m, null, Start),
            Contribution.Record(Fund.Id, Council, Year, ContributionKind.Planned, ContributionForm.InKind, 300m, null, Start),
        };

        var report = Draw(2, Budget(("Care", null, 90m)), [Forecast(2, ("Care", 100m))], contributions, []);

        Assert.Equal([(Council, 300m, -5m), (Pct, 300m, -5m)], report.Partners.Select(p => (p.OrganisationId, p.Contribution, p.ShareOfVariance!.Value)));
    }

    [Fact]
    public void Categories_are_in_ordinal_order_and_differently_cased_names_are_different_categories()
    {
        var report = Draw(1, Budget(("care", null, 1m), ("Care", null, 2m)), [], [], [new("Beds", 1m, 1m)]);

        Assert.Equal(["Beds", "Care", "care"], report.Categories.Select(c => c.Category));
    }

    [Fact]
    public void Budgets_and_forecasts_of_other_years_are_left_out()
    {
        var otherYear = FundBudget.Set(Fund.Id, new FinancialYear(2016), [new BudgetLine("Care", null, 5m)], Start);
        var otherForecast = ForecastOutturn.Submit(Fund.Id, new FinancialYear(2016), 1, [new ForecastLine("Care", 9m)], Start);

        var report = Draw(1, otherYear, [otherForecast], [], []);

        Assert.Equal((0m, (decimal?)null), (report.Total.Budget, report.Total.ForecastOutturn));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    public void A_period_outside_P1_to_P12_cannot_be_reported(int period) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Draw(period, null, [], [], []));

    private static MonthlyReport Draw(int period, FundBudget? budget, IEnumerable<ForecastOutturn> forecasts, IEnumerable<Contribution> contributions,
        IEnumerable<CategoryActuals> actuals) => MonthlyReport.Draw(Fund, Year, period, budget, forecasts, contributions, actuals);

    private static MonthlyReport DrawShared(FundBudget budget, ForecastOutturn forecast, IEnumerable<Contribution> contributions) =>
        MonthlyReport.Draw(Shared, Year, 6, budget, [forecast], contributions, []);

    private static FundBudget Budget(params (string Category, Guid? Partner, decimal Amount)[] lines) => Budget(Fund, lines);

    private static FundBudget Budget(PooledFund fund, params (string Category, Guid? Partner, decimal Amount)[] lines) =>
        FundBudget.Set(fund.Id, Year, lines.Select(l => new BudgetLine(l.Category, l.Partner, l.Amount)), Start);

    private static ForecastOutturn Forecast(int period, params (string Category, decimal Amount)[] lines) => Forecast(Fund, period, lines);

    private static ForecastOutturn Forecast(PooledFund fund, int period, params (string Category, decimal Amount)[] lines) =>
        ForecastOutturn.Submit(fund.Id, Year, period, lines.Select(l => new ForecastLine(l.Category, l.Amount)), Start.AddDays(period));

    private static Contribution Cash(Guid partner, decimal amount, PooledFund? fund = null) =>
        Contribution.Record((fund ?? Fund).Id, partner, Year, ContributionKind.Planned, ContributionForm.Cash, amount, null, Start);

    private static PooledFund WithRiskShare(params PartnerShare[] shares)
    {
        var fund = PooledFund.Create(Guid.CreateVersion7(), "Shared pool", Council, null, new DateOnly(2012, 4, 1), null, Start);
        if (fund.SetRiskShare(new RiskShare { FinancialYearStart = 2015, Method = RiskShareMethod.Percentages, Shares = [.. shares] }, [Council, Pct], Start) is [_, ..])
            throw new InvalidOperationException("The test's risk share is not valid.");
        return fund;
    }
}
