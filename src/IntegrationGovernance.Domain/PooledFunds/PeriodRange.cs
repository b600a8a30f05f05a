namespace IntegrationGovernance.Domain.PooledFunds;

/// <summary>A run of month periods of a financial year, P1 (April) to P12 (March), both ends included.</summary>
public readonly record struct PeriodRange
{
    public const string Problem = "A period is 1 (April) to 12 (March).";

    public const int First = 1;
    public const int Last = 12;

    private PeriodRange(int from, int to) => (From, To) = (from, to);

    public int From { get; }

    public int To { get; }

    public static PeriodRange WholeYear => new(1, 12);

    public IEnumerable<int> Periods => Enumerable.Range(From, To - From + 1);

    public bool Contains(int period) => From <= period && period <= To;

    /// <summary>Why a range cannot be read, by parameter name; none means <see cref="Of"/> gives it (absent ends are P1 and P12).</summary>
    public static IEnumerable<(string Field, string Message)> Problems(int? from, int? to)
    {
        if (from is < First or > Last)
            yield return ("fromPeriod", Problem);
        if (to is < First or > Last)
            yield return ("toPeriod", Problem);
        if (from > to)
            yield return ("toPeriod", "The last period is not before the first.");
    }

    public static PeriodRange Of(int? from, int? to) =>
        Problems(from, to).Any() ? throw new ArgumentOutOfRangeException(nameof(from), $"P{from}..P{to} is not a range of periods.") : new(from ?? 1, to ?? 12);
}
