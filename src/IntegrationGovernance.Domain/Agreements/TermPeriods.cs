namespace IntegrationGovernance.Domain.Agreements;

public static class TermPeriods
{
    /// <summary>The periods with a day from <paramref name="first"/> to <paramref name="last"/> (open-ended when null), in order.</summary>
    public static IEnumerable<TermPeriod> Overlapping(this IEnumerable<TermPeriod> periods, DateOnly first, DateOnly? last) =>
        periods.Where(p => (last is not { } end || p.From <= end) && (p.Until is not { } until || until > first));
}
