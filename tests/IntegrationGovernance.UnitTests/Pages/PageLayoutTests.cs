using IntegrationGovernance.Api.Organisations;
using IntegrationGovernance.Api.Pages.Organisations;
using IntegrationGovernance.Api.Pages.People;
using IntegrationGovernance.Api.Pages.PooledFunds;
using IntegrationGovernance.Api.Pages.Shared;
using IntegrationGovernance.Api.Pages.SignIn;
using IntegrationGovernance.Api.People;
using IntegrationGovernance.Api.PooledFunds;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.Domain.Successions;

namespace IntegrationGovernance.UnitTests.Pages;

/// <summary>How the pages lay out their diagrams and charts, and where sign-in may send a browser back to.</summary>
public sealed class PageLayoutTests
{
    [Theory]
    [InlineData("/agreements?basis=Section75NhsAct2006", "/agreements?basis=Section75NhsAct2006")]
    [InlineData("/", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("agreements", "/")]
    [InlineData(null, "/")]
    public void Sign_in_sends_the_browser_back_only_to_a_path_on_this_site(string? returnUrl, string expected) =>
        Assert.Equal(expected, SignInEndpoints.LocalOnly(returnUrl));

    [Fact]
    public void A_long_name_is_wrapped_on_word_boundaries_and_cut_with_an_ellipsis_past_the_lines_allowed()
    {
        var lines = Diagram.Wrap("NHS Bath and North East Somerset, Swindon and Wiltshire Integrated Care Board", 26, 2);

        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.True(l.Length <= 26, l));
        Assert.Equal("NHS Bath and North East", lines[0]);
        Assert.EndsWith("…", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_succession_chain_runs_left_to_right_in_time_with_each_step_a_column()
    {
        var pct = Organisation("NHS B&NES");
        var ccg = Summary("B&NES CCG");
        var icb = Summary("BSW ICB");
        var successors = new SuccessionChainResponse
        {
            OrganisationId = pct.Id,
            Links =
            [
                Link(pct.Id, ccg, 1, new DateOnly(2013, 4, 1)),
                Link(ccg.Id, icb, 2, new DateOnly(2022, 7, 1)),
            ],
        };

        var diagram = SuccessionDiagram.Layout(pct, null, successors);

        var x = diagram.Boxes.ToDictionary(b => b.Lines[0], b => b.X);
        Assert.True(x["NHS B&NES"] < x["B&NES CCG"] && x["B&NES CCG"] < x["BSW ICB"]);
        Assert.Equal(2, diagram.Lines.Count);
        Assert.Equal(["2013-04-01", "2022-07-01"], diagram.Lines.Select(l => l.Label));
        Assert.All(diagram.Lines, l => Assert.True(l.X1 < l.X2, "each line runs from the earlier body to the later"));
        Assert.Null(diagram.Boxes.Single(b => b.Lines[0] == "NHS B&NES").Href); // itself is not a link
    }

    [Fact]
    public void A_manager_is_drawn_centred_over_its_reports_and_a_post_placed_from_elsewhere_is_marked()
    {
        var report = (string title, StructurePlacement? placement) => new StructureNode
        {
            PostId = Guid.NewGuid(), Title = title, Managers = [], Reports = [], Placement = placement,
        };
        var seconded = report("Health Visiting Team Leader", new StructurePlacement { EmployerId = Guid.NewGuid(), EmployerName = "North Tees PCT", BasisReference = "STOCKTON-CT-2007/SECONDMENT" });
        var root = new StructureNode { PostId = Guid.NewGuid(), Title = "Head of Operations", Managers = [], Reports = [report("Area Manager North", null), seconded] };

        var diagram = StructureDiagram.Layout([root])!;

        var head = diagram.Boxes.Single(b => b.Lines[0] == "Head of Operations");
        var reports = diagram.Boxes.Where(b => b != head).ToList();
        Assert.Equal((reports[0].X + reports[1].X) / 2, head.X);
        Assert.All(reports, r => Assert.True(r.Y > head.Y));
        Assert.Equal("app-diagram__box--across", diagram.Boxes.Single(b => b.Lines[0].StartsWith("Health", StringComparison.Ordinal)).Style);
        Assert.Contains(diagram.Lines, l => l.Across && l.Label == "STOCKTON-CT-2007/SECONDMENT");
    }

    [Fact]
    public void A_structure_too_large_to_read_as_a_chart_is_not_drawn()
    {
        var many = Enumerable.Range(0, StructureDiagram.MaxDrawn + 1)
            .Select(i => new StructureNode { PostId = Guid.NewGuid(), Title = $"Post {i}", Managers = [], Reports = [] }).ToList();

        Assert.Null(StructureDiagram.Layout(many));
    }

    [Fact]
    public void Spend_bars_stand_on_a_zero_line_scaled_to_a_round_top_and_income_hangs_below_it()
    {
        var periods = new[] { 170000.00m, 0m, -5000.00m }.Select((spend, i) => new PeriodFiguresResponse { Period = i + 1, Spend = spend }).ToList();

        var chart = SpendChart.Layout(periods);

        Assert.Equal(200000m, chart.Ticks.Max(t => t.Amount)); // 170,000 rounds up to 200,000
        Assert.True(chart.Bars[0].Y + chart.Bars[0].Height <= chart.Baseline + 0.001);
        Assert.True(chart.Bars[2].Y >= chart.Baseline - 0.001, "income is drawn below the zero line");
        Assert.Equal(["Apr", "May", "Jun"], chart.Bars.Select(b => SpendChart.Month(b.Period)));
    }

    [Theory]
    [InlineData("2026-12-01T09:00:00Z", "2026-12-01T09:00:00Z")]
    [InlineData("2026-12-01T10:00:00+01:00", "2026-12-01T09:00:00Z")]
    [InlineData("2026-12-01T09:00:00.1234567Z", "2026-12-01T09:00:00.1234567Z")]
    public void A_moment_in_a_pages_address_keeps_every_tick_it_was_given(string given, string written) =>
        Assert.Equal(written, PageLinks.Moment(DateTimeOffset.Parse(given, System.Globalization.CultureInfo.InvariantCulture)));

    private static OrganisationResponse Organisation(string name) => new()
    {
        Id = Guid.NewGuid(), Name = name, Type = OrganisationType.PrimaryCareTrust, EarlierTypes = [], CreatedAt = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch,
    };

    private static OrganisationSummary Summary(string name) => new() { Id = Guid.NewGuid(), Name = name, Type = OrganisationType.ClinicalCommissioningGroup };

    private static SuccessionLinkResponse Link(Guid from, OrganisationSummary to, int depth, DateOnly on) => new()
    {
        SuccessionId = Guid.NewGuid(), EffectiveOn = on, Kind = SuccessionKind.AbolitionWithTransfer, Depth = depth, FromOrganisationId = from, Organisation = to,
    };
}
