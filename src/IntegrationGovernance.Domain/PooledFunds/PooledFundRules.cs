using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Common;

namespace IntegrationGovernance.Domain.PooledFunds;

public static class PooledFundRules
{
    /// <summary>A fund belongs to an agreement using the pooled-fund flexibility, and is hosted by its Host party.</summary>
    public static IReadOnlyList<RuleViolation> CheckFund(Agreement agreement, string name, Guid host, DateOnly startsOn, DateOnly? endsOn)
    {
        if (!agreement.Flexibilities.Contains(Flexibility.PooledFund))
            throw new RegisterRuleException("agreement-without-pooled-fund",
                $"Agreement {agreement.Reference} does not use the pooled-fund flexibility, so it cannot have a pooled fund.", "$.agreementId");
        var problems = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
            problems.Add(new("$.name", "A name is required, at most 200 characters."));
        if (!agreement.Parties.Any(p => p.OrganisationId == host && p.Role == PartyRole.Host))
            problems.Add(new("$.hostOrganisationId", "The fund is hosted by the agreement's Host party."));
        if (endsOn is { } end && end < startsOn)
            problems.Add(new("$.endsOn", "The end date is before the start date."));
        return problems;
    }

    public static IReadOnlyList<RuleViolation> CheckContribution(
        IReadOnlyCollection<Guid> parties, Guid organisationId, string financialYear, ContributionKind kind, ContributionForm form, decimal amount)
    {
        var problems = new List<RuleViolation>();
        if (!parties.Contains(organisationId))
            problems.Add(new("$.organisationId", "Only a party to the fund's agreement contributes to it."));
        if (!FinancialYear.TryParse(financialYear, out _))
            problems.Add(new("$.financialYear", FinancialYear.Problem));
        if (!Enum.IsDefined(kind))
            problems.Add(new("$.kind", "Unknown contribution kind."));
        if (!Enum.IsDefined(form))
            problems.Add(new("$.form", "Unknown contribution form."));
        if (amount < 0 || amount > Money.Max || !Money.IsPence(amount))
            problems.Add(new("$.amount", "A contribution is a non-negative amount in pounds with at most two decimal places."));
        return problems;
    }

    public static IReadOnlyList<RuleViolation> CheckRiskShare(RiskShare share, IReadOnlyCollection<Guid> parties)
    {
        var problems = new List<RuleViolation>();
        if (!Enum.IsDefined(share.Method))
            return [new("$.method", "Unknown risk-share method.")];
        if (share.Method == RiskShareMethod.InProportionToContributions)
        {
            if (share.Shares.Count > 0)
                problems.Add(new("$.shares", "Shares in proportion to contributions take no percentages."));
            return problems;
        }
        for (var i = 0; i < share.Shares.Count; i++)
        {
            var partner = share.Shares[i];
            if (!parties.Contains(partner.OrganisationId))
                problems.Add(new($"$.shares[{i}].organisationId", "Only a party to the agreement shares the risk."));
            if (share.Shares.Take(i).Any(s => s.OrganisationId == partner.OrganisationId))
                problems.Add(new($"$.shares[{i}].organisationId", "This partner is listed twice."));
            if (partner.OverspendPercent is < 0 or > 100 || partner.UnderspendPercent is < 0 or > 100)
                problems.Add(new($"$.shares[{i}]", "Percentages are between 0 and 100."));
        }
        if (share.Shares.Sum(s => s.OverspendPercent) != 100)
            problems.Add(new("$.shares", "The overspend percentages add to 100."));
        if (share.Shares.Sum(s => s.UnderspendPercent) != 100)
            problems.Add(new("$.shares", "The underspend percentages add to 100."));
        return problems;
    }

    /// <summary>
    /// Splits a variance (contributions − spend: negative is an overspend) between partners, exactly to the
    /// penny: each share is rounded down to a penny and the pennies left over go, one each, to the partners
    /// with the largest remainders, so the shares always add up to the variance.
    /// </summary>
    public static IReadOnlyDictionary<Guid, decimal> Split(decimal variance, RiskShare rule, IReadOnlyDictionary<Guid, decimal> contributions)
    {
        var weights = rule.Method == RiskShareMethod.InProportionToContributions
            ? contributions.Where(c => c.Value > 0).ToDictionary(c => c.Key, c => c.Value)
            : rule.Shares.ToDictionary(s => s.OrganisationId, s => variance < 0 ? s.OverspendPercent : s.UnderspendPercent);
        var total = weights.Values.Sum();
        if (total == 0 || variance == 0)
            return weights.Keys.Concat(contributions.Keys).Distinct().ToDictionary(k => k, _ => 0m);

        var pence = decimal.ToInt64(variance * 100);
        var sign = Math.Sign(pence);
        var exact = weights.ToDictionary(w => w.Key, w => Math.Abs(pence) * w.Value / total);
        var floors = exact.ToDictionary(e => e.Key, e => decimal.Floor(e.Value));
        var left = Math.Abs(pence) - (long)floors.Values.Sum();
        foreach (var partner in exact.OrderByDescending(e => e.Value - floors[e.Key]).ThenBy(e => e.Key).Take((int)left))
            floors[partner.Key] += 1;
        return floors.ToDictionary(f => f.Key, f => sign * f.Value / 100m);
    }
}
