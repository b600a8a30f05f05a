using System.Numerics;
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
        if (amount < 0 || !Money.IsAccepted(amount))
            problems.Add(new("$.amount", $"A contribution is an amount in pounds from 0 to {Money.MaxWritten}, with at most two decimal places."));
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
        // in whole units (pence, and weights scaled to integers), so no product can overflow and every remainder is exact
        var scale = weights.Values.Select(w => (int)w.Scale).DefaultIfEmpty(0).Max();
        var units = weights.ToDictionary(w => w.Key, w => Money.Units(w.Value, scale));
        var total = units.Values.Aggregate(BigInteger.Zero, BigInteger.Add);
        if (total.IsZero || variance == 0)
            return weights.Keys.Concat(contributions.Keys).Distinct().ToDictionary(k => k, _ => 0m);

        var pence = BigInteger.Abs(Money.ToPence(variance));
        var sign = Math.Sign(variance);
        var parts = units.ToDictionary(u => u.Key, u => (Floor: BigInteger.DivRem(pence * u.Value, total, out var rest), Remainder: rest));
        var left = (int)(pence - parts.Values.Aggregate(BigInteger.Zero, (sum, p) => sum + p.Floor));
        var topped = parts.OrderByDescending(p => p.Value.Remainder).ThenBy(p => p.Key).Take(left).Select(p => p.Key).ToHashSet();
        return parts.ToDictionary(p => p.Key, p => sign * Money.FromPence(p.Value.Floor + (topped.Contains(p.Key) ? 1 : 0)));
    }
}
