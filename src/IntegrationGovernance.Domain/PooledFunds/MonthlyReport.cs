namespace IntegrationGovernance.Domain.PooledFunds;

/// <summary>One category's spend less income, summed by the database: in the report's period, and from P1 to it.</summary>
public sealed record CategoryActuals(string Category, decimal ForPeriod, decimal ToDate);

/// <summary>The part of a category's budget one partner funds.</summary>
public sealed record PartnerBudget(Guid OrganisationId, decimal Amount);

/// <summary>
/// One category of the monthly report. <see cref="ForecastOutturn"/> and <see cref="Variance"/> are null when no forecast
/// was submitted for the report's period; a submitted forecast that does not name the category forecasts it at nothing
/// (<see cref="InForecast"/> false, outturn 0.00). A category with no budget line has a budget of 0.00 (<see cref="Budgeted"/> false).
/// </summary>
public sealed record ReportCategory(
    string Category, bool Budgeted, decimal Budget, IReadOnlyList<PartnerBudget> PartnerBudgets, decimal ActualForPeriod, decimal ActualToDate,
    bool InForecast, decimal? ForecastOutturn, decimal? Variance);

/// <summary>The report's totals over every category; forecast and variance null when no forecast was submitted for the period.</summary>
public sealed record ReportTotals(decimal Budget, decimal ActualForPeriod, decimal ActualToDate, decimal? ForecastOutturn, decimal? Variance);

/// <summary>
/// One partner: the budget lines it funds, its effective cash contribution for the year (what a split in proportion to
/// contributions weighs), and its share of the total forecast variance under the year's risk share (null with no forecast).
/// </summary>
public sealed record ReportPartner(Guid OrganisationId, decimal Budget, decimal Contribution, decimal? ShareOfVariance);

/// <summary>
/// A fund's monthly report to its board for a financial year, at a month period: by category and in total, the budget,
/// the actual spend in the period and from P1 to it, the forecast outturn submitted for that period, and the variance
/// against budget (budget − forecast outturn: positive is a forecast underspend, negative an overspend), with each partner's
/// share of the total variance under the year's risk share, exact to the penny. The risk share applies to the fund's
/// variance as a whole, so the shares are of the total. Nothing is invented: with no forecast for the period, the
/// forecast and variance are null and <see cref="LatestForecastPeriod"/> says which earlier period's forecast is the latest.
/// </summary>
public sealed record MonthlyReport
{
    /// <summary>
    /// The most categories a report answers with (those budgeted, forecast or booked in the year): a report of more is refused
    /// (422 too-large), not cut short.
    /// </summary>
    public const int MaxCategories = 2_000;

    public required Guid FundId { get; init; }

    public required string FundName { get; init; }

    public required Guid AgreementId { get; init; }

    public required FinancialYear FinancialYear { get; init; }

    public required int Period { get; init; }

    /// <summary>When the year's budget was last set; null when none is.</summary>
    public required DateTimeOffset? BudgetSetAt { get; init; }

    /// <summary>When the forecast for the period was submitted (its latest submission); null when none is.</summary>
    public required DateTimeOffset? ForecastSubmittedAt { get; init; }

    /// <summary>The latest period, up to and including the report's, with a forecast submitted; null when none has one.</summary>
    public required int? LatestForecastPeriod { get; init; }

    public required RiskShareMethod RiskShareMethod { get; init; }

    /// <summary>Every category budgeted, forecast, or with spend booked from P1 to the period, in ordinal order of its name.</summary>
    public required IReadOnlyList<ReportCategory> Categories { get; init; }

    public required ReportTotals Total { get; init; }

    /// <summary>Every partner with a budget line, a cash contribution or a share of the variance, by organisation id.</summary>
    public required IReadOnlyList<ReportPartner> Partners { get; init; }

    public bool ForecastSubmitted => ForecastSubmittedAt is not null;

    /// <param name="fund">The fund, whose risk share for the year splits the variance.</param>
    /// <param name="year">The financial year.</param>
    /// <param name="period">The report's period, 1 (April) to 12 (March).</param>
    /// <param name="budget">The year's budget, or null when none is set.</param>
    /// <param name="forecasts">The fund's forecasts for the year, one per period submitted (only the report's period and earlier count).</param>
    /// <param name="contributions">Every contribution recorded to the fund for the year, each revision included.</param>
    /// <param name="actuals">Spend by category, summed by the database, for the period and from P1 to it.</param>
    public static MonthlyReport Draw(PooledFund fund, FinancialYear year, int period, FundBudget? budget, IEnumerable<ForecastOutturn> forecasts,
        IEnumerable<Contribution> contributions, IEnumerable<CategoryActuals> actuals)
    {
        if (ForecastOutturn.PeriodProblem(period) is not null)
            throw new ArgumentOutOfRangeException(nameof(period), period, PeriodRange.Problem);
        var budgetLines = budget is { } b && b.FundId == fund.Id && b.FinancialYearStart == year.StartYear ? b.Lines : [];
        var earlier = forecasts.Where(f => f.FundId == fund.Id && f.FinancialYearStart == year.StartYear && f.Period <= period).ToList();
        var forecast = earlier.SingleOrDefault(f => f.Period == period);
        var forecastLines = forecast?.Lines.ToDictionary(l => l.Category, l => l.Amount, StringComparer.Ordinal);
        var spent = actuals.ToDictionary(a => a.Category, StringComparer.Ordinal);

        var categories = budgetLines.Select(l => l.Category).Concat(forecastLines?.Keys.AsEnumerable() ?? []).Concat(spent.Keys)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(category =>
            {
                var lines = budgetLines.Where(l => l.Category == category).ToList();
                var budgeted = lines.Sum(l => l.Amount);
                var outturn = forecastLines is null ? (decimal?)null : forecastLines.GetValueOrDefault(category);
                var actual = spent.GetValueOrDefault(category);
                return new ReportCategory(
                    category, lines.Count > 0, budgeted,
                    lines.Where(l => l.OrganisationId is not null).OrderBy(l => l.OrganisationId).Select(l => new PartnerBudget(l.OrganisationId!.Value, l.Amount)).ToList(),
                    actual?.ForPeriod ?? 0m, actual?.ToDate ?? 0m,
                    forecastLines?.ContainsKey(category) == true, outturn, budgeted - outturn);
            })
            .ToList();

        var totalBudget = categories.Sum(c => c.Budget);
        var totalOutturn = forecast?.Total;
        var variance = totalBudget - totalOutturn;
        var cash = contributions
            .Where(c => c.FundId == fund.Id && c.FinancialYearStart == year.StartYear && c.Form == ContributionForm.Cash)
            .GroupBy(c => c.OrganisationId)
            .ToDictionary(g => g.Key, g => ContributionFigures.Latest(g).Effective);
        var rule = fund.RiskShareFor(year);
        var shares = variance is { } v ? PooledFundRules.Split(v, rule, cash) : null;
        var partnerBudgets = budgetLines.Where(l => l.OrganisationId is not null).GroupBy(l => l.OrganisationId!.Value).ToDictionary(g => g.Key, g => g.Sum(l => l.Amount));
        var partners = partnerBudgets.Keys.Union(cash.Keys)
            .Union(rule.Method == RiskShareMethod.Percentages ? rule.Shares.Select(s => s.OrganisationId) : [])
            .Union(shares?.Keys ?? Enumerable.Empty<Guid>())
            .Order()
            .Select(p => new ReportPartner(p, partnerBudgets.GetValueOrDefault(p), cash.GetValueOrDefault(p), shares is null ? null : shares.GetValueOrDefault(p)))
            .ToList();

        return new MonthlyReport
        {
            FundId = fund.Id,
            FundName = fund.Name,
            AgreementId = fund.AgreementId,
            FinancialYear = year,
            Period = period,
            BudgetSetAt = budgetLines.Count > 0 ? budget!.UpdatedAt : null,
            ForecastSubmittedAt = forecast?.UpdatedAt,
            LatestForecastPeriod = earlier.Count > 0 ? earlier.Max(f => f.Period) : null,
            RiskShareMethod = rule.Method,
            Categories = categories,
            Total = new ReportTotals(totalBudget, categories.Sum(c => c.ActualForPeriod), categories.Sum(c => c.ActualToDate), totalOutturn, variance),
            Partners = partners,
        };
    }
}
