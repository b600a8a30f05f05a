using IntegrationGovernance.Domain.PooledFunds;

namespace IntegrationGovernance.UnitTests.PooledFunds;

public sealed class FinancialYearTests
{
    [Theory]
    [InlineData("2015-16", 2015)]
    [InlineData("1999-00", 1999)]
    [InlineData("2099-00", 2099)]
    public void A_year_is_read_from_its_usual_spelling(string text, int start)
    {
        Assert.True(FinancialYear.TryParse(text, out var year));
        Assert.Equal(start, year.Value.StartYear);
        Assert.Equal(text, year.Value.ToString());
    }

    [Theory]
    [InlineData("2015/16")]
    [InlineData("2015-17")]
    [InlineData("15-16")]
    [InlineData("2015-2016")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_spellings_are_refused(string? text) => Assert.False(FinancialYear.TryParse(text, out _));

    [Theory]
    [InlineData("2015-04-01", 2015, 1)]
    [InlineData("2015-10-01", 2015, 7)]
    [InlineData("2016-03-31", 2015, 12)]
    [InlineData("2016-04-01", 2016, 1)]
    public void Days_fall_in_a_year_and_a_month_period(string day, int year, int period)
    {
        var date = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(year, FinancialYear.Of(date).StartYear);
        Assert.Equal(period, FinancialYear.PeriodOf(date));
    }
}

public sealed class RiskShareSplitTests
{
    private static readonly Guid A = new("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid B = new("00000000-0000-0000-0000-00000000000b");
    private static readonly Guid C = new("00000000-0000-0000-0000-00000000000c");

    [Fact]
    public void An_overspend_is_split_by_overspend_percentages_to_the_penny()
    {
        var rule = new RiskShare { FinancialYearStart = 2015, Method = RiskShareMethod.Percentages, Shares = [new(A, 60, 50), new(B, 40, 50)] };

        var split = PooledFundRules.Split(-30_000.01m, rule, new Dictionary<Guid, decimal>());

        Assert.Equal(-18_000.01m, split[A]);
        Assert.Equal(-12_000.00m, split[B]);
    }

    [Fact]
    public void The_largest_stored_figures_split_exactly_without_overflowing()
    {
        // numeric(19,2) at its largest: the variance in pence is beyond a long, weight × pence beyond a decimal
        var rule = new RiskShare { FinancialYearStart = 2015, Method = RiskShareMethod.InProportionToContributions };
        var contributions = new Dictionary<Guid, decimal> { [A] = 99_999_999_999_999_999.99m, [B] = 99_999_999_999_999_999.99m, [C] = 300_000_000_000_000.00m };
        var variance = contributions.Values.Sum() + 3 * 99_999_999_999_999_999.99m;

        var split = PooledFundRules.Split(variance, rule, contributions);

        Assert.Equal(variance, split.Values.Sum());
        Assert.Equal(split[A], split[B]);
        Assert.InRange(split[C], 749_326_010_983_524.00m, 749_326_010_983_526.00m);
    }

    [Fact]
    public void Thirds_always_add_back_to_the_whole()
    {
        var rule = new RiskShare { FinancialYearStart = 2015, Method = RiskShareMethod.InProportionToContributions };

        var split = PooledFundRules.Split(100.00m, rule, new Dictionary<Guid, decimal> { [A] = 1m, [B] = 1m, [C] = 1m });

        Assert.Equal(100.00m, split.Values.Sum());
        Assert.All(split.Values, share => Assert.InRange(share, 33.33m, 33.34m));
    }

    [Fact]
    public void An_underspend_uses_underspend_percentages()
    {
        var rule = new RiskShare { FinancialYearStart = 2015, Method = RiskShareMethod.Percentages, Shares = [new(A, 100, 25), new(B, 0, 75)] };

        var split = PooledFundRules.Split(1_000.00m, rule, new Dictionary<Guid, decimal>());

        Assert.Equal((250.00m, 750.00m), (split[A], split[B]));
    }

    [Fact]
    public void No_variance_shares_nothing() =>
        Assert.All(PooledFundRules.Split(0m, new RiskShare { FinancialYearStart = 2015, Method = RiskShareMethod.InProportionToContributions },
            new Dictionary<Guid, decimal> { [A] = 10m }).Values, share => Assert.Equal(0m, share));
}
