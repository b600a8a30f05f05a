using IntegrationGovernance.Domain.Agreements;

namespace IntegrationGovernance.Domain.PooledFunds;

/// <summary>An agreement's financial years: whether it runs in one, and who is a party to it then.</summary>
public static class AgreementYears
{
    /// <summary>
    /// True when the agreement runs at some time in the year: it has commenced by the year's last day, and on the year's
    /// first day (or its commencement, if later) it has not ended, been terminated or expired.
    /// </summary>
    public static bool RunsDuring(this Agreement agreement, FinancialYear year)
    {
        if (agreement.CommencesOn > year.LastDay)
            return false;
        var from = agreement.CommencesOn > year.FirstDay ? agreement.CommencesOn : year.FirstDay;
        var terms = agreement.TermsOn(from);
        return terms.Status is not (AgreementStatus.Terminated or AgreementStatus.Expired) && (terms.EndsOn is not { } end || end >= from);
    }

    /// <summary>Every organisation that is a party on some day of the year, as varied and novated by then (a predecessor until its successor takes its place).</summary>
    public static IReadOnlySet<Guid> PartiesDuring(this Agreement agreement, FinancialYear year) =>
        agreement.Periods
            .Where(p => p.From <= year.LastDay && (p.Until is not { } until || until > year.FirstDay))
            .SelectMany(p => p.Parties)
            .Select(p => p.OrganisationId)
            .ToHashSet();

    /// <summary>What a request is told when the year is outside the agreement's term.</summary>
    public static string NotRunning(this Agreement agreement, FinancialYear year) =>
        $"Agreement {agreement.Reference} does not run in {year}: it is in force from {agreement.CommencesOn:yyyy-MM-dd}"
        + (agreement.LatestEndsOn is { } end ? $" to {end:yyyy-MM-dd}" : string.Empty) + ", until it is terminated or expires.";
}
