namespace IntegrationGovernance.Domain.PooledFunds;

/// <summary>Spend less income booked to a fund in one month period, summed by the database.</summary>
public sealed record PeriodSpend(int Period, decimal Amount);

/// <summary>What a fund's statement is drawn under: the fund's name, its agreement and its risk shares by year (in year order).</summary>
public sealed record FundHeading(Guid Id, string Name, Guid AgreementId, IReadOnlyList<RiskShare> RiskShares);

/// <summary>One partner's contributions, cash and in kind apart, and its part of the cash variance.</summary>
public sealed record PartnerStatement(Guid OrganisationId, ContributionFigures Cash, ContributionFigures InKind, decimal ShareOfVariance);

/// <summary>
/// A fund's figures for a financial year and a run of its periods. The variance is cash only: effective cash
/// contributions less spend. In-kind contributions (staff, premises, equipment) are matched by their use, so they
/// are reported beside it and neither enter the variance nor weigh in a split in proportion to contributions.
/// Money is <see cref="decimal"/>, whose arithmetic always throws on overflow rather than wrapping.
/// </summary>
public sealed record FundYearStatement
{
    public required Guid FundId { get; init; }

    public required string FundName { get; init; }

    public required Guid AgreementId { get; init; }

    public required FinancialYear FinancialYear { get; init; }

    public required PeriodRange PeriodRange { get; init; }

    /// <summary>Every partner with a contribution or a share of the variance, by organisation id.</summary>
    public required IReadOnlyList<PartnerStatement> Partners { get; init; }

    /// <summary>The sum of the partners' effective cash contributions.</summary>
    public required decimal Contributions { get; init; }

    /// <summary>The sum of the partners' effective in-kind contributions, outside the variance.</summary>
    public required decimal InKindContributions { get; init; }

    public required decimal Spend { get; init; }

    /// <summary>Cash contributions − spend: positive is an underspend, negative an overspend.</summary>
    public required decimal Variance { get; init; }

    public required RiskShareMethod RiskShareMethod { get; init; }

    /// <summary>Each period of the range, with nothing booked as zero.</summary>
    public required IReadOnlyList<PeriodSpend> Periods { get; init; }

    /// <param name="fund">The fund (<see cref="PooledFund.Heading"/>), whose risk share for the year splits the variance.</param>
    /// <param name="year">The financial year.</param>
    /// <param name="range">The periods whose spend counts.</param>
    /// <param name="contributions">Every contribution recorded to the fund for the year, each revision and correction included.</param>
    /// <param name="spend">Spend per period of the year, as summed by the database (periods outside the range are left out).</param>
    public static FundYearStatement Draw(FundHeading fund, FinancialYear year, PeriodRange range, IEnumerable<Contribution> contributions, IEnumerable<PeriodSpend> spend)
    {
        var partners = contributions
            .Where(c => c.FundId == fund.Id && c.FinancialYearStart == year.StartYear)
            .GroupBy(c => c.OrganisationId)
            .ToDictionary(g => g.Key, g => (
                Cash: ContributionFigures.Latest(g.Where(c => c.Form == ContributionForm.Cash)),
                InKind: ContributionFigures.Latest(g.Where(c => c.Form == ContributionForm.InKind))));
        var cash = partners.ToDictionary(p => p.Key, p => p.Value.Cash.Effective);
        var byPeriod = spend.Where(s => range.Contains(s.Period)).GroupBy(s => s.Period).ToDictionary(g => g.Key, g => g.Sum(s => s.Amount));
        var spent = byPeriod.Values.Sum();
        var variance = cash.Values.Sum() - spent;
        var rule = RiskShare.For(fund.RiskShares, year);
        var shares = PooledFundRules.Split(variance, rule, cash);
        return new FundYearStatement
        {
            FundId = fund.Id,
            FundName = fund.Name,
            AgreementId = fund.AgreementId,
            FinancialYear = year,
            PeriodRange = range,
            Partners = partners.Keys.Union(shares.Keys).Order()
                .Select(p => new PartnerStatement(
                    p,
                    partners.TryGetValue(p, out var figures) ? figures.Cash : ContributionFigures.None,
                    partners.TryGetValue(p, out figures) ? figures.InKind : ContributionFigures.None,
                    shares.GetValueOrDefault(p)))
                .ToList(),
            Contributions = cash.Values.Sum(),
            InKindContributions = partners.Values.Sum(p => p.InKind.Effective),
            Spend = spent,
            Variance = variance,
            RiskShareMethod = rule.Method,
            Periods = range.Periods.Select(p => new PeriodSpend(p, byPeriod.GetValueOrDefault(p))).ToList(),
        };
    }
}
