namespace IntegrationGovernance.Domain.Common;

/// <summary>An inclusive range of calendar dates; a missing end means open-ended, a missing start means "since before records began".</summary>
public readonly record struct DateRange(DateOnly? From, DateOnly? To)
{
    public bool Contains(DateOnly date) => (From is null || From <= date) && (To is null || date <= To);

    public bool IsOrdered => From is null || To is null || From <= To;
}
