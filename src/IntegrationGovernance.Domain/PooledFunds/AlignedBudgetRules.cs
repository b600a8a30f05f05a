using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Common;

namespace IntegrationGovernance.Domain.PooledFunds;

/// <summary>
/// Aligned budgets: partners to an agreement for joint working align their own budgets to it without pooling them (lead
/// commissioning and integrated provision under section 75 often do; a pooled fund's agreement may align other budgets
/// beside it). A transfer (section 256 or 76) moves money by payment, and a section 113 arrangement places staff, so neither
/// aligns budgets.
/// </summary>
public static class AlignedBudgetRules
{
    public static bool MayAlign(StatutoryBasis basis) =>
        basis is not (StatutoryBasis.Section256NhsAct2006 or StatutoryBasis.Section76NhsAct2006 or StatutoryBasis.Section113LocalGovernmentAct1972);

    /// <summary>Refuses (422) an agreement whose basis aligns no budgets.</summary>
    public static void EnsureMayAlign(Agreement agreement)
    {
        if (!MayAlign(agreement.Basis))
            throw new RegisterRuleException("agreement-aligns-no-budgets",
                $"Agreement {agreement.Reference} is made under {agreement.Basis}, which aligns no budgets: a section 256 or 76 transfer moves money by payment, and a section 113 arrangement places staff.");
    }

    /// <summary>Why a partner's report cannot be recorded, field by field (the route's <c>financialYear</c> and <c>organisationId</c>, the body's JSON paths).</summary>
    public static IReadOnlyList<RuleViolation> Check(Agreement agreement, Guid organisationId, string financialYear, AlignedBudgetFigures figures)
    {
        var problems = new List<RuleViolation>();
        if (!FinancialYear.TryParse(financialYear, out var year))
            problems.Add(new("financialYear", FinancialYear.Problem));
        else if (!agreement.RunsDuring(year.Value))
            problems.Add(new("financialYear", agreement.NotRunning(year.Value)));
        else if (!agreement.PartiesDuring(year.Value).Contains(organisationId))
            problems.Add(new("organisationId", $"Only a party to agreement {agreement.Reference} in {year} aligns a budget to it."));
        CheckAmount(figures.Budget, "$.budget", "A budget", problems);
        CheckAmount(figures.Spend, "$.spend", "Spend", problems);
        if (figures.Note is { Length: > AlignedBudgetReport.MaxNoteLength })
            problems.Add(new("$.note", $"A note is at most {AlignedBudgetReport.MaxNoteLength} characters."));
        if (figures.Categories.Count > AlignedBudgetReport.MaxCategories)
            problems.Add(new("$.categories", $"At most {AlignedBudgetReport.MaxCategories} categories."));
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < figures.Categories.Count; i++)
        {
            var category = figures.Categories[i];
            var name = category.Category?.Trim() ?? string.Empty;
            if (name.Length is 0 or > AlignedBudgetReport.MaxCategoryLength)
                problems.Add(new($"$.categories[{i}].category", $"A category or service is 1 to {AlignedBudgetReport.MaxCategoryLength} characters."));
            else if (!seen.Add(name))
                problems.Add(new($"$.categories[{i}].category", "This category is listed twice."));
            CheckAmount(category.Budget, $"$.categories[{i}].budget", "A budget", problems);
            CheckAmount(category.Spend, $"$.categories[{i}].spend", "Spend", problems);
        }
        if (figures.Categories.Count > 0 && problems.Count == 0)
        {
            if (figures.Categories.Sum(c => c.Budget) != figures.Budget)
                problems.Add(new("$.categories", "The categories' budgets add up to the budget."));
            if (figures.Categories.Sum(c => c.Spend) != figures.Spend)
                problems.Add(new("$.categories", "The categories' spend adds up to the spend."));
        }
        return problems;
    }

    /// <summary>Refuses (422) a report beyond the most revisions a partner keeps for a year.</summary>
    public static void EnsureRoom(AlignedBudgetReport? previous)
    {
        if (previous is { Revision: >= AlignedBudgetReport.MaxRevisions })
            throw new RegisterRuleException("too-many-aligned-budget-reports",
                $"A partner reports its aligned budget for a year at most {AlignedBudgetReport.MaxRevisions} times.");
    }

    /// <summary>Each partner's latest report for each year among <paramref name="reported"/>: a later report replaces the earlier, never adds to it.</summary>
    public static IReadOnlyList<AlignedBudgetReport> Latest(IEnumerable<AlignedBudgetReport> reported) =>
        reported
            .GroupBy(r => (r.AgreementId, r.OrganisationId, r.FinancialYearStart))
            .Select(g => g.OrderBy(r => r.Revision).Last())
            .OrderBy(r => r.AgreementId).ThenBy(r => r.FinancialYearStart).ThenBy(r => r.OrganisationId)
            .ToList();

    private static void CheckAmount(decimal amount, string field, string what, List<RuleViolation> problems)
    {
        if (amount < 0 || !Money.IsAccepted(amount))
            problems.Add(new(field, $"{what} is an amount in pounds from 0 to {Money.MaxWritten}, with at most two decimal places."));
    }
}
