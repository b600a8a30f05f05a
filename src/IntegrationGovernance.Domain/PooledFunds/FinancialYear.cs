using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace IntegrationGovernance.Domain.PooledFunds;

/// <summary>
/// A UK public-sector financial year, 1 April to 31 March, written <c>2015-16</c>. Month periods run
/// P1 (April) to P12 (March).
/// </summary>
public readonly partial record struct FinancialYear(int StartYear)
{
    public DateOnly FirstDay => new(StartYear, 4, 1);

    public DateOnly LastDay => new(StartYear + 1, 3, 31);

    public static FinancialYear Of(DateOnly day) => new(day.Month >= 4 ? day.Year : day.Year - 1);

    /// <summary>P1 is April, P12 is March.</summary>
    public static int PeriodOf(DateOnly day) => (day.Month + 8) % 12 + 1;

    public bool Contains(DateOnly day) => FirstDay <= day && day <= LastDay;

    /// <summary>How a financial year is written: <c>2015-16</c>.</summary>
    public const string Pattern = "^(19|20)[0-9]{2}-[0-9]{2}$";

    /// <summary>The length of <see cref="Pattern"/>'s text.</summary>
    public const int Length = 7;

    /// <summary>How many financial years <see cref="Pattern"/> can name: those starting in 1900 to 2099.</summary>
    public const int MaxYears = 200;

    /// <summary>Parses <c>2015-16</c>: four digits, a hyphen, and the next year's last two digits.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out FinancialYear? year)
    {
        year = null;
        if (text is null || !Format().IsMatch(text))
            return false;
        var start = int.Parse(text[..4], CultureInfo.InvariantCulture);
        if ((start + 1) % 100 != int.Parse(text[5..], CultureInfo.InvariantCulture))
            return false;
        year = new FinancialYear(start);
        return true;
    }

    public override string ToString() => $"{StartYear}-{(StartYear + 1) % 100:00}";

    public const string Problem = "A financial year is written like 2015-16: the year it starts on 1 April, and the last two digits of the next.";

    [GeneratedRegex(Pattern)]
    private static partial Regex Format();
}
