using IntegrationGovernance.Domain.Agreements;

namespace IntegrationGovernance.Domain.PooledFunds;

/// <summary>An agreement's financial years: whether it runs in one, and who is a party to it then.</summary>
public static class AgreementYears
{
    /// <summary>
    /// True when the agreement is in force on some day of the year: commenced, approved and active, within its term as
    /// then varied, not yet terminated or expired (a draft or suspended agreement is not).
    /// </summary>
    public static bool RunsDuring(this Agreement agreement, FinancialYear year) =>
        agreement.Periods.Overlapping(year.FirstDay, year.LastDay).Any(p => p.Active);

    /// <summary>
    /// Every organisation that is a party on some day of the year the agreement is in force, as varied and novated by then
    /// (a predecessor until its successor takes its place).
    /// </summary>
    public static IReadOnlySet<Guid> PartiesDuring(this Agreement agreement, FinancialYear year) =>
        agreement.Periods
            .Overlapping(year.FirstDay, year.LastDay)
            .Where(p => p.Active)
            .SelectMany(p => p.Parties)
            .Select(p => p.OrganisationId)
            .ToHashSet();

    /// <summary>What a request is told when the year is outside the agreement's term.</summary>
    public static string NotRunning(this Agreement agreement, FinancialYear year) =>
        $"Agreement {agreement.Reference} does not run in {year}: it is in force from {agreement.CommencesOn:yyyy-MM-dd}"
        + (agreement.LatestEndsOn is { } end ? $" to {end:yyyy-MM-dd}" : string.Empty) + ", until it is terminated or expires.";
}
