using IntegrationGovernance.Domain.PooledFunds;

namespace IntegrationGovernance.UnitTests.PooledFunds;

public sealed class ContributionFiguresTests
{
    private static readonly Guid Fund = Guid.CreateVersion7();
    private static readonly Guid Partner = Guid.CreateVersion7();
    private static readonly DateTimeOffset Start = new(2015, 4, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_partner_records_a_bounded_number_of_contributions_to_a_fund_for_a_year()
    {
        Contribution.EnsureRoom(Contribution.MaxPerPartnerYear - 1);

        var refused = Assert.Throws<Domain.Common.RegisterRuleException>(() => Contribution.EnsureRoom(Contribution.MaxPerPartnerYear));

        Assert.Equal("too-many-entries", refused.Code);
    }

    public static TheoryData<bool, bool, bool> EveryCombinationOfKinds()
    {
        var data = new TheoryData<bool, bool, bool>();
        foreach (var planned in new[] { false, true })
            foreach (var revised in new[] { false, true })
                foreach (var actual in new[] { false, true })
                    data.Add(planned, revised, actual);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryCombinationOfKinds))]
    public void Each_kind_shows_its_latest_figure_and_the_effective_one_is_actual_else_revised_else_planned(bool planned, bool revised, bool actual)
    {
        // each kind present is recorded twice, interleaved with the others: the second figure of a kind replaces the first
        var recorded = new List<Contribution>();
        var minute = 0;
        foreach (var round in new[] { 1m, 2m })
        {
            if (planned)
                recorded.Add(At(minute++, ContributionKind.Planned, 100m * round));
            if (revised)
                recorded.Add(At(minute++, ContributionKind.Revised, 110m * round));
            if (actual)
                recorded.Add(At(minute++, ContributionKind.Actual, 120m * round));
        }

        var figures = ContributionFigures.Latest(recorded);

        Assert.Equal(planned ? 200m : null, figures.Planned);
        Assert.Equal(revised ? 220m : null, figures.Revised);
        Assert.Equal(actual ? 240m : null, figures.Actual);
        Assert.Equal(actual ? 240m : revised ? 220m : planned ? 200m : 0m, figures.Effective);
        Assert.Equal(actual ? ContributionKind.Actual : revised ? ContributionKind.Revised : planned ? ContributionKind.Planned : null, figures.EffectiveKind);
    }

    [Fact]
    public void Planned_100_then_revised_110_then_revised_120_is_revised_120_not_230()
    {
        var figures = ContributionFigures.Latest([At(0, ContributionKind.Planned, 100m), At(1, ContributionKind.Revised, 110m), At(2, ContributionKind.Revised, 120m)]);

        Assert.Equal(new ContributionFigures(100m, 120m, null), figures);
        Assert.Equal(120m, figures.Effective);
    }

    [Fact]
    public void An_actual_corrected_to_zero_is_an_actual_of_zero_not_a_return_to_the_revised_figure()
    {
        var figures = ContributionFigures.Latest([At(0, ContributionKind.Revised, 110m), At(1, ContributionKind.Actual, 500m), At(2, ContributionKind.Actual, 0m)]);

        Assert.Equal((0m, ContributionKind.Actual), (figures.Effective, figures.EffectiveKind));
    }

    [Fact]
    public void The_latest_is_by_when_it_was_recorded_whatever_order_the_figures_arrive_in()
    {
        var figures = ContributionFigures.Latest([At(5, ContributionKind.Revised, 130m), At(9, ContributionKind.Revised, 120m), At(1, ContributionKind.Revised, 150m)]);

        Assert.Equal(120m, figures.Revised);
    }

    [Fact]
    public void A_revision_lower_than_the_figure_it_replaces_still_replaces_it()
    {
        var figures = ContributionFigures.Latest([At(0, ContributionKind.Planned, 1_000m), At(1, ContributionKind.Planned, 400m)]);

        Assert.Equal(400m, figures.Effective);
    }

    [Fact]
    public void Nothing_recorded_is_none_with_no_effective_figure()
    {
        Assert.Equal(ContributionFigures.None, ContributionFigures.Latest([]));
        Assert.Equal((0m, (ContributionKind?)null), (ContributionFigures.None.Effective, ContributionFigures.None.EffectiveKind));
    }

    private static Contribution At(int minute, ContributionKind kind, decimal amount) =>
        Contribution.Record(Fund, Partner, new FinancialYear(2015), kind, ContributionForm.Cash, amount, null, Start.AddMinutes(minute));
}
