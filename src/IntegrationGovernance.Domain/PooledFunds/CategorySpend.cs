namespace IntegrationGovernance.Domain.PooledFunds;

/// <summary>Spend less income booked to a fund in one month period and one category (or scheme), summed by the database.</summary>
public sealed record CategorySpend(int Period, string Category, decimal Amount);
