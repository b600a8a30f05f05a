using IntegrationGovernance.Domain.Common;

namespace IntegrationGovernance.Domain.PooledFunds;

/// <summary>
/// One line of a fund's budget: a category (a scheme or cost line, named as the fund's ledger lines name it), optionally
/// the part of it one partner funds, and the amount.
/// </summary>
public sealed record BudgetLine(string Category, Guid? OrganisationId, decimal Amount);

/// <summary>
/// A fund's budget for one financial year, by category and optionally by partner. Setting it again replaces the whole
/// year's budget; the register keeps each version as a revision of this record, so the history shows every budget set.
/// </summary>
public sealed class FundBudget : IVersionedRecord
{
    /// <summary>The most lines one budget has: a fund's schemes or cost lines, each split between a few partners.</summary>
    public const int MaxLines = 500;

    private FundBudget()
    {
    }

    public Guid Id { get; private set; }

    public Guid FundId { get; private set; }

    public int FinancialYearStart { get; private set; }

    public List<BudgetLine> Lines { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public uint Version { get; private set; }

    public FinancialYear FinancialYear => new(FinancialYearStart);

    /// <summary>The sum of every line.</summary>
    public decimal Total => Lines.Sum(l => l.Amount);

    /// <summary>A first budget for the year; its lines as <see cref="Check"/> has accepted them.</summary>
    public static FundBudget Set(Guid fundId, FinancialYear year, IEnumerable<BudgetLine> lines, DateTimeOffset now)
    {
        var budget = new FundBudget { Id = Guid.CreateVersion7(now), FundId = fundId, FinancialYearStart = year.StartYear, CreatedAt = now };
        budget.Replace(lines, now);
        return budget;
    }

    /// <summary>Replaces the year's budget with <paramref name="lines"/>: the earlier one stays in the record's history.</summary>
    public void Replace(IEnumerable<BudgetLine> lines, DateTimeOffset now)
    {
        Lines.Clear();
        Lines.AddRange(lines.Select(l => l with { Category = l.Category.Trim() }));
        UpdatedAt = now;
    }

    /// <summary>
    /// Why the lines cannot be the fund's budget for the year, by JSON path: the year is one the fund runs in; at least
    /// one line and at most <see cref="MaxLines"/>; each names a category (at most as long as a ledger line's) and an
    /// amount in pounds from 0 to <see cref="Money.Max"/>, to the penny; a partner named is a party to the fund's
    /// agreement; and no category is budgeted twice for the same partner (or twice for none).
    /// </summary>
    public static IReadOnlyList<RuleViolation> Check(PooledFund fund, FinancialYear year, IReadOnlyList<BudgetLine?> lines, IReadOnlyCollection<Guid> parties)
    {
        var problems = new List<RuleViolation>();
        if (YearProblem(fund, year) is { } outside)
            problems.Add(outside);
        if (lines.Count is 0 or > MaxLines)
            problems.Add(new("$.lines", $"A budget has 1 to {MaxLines} lines."));
        var seen = new HashSet<(string, Guid?)>();
        for (var i = 0; i < Math.Min(lines.Count, MaxLines); i++)
        {
            var at = $"$.lines[{i}]";
            if (lines[i] is not { } line)
            {
                problems.Add(new(at, "A line is an object with a category and an amount, not null."));
                continue;
            }
            if (CategoryProblem(line.Category) is { } category)
                problems.Add(new($"{at}.category", category));
            else if (!seen.Add((line.Category.Trim(), line.OrganisationId)))
                problems.Add(new($"{at}.category", line.OrganisationId is null
                    ? "This category is budgeted twice; give each category one line (or one line per partner)."
                    : "This category is budgeted twice for this partner."));
            if (line.OrganisationId is { } partner && !parties.Contains(partner))
                problems.Add(new($"{at}.organisationId", "Only a party to the fund's agreement has a part of its budget."));
            if (line.Amount < 0 || !Money.IsAccepted(line.Amount))
                problems.Add(new($"{at}.amount", $"A budget is an amount in pounds from 0 to {Money.MaxWritten}, with at most two decimal places."));
        }
        return problems;
    }

    /// <summary>Why a category cannot be named: it is empty, or longer than a ledger line's category may be.</summary>
    public static string? CategoryProblem(string? category) =>
        string.IsNullOrWhiteSpace(category) || category.Trim().Length > LedgerLine.MaxCategoryLength
            ? $"A category or scheme is required, at most {LedgerLine.MaxCategoryLength} characters, named as the fund's ledger lines name it."
            : null;

    /// <summary>Why a fund can have no budget or forecast for a year: the fund does not run in any of it.</summary>
    public static RuleViolation? YearProblem(PooledFund fund, FinancialYear year) =>
        year.LastDay < fund.StartsOn || (fund.EndsOn is { } end && year.FirstDay > end)
            ? new("financialYear", $"The fund runs from {fund.StartsOn:yyyy-MM-dd}{(fund.EndsOn is { } e ? $" to {e:yyyy-MM-dd}" : string.Empty)}; {year} is outside it.")
            : null;
}
