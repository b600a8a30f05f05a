using IntegrationGovernance.Domain.Common;

namespace IntegrationGovernance.Domain.PooledFunds;

/// <summary>The expected full-year spend (less income) of one category, as forecast at a period.</summary>
public sealed record ForecastLine(string Category, decimal Amount);

/// <summary>
/// The fund host's forecast outturn for a financial year, as at one month period (P1 April … P12 March): the spend it
/// expects for the whole year, by category. A category the forecast does not name is forecast at nothing. Submitting
/// again for the same period replaces the forecast; each submission stays in the record's history.
/// </summary>
public sealed class ForecastOutturn : IVersionedRecord
{
    /// <summary>The most categories one forecast names.</summary>
    public const int MaxLines = 500;

    private ForecastOutturn()
    {
    }

    public Guid Id { get; private set; }

    public Guid FundId { get; private set; }

    public int FinancialYearStart { get; private set; }

    /// <summary>The period the forecast is made at: 1 (April) to 12 (March).</summary>
    public int Period { get; private set; }

    public List<ForecastLine> Lines { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the forecast now in force was submitted.</summary>
    public DateTimeOffset UpdatedAt { get; private set; }

    public uint Version { get; private set; }

    public FinancialYear FinancialYear => new(FinancialYearStart);

    public decimal Total => Lines.Sum(l => l.Amount);

    /// <summary>Only the fund's host (its pooled fund manager's organisation), or the register's administrator, submits its forecasts.</summary>
    public static bool MaySubmit(PooledFund fund, Actor actor) => actor.ActsFor(fund.HostOrganisationId);

    public static ForecastOutturn Submit(Guid fundId, FinancialYear year, int period, IEnumerable<ForecastLine> lines, DateTimeOffset now)
    {
        var forecast = new ForecastOutturn { Id = Guid.CreateVersion7(now), FundId = fundId, FinancialYearStart = year.StartYear, Period = period, CreatedAt = now };
        forecast.Resubmit(lines, now);
        return forecast;
    }

    /// <summary>A later forecast for the same period: it replaces this one, which stays in the record's history.</summary>
    public void Resubmit(IEnumerable<ForecastLine> lines, DateTimeOffset now)
    {
        Lines.Clear();
        Lines.AddRange(lines.Select(l => l with { Category = l.Category.Trim() }));
        UpdatedAt = now;
    }

    /// <summary>Why a period cannot be named, by parameter: it is 1 (April) to 12 (March).</summary>
    public static RuleViolation? PeriodProblem(int period) => period is < 1 or > 12 ? new("period", PeriodRange.Problem) : null;

    /// <summary>
    /// Why the lines cannot be the fund's forecast for the year at the period, by JSON path: the year is one the fund
    /// runs in; 1 to <see cref="MaxLines"/> lines, each naming a category once, with an amount in pounds to the penny within
    /// ±<see cref="Money.Max"/> (a category of income may be forecast below zero).
    /// </summary>
    public static IReadOnlyList<RuleViolation> Check(PooledFund fund, FinancialYear year, IReadOnlyList<ForecastLine?> lines)
    {
        var problems = new List<RuleViolation>();
        if (FundBudget.YearProblem(fund, year) is { } outside)
            problems.Add(outside);
        if (lines.Count is 0 or > MaxLines)
            problems.Add(new("$.lines", $"A forecast has 1 to {MaxLines} lines, one per category."));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Math.Min(lines.Count, MaxLines); i++)
        {
            var at = $"$.lines[{i}]";
            if (lines[i] is not { } line)
            {
                problems.Add(new(at, "A line is an object with a category and an amount, not null."));
                continue;
            }
            if (FundBudget.CategoryProblem(line.Category) is { } category)
                problems.Add(new($"{at}.category", category));
            else if (!seen.Add(line.Category.Trim()))
                problems.Add(new($"{at}.category", "This category is forecast twice; give each category one line."));
            if (!Money.IsAccepted(line.Amount))
                problems.Add(new($"{at}.amount", $"A forecast is an amount in pounds, at most {Money.MaxWritten} either way, with at most two decimal places."));
        }
        return problems;
    }
}
