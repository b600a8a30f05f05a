namespace IntegrationGovernance.Domain.PooledFunds;

/// <summary>
/// One partner's aligned budget and spend for a financial year under an agreement, as the partner reports it. Aligned
/// budgets are not pooled: each partner keeps and accounts for its own money, aligned to the agreement's shared aims (as
/// under lead commissioning or integrated provision). Reports are never edited: a new report replaces the previous one as
/// its next revision, so every report stays on record and the latest counts.
/// </summary>
public sealed class AlignedBudgetReport
{
    public const int MaxNoteLength = 2_000;
    public const int MaxCategories = 200;
    public const int MaxCategoryLength = 100;

    /// <summary>The most revisions one partner reports for one year: every read of its history is bounded.</summary>
    public const int MaxRevisions = 500;

    private AlignedBudgetReport()
    {
    }

    public Guid Id { get; private set; }

    public Guid AgreementId { get; private set; }

    public Guid OrganisationId { get; private set; }

    public int FinancialYearStart { get; private set; }

    /// <summary>1 for the partner's first report for the year, then one more for each that replaces it.</summary>
    public int Revision { get; private set; }

    public decimal Budget { get; private set; }

    public decimal Spend { get; private set; }

    /// <summary>The same figures by category or service, when the partner reports them so; they add up to <see cref="Budget"/> and <see cref="Spend"/>.</summary>
    public List<AlignedBudgetCategory> Categories { get; private set; } = [];

    public string? Note { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public FinancialYear FinancialYear => new(FinancialYearStart);

    /// <summary>Budget − spend: positive is an underspend, negative an overspend (the partner's own, not shared).</summary>
    public decimal Variance => Budget - Spend;

    /// <summary>A report from figures <see cref="AlignedBudgetRules.Check"/> has accepted, replacing <paramref name="previous"/> (the partner's latest for the year) if there is one.</summary>
    public static AlignedBudgetReport Report(Guid agreementId, Guid organisationId, FinancialYear year, AlignedBudgetFigures figures,
        AlignedBudgetReport? previous, DateTimeOffset now)
    {
        if (previous is not null && (previous.AgreementId, previous.OrganisationId, previous.FinancialYearStart) != (agreementId, organisationId, year.StartYear))
            throw new ArgumentException("A report replaces only the same partner's report for the same agreement and year.", nameof(previous));
        return new()
        {
            Id = Guid.CreateVersion7(now),
            AgreementId = agreementId,
            OrganisationId = organisationId,
            FinancialYearStart = year.StartYear,
            Revision = (previous?.Revision ?? 0) + 1,
            Budget = figures.Budget,
            Spend = figures.Spend,
            Categories = figures.Categories.Select(c => c with { Category = c.Category.Trim() }).ToList(),
            Note = string.IsNullOrWhiteSpace(figures.Note) ? null : figures.Note.Trim(),
            CreatedAt = now,
        };
    }
}

/// <summary>A budget and spend for one category or service.</summary>
public sealed record AlignedBudgetCategory(string Category, decimal Budget, decimal Spend);

/// <summary>A partner's figures as it states them, before they are checked.</summary>
public sealed record AlignedBudgetFigures(decimal Budget, decimal Spend, IReadOnlyList<AlignedBudgetCategory> Categories, string? Note);
