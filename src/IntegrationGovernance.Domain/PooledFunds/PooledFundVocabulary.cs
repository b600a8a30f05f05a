using System.Globalization;
using System.Numerics;

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

    /// <summary>The rule for a year among a fund's <paramref name="rules"/> (in year order): its own, else the latest earlier one, else in proportion to contributions.</summary>
    public static RiskShare For(IEnumerable<RiskShare> rules, FinancialYear year) =>
        rules.LastOrDefault(r => r.FinancialYearStart <= year.StartYear)
        ?? new RiskShare { FinancialYearStart = year.StartYear, Method = RiskShareMethod.InProportionToContributions };
}

/// <summary>Money to the penny, within the range the register accepts.</summary>
public static class Money
{
    /// <summary>
    /// The largest amount accepted in any one money field, either sign: just under £1 trillion. The largest English
    /// public budgets (NHS England's, about £190bn a year) fit several times over, and a sum of millions of such
    /// figures still fits both <c>numeric(19,2)</c> per period and <see cref="decimal"/> arithmetic.
    /// </summary>
    public const decimal Max = 999_999_999_999.99m;

    /// <summary><see cref="Max"/> as the contract writes it, for attributes the OpenAPI document reads.</summary>
    public const string MaxText = "999999999999.99";

    public const string MinText = "-999999999999.99";

    /// <summary>What a request is told when an amount is outside the range.</summary>
    public const string OutOfRange = "An amount is in pounds, at most 999,999,999,999.99 either way (0 or more where it cannot be negative).";

    public static readonly string MaxWritten = Max.ToString("#,0.00", CultureInfo.InvariantCulture);

    public static bool IsPence(decimal amount) => decimal.Round(amount, 2) == amount;

    /// <summary>Within ±<see cref="Max"/>, to the penny.</summary>
    public static bool IsAccepted(decimal amount) => Math.Abs(amount) <= Max && IsPence(amount);

    /// <summary>An amount in whole pence, exactly, however large (a stored figure may be beyond <see cref="Max"/>).</summary>
    public static BigInteger ToPence(decimal amount) => Units(amount, 2);

    /// <summary>Whole pence back to pounds.</summary>
    public static decimal FromPence(BigInteger pence) =>
        (decimal)BigInteger.DivRem(pence, 100, out var rest) + (decimal)rest / 100m;

    /// <summary><paramref name="value"/> × 10^<paramref name="scale"/> as an integer, truncating any finer digits.</summary>
    public static BigInteger Units(decimal value, int scale)
    {
        var bits = decimal.GetBits(value);
        var mantissa = (new BigInteger((uint)bits[2]) << 64) | (new BigInteger((uint)bits[1]) << 32) | (uint)bits[0];
        var digits = value.Scale;
        var units = digits <= scale ? mantissa * BigInteger.Pow(10, scale - digits) : mantissa / BigInteger.Pow(10, digits - scale);
        return value < 0 ? -units : units;
    }
}
