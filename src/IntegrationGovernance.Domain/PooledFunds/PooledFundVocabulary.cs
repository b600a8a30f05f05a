namespace IntegrationGovernance.Domain.PooledFunds;

public enum ContributionKind
{
    Planned,
    Revised,
    Actual,
}

public enum ContributionForm
{
    Cash,
    InKind,
}

public enum RiskShareMethod
{
    /// <summary>Fixed percentages per partner, which may differ for an overspend and an underspend.</summary>
    Percentages,

    /// <summary>Each partner bears or keeps the variance in proportion to its contribution for the year.</summary>
    InProportionToContributions,
}

/// <summary>One partner's share of a year-end overspend and of an underspend, in percent.</summary>
public sealed record PartnerShare(Guid OrganisationId, decimal OverspendPercent, decimal UnderspendPercent);

/// <summary>How a year's variance is split between partners; a fund may set one per financial year.</summary>
public sealed record RiskShare
{
    public required int FinancialYearStart { get; init; }

    public required RiskShareMethod Method { get; init; }

    public List<PartnerShare> Shares { get; init; } = [];
}

/// <summary>Money to the penny: no more than two decimal places.</summary>
public static class Money
{
    public static bool IsPence(decimal amount) => decimal.Round(amount, 2) == amount;

    public const decimal Max = 99_999_999_999_999_999.99m;
}
