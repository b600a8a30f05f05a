using System.Globalization;

namespace IntegrationGovernance.Domain.PooledFunds;

/// <summary>One month period of a financial year: P1 is April, P12 the March after.</summary>
public readonly record struct MonthPeriod
{
    public const string Problem = "A period is 1 (April) to 12 (March).";

    private MonthPeriod(FinancialYear year, int number) => (Year, Number) = (year, number);

    public FinancialYear Year { get; }

    /// <summary>1 (April) to 12 (March).</summary>
    public int Number { get; }

    public DateOnly FirstDay => Year.FirstDay.AddMonths(Number - 1);

    public DateOnly LastDay => FirstDay.AddMonths(1).AddDays(-1);

    public static bool IsNumber(int number) => number is >= 1 and <= 12;

    public static MonthPeriod Of(FinancialYear year, int number) =>
        IsNumber(number) ? new(year, number) : throw new ArgumentOutOfRangeException(nameof(number), number, Problem);

    public static MonthPeriod Of(DateOnly day) => new(FinancialYear.Of(day), FinancialYear.PeriodOf(day));

    /// <summary>Whether the period has a day on which the fund runs (from its start, to its end if it has one).</summary>
    public bool Overlaps(DateOnly startsOn, DateOnly? endsOn) => LastDay >= startsOn && (endsOn is not { } end || FirstDay <= end);

    /// <summary><c>P7 2015-16 (October 2015)</c>.</summary>
    public override string ToString() => $"P{Number} {Year} ({FirstDay.ToString("MMMM yyyy", CultureInfo.InvariantCulture)})";
}
