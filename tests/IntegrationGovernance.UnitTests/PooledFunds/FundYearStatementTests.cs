using IntegrationGovernance.Domain.PooledFunds;

namespace IntegrationGovernance.UnitTests.PooledFunds;

public sealed class FundYearStatementTests
{
    private static readonly Guid Council = new("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid Pct = new("00000000-0000-0000-0000-00000000000b");
    private static readonly FinancialYear Year = new(2015);
    private static readonly DateTimeOffset Start = new(2015, 4, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly PooledFund Fund = PooledFund.Create(Guid.CreateVersion7(), "Care pool", Council, null, new DateOnly(2012, 4, 1), null, Start);

    [Fact]
    public void Revisions_replace_earlier_figures_so_the_variance_and_shares_follow_the_latest()
    {
        var statement = Draw([Cash(0, Pct, ContributionKind.Planned, 100m), Cash(1, Pct, ContributionKind.Revised, 110m), Cash(2, Pct, ContributionKind.Revised, 120m)],
            [new PeriodSpend(3, 20m)]);

        Assert.Equal((120m, 20m, 100m), (statement.Contributions, statement.Spend, statement.Variance));
        var pct = statement.Partners.Single();
        Assert.Equal(new ContributionFigures(100m, 120m, null), pct.Cash);
        Assert.Equal(100m, pct.ShareOfVariance);
    }

    [Fact]
    public void In_kind_contributions_are_reported_apart_and_stay_out_of_the_cash_variance()
    {
        var statement = Draw([Cash(0, Council, ContributionKind.Planned, 1_000m), InKind(1, Council, ContributionKind.Planned, 300m)],
            [new PeriodSpend(1, 900m)]);

        Assert.Equal((1_000m, 300m, 100m), (statement.Contributions, statement.InKindContributions, statement.Variance));
        Assert.Equal(300m, statement.Partners.Single().InKind.Effective);
    }

    [Fact]
    public void A_revision_of_one_form_leaves_the_other_form_alone()
    {
        var statement = Draw([InKind(0, Council, ContributionKind.Planned, 50m), Cash(1, Council, ContributionKind.Planned, 100m), Cash(2, Council, ContributionKind.Revised, 90m)], []);

        var council = statement.Partners.Single();
        Assert.Equal((new ContributionFigures(100m, 90m, null), new ContributionFigures(50m, null, null)), (council.Cash, council.InKind));
    }

    [Fact]
    public void A_partner_giving_only_in_kind_bears_no_share_of_a_variance_split_in_proportion_to_contributions()
    {
        var statement = Draw([Cash(0, Council, ContributionKind.Actual, 100m), InKind(1, Pct, ContributionKind.Actual, 100m)], [new PeriodSpend(12, 130m)]);

        Assert.Equal(RiskShareMethod.InProportionToContributions, statement.RiskShareMethod);
        Assert.Equal(-30m, statement.Variance);
        Assert.Equal([(Council, -30m), (Pct, 0m)], statement.Partners.Select(p => (p.OrganisationId, p.ShareOfVariance)));
    }

    [Fact]
    public void Fixed_percentages_split_the_cash_variance_to_the_penny()
    {
        var fund = PooledFund.Create(Guid.CreateVersion7(), "Shared pool", Council, null, new DateOnly(2012, 4, 1), null, Start);
        Assert.Empty(fund.SetRiskShare(new RiskShare
        {
            FinancialYearStart = 2015, Method = RiskShareMethod.Percentages,
            Shares = [new PartnerShare(Council, 60m, 50m), new PartnerShare(Pct, 40m, 50m)],
        }, [Council, Pct], Start));

        var statement = FundYearStatement.Draw(fund.Heading, Year, PeriodRange.WholeYear,
            [Cash(0, Council, ContributionKind.Planned, 600_000m, fund.Id), Cash(1, Pct, ContributionKind.Planned, 450_000m, fund.Id), InKind(2, Pct, ContributionKind.Planned, 99_999m, fund.Id)],
            [new PeriodSpend(1, 1_080_000.01m)]);

        Assert.Equal(-30_000.01m, statement.Variance);
        Assert.Equal([-18_000.01m, -12_000.00m], statement.Partners.Select(p => p.ShareOfVariance));
        Assert.Equal(statement.Variance, statement.Partners.Sum(p => p.ShareOfVariance));
    }

    [Fact]
    public void Only_the_periods_asked_for_count_and_each_is_listed_even_with_nothing_booked()
    {
        var statement = FundYearStatement.Draw(Fund.Heading, Year, PeriodRange.Of(7, 9), [Cash(0, Council, ContributionKind.Planned, 100m)],
            [new PeriodSpend(6, 1m), new PeriodSpend(7, 10m), new PeriodSpend(9, 5m), new PeriodSpend(10, 1m)]);

        Assert.Equal([(7, 10m), (8, 0m), (9, 5m)], statement.Periods.Select(p => (p.Period, p.Amount)));
        Assert.Equal((15m, 85m), (statement.Spend, statement.Variance));
    }

    [Fact]
    public void Contributions_of_other_years_and_other_funds_are_left_out()
    {
        var otherYear = Contribution.Record(Fund.Id, Council, new FinancialYear(2016), ContributionKind.Planned, ContributionForm.Cash, 999m, null, Start);
        var otherFund = Contribution.Record(Guid.CreateVersion7(), Council, Year, ContributionKind.Planned, ContributionForm.Cash, 777m, null, Start);

        var statement = Draw([Cash(0, Council, ContributionKind.Planned, 100m), otherYear, otherFund], []);

        Assert.Equal(100m, statement.Contributions);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(13, 12)]
    [InlineData(1, 13)]
    [InlineData(9, 7)]
    public void A_range_outside_P1_to_P12_or_backwards_is_refused(int from, int to) =>
        Assert.NotEmpty(PeriodRange.Problems(from, to));

    private static FundYearStatement Draw(IEnumerable<Contribution> contributions, IEnumerable<PeriodSpend> spend) =>
        FundYearStatement.Draw(Fund.Heading, Year, PeriodRange.WholeYear, contributions, spend);

    private static Contribution Cash(int minute, Guid partner, ContributionKind kind, decimal amount, Guid? fund = null) =>
        Contribution.Record(fund ?? Fund.Id, partner, Year, kind, ContributionForm.Cash, amount, null, Start.AddMinutes(minute));

    private static Contribution InKind(int minute, Guid partner, ContributionKind kind, decimal amount, Guid? fund = null) =>
        Contribution.Record(fund ?? Fund.Id, partner, Year, kind, ContributionForm.InKind, amount, null, Start.AddMinutes(minute));
}
