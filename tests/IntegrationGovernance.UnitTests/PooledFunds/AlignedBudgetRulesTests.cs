using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Common;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.Domain.PooledFunds;
using IntegrationGovernance.UnitTests.Agreements;

namespace IntegrationGovernance.UnitTests.PooledFunds;

/// <summary>A partner's aligned budget: its own figures, checked, each report replacing the previous one as its next revision.</summary>
public sealed class AlignedBudgetRulesTests
{
    private static readonly DateTimeOffset Now = new(2016, 1, 15, 9, 0, 0, TimeSpan.Zero);
    private static readonly Organisation Council = Organisation.Create(new OrganisationDetails("Aligned Council", OrganisationType.LondonBorough, null, null, new(1965, 4, 1), null), Now);
    private static readonly Organisation Ccg = Organisation.Create(new OrganisationDetails("Aligned CCG", OrganisationType.ClinicalCommissioningGroup, null, null, new(2013, 4, 1), null), Now);
    private static readonly FinancialYear Year = new(2015);

    private static readonly Agreement LeadCommissioning =
        AgreementFixtures.Active(TransferPaymentRulesTests.Details(StatutoryBasis.Section75NhsAct2006, new(2013, 4, 1), Council, Ccg), Now);

    [Fact]
    public void A_later_report_replaces_the_earlier_as_its_next_revision_and_only_the_latest_counts()
    {
        var first = AlignedBudgetReport.Report(LeadCommissioning.Id, Ccg.Id, Year, Figures(1_000m, 400m), null, Now);
        var second = AlignedBudgetReport.Report(LeadCommissioning.Id, Ccg.Id, Year, Figures(1_000m, 700m), first, Now.AddDays(30));
        var council = AlignedBudgetReport.Report(LeadCommissioning.Id, Council.Id, Year, Figures(2_000m, 2_100m), null, Now);
        var lastYear = AlignedBudgetReport.Report(LeadCommissioning.Id, Ccg.Id, new FinancialYear(2014), Figures(900m, 900m), null, Now);

        var latest = AlignedBudgetRules.Latest([second, lastYear, first, council]);

        Assert.Equal((1, 2), (first.Revision, second.Revision));
        Assert.Equal([lastYear.Id], latest.Where(r => r.FinancialYearStart == 2014).Select(r => r.Id));
        Assert.Equal(new[] { council.Id, second.Id }.Order(), latest.Where(r => r.FinancialYearStart == 2015).Select(r => r.Id).Order());
        Assert.Equal((300m, -100m), (second.Variance, council.Variance));
        Assert.Throws<ArgumentException>(() => AlignedBudgetReport.Report(LeadCommissioning.Id, Council.Id, Year, Figures(1m, 1m), second, Now));
    }

    [Fact]
    public void Categories_add_up_to_the_budget_and_the_spend()
    {
        var adding = Figures(1_000m, 700m, ("Reablement", 600m, 500m), ("Equipment", 400m, 200m));
        var notAdding = Figures(1_000m, 700m, ("Reablement", 600m, 500m), ("Equipment", 300m, 250m));

        Assert.Empty(AlignedBudgetRules.Check(LeadCommissioning, Ccg.Id, "2015-16", adding));
        Assert.Equal(["$.categories", "$.categories"], AlignedBudgetRules.Check(LeadCommissioning, Ccg.Id, "2015-16", notAdding).Select(p => p.Field));
    }

    public static TheoryData<string, string, Guid?, AlignedBudgetFigures> BadInput() => new()
    {
        { "financialYear", "2015/16", null, Figures(1m, 1m) },
        { "financialYear", "2012-13", null, Figures(1m, 1m) },
        { "organisationId", "2015-16", Guid.NewGuid(), Figures(1m, 1m) },
        { "$.budget", "2015-16", null, Figures(-1m, 1m) },
        { "$.budget", "2015-16", null, Figures(1.005m, 1m) },
        { "$.spend", "2015-16", null, Figures(1m, Money.Max + 1m) },
        { "$.note", "2015-16", null, Figures(1m, 1m) with { Note = new string('n', AlignedBudgetReport.MaxNoteLength + 1) } },
        { "$.categories[1].category", "2015-16", null, Figures(2m, 2m, ("Care", 1m, 1m), ("care ", 1m, 1m)) },
        { "$.categories[0].category", "2015-16", null, Figures(1m, 1m, (" ", 1m, 1m)) },
        { "$.categories[0].spend", "2015-16", null, Figures(1m, 1m, ("Care", 1m, -1m)) },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public void Bad_input_is_refused_naming_its_field(string field, string year, Guid? partner, AlignedBudgetFigures figures)
    {
        var problems = AlignedBudgetRules.Check(LeadCommissioning, partner ?? Council.Id, year, figures);

        Assert.Contains(field, problems.Select(p => p.Field));
    }

    [Theory]
    [InlineData(StatutoryBasis.Section75NhsAct2006, false)]
    [InlineData(StatutoryBasis.Section10ChildrenAct2004, false)]
    [InlineData(StatutoryBasis.MemorandumOfAgreement, false)]
    [InlineData(StatutoryBasis.Section256NhsAct2006, true)]
    [InlineData(StatutoryBasis.Section76NhsAct2006, true)]
    [InlineData(StatutoryBasis.Section113LocalGovernmentAct1972, true)]
    public void Transfers_and_staffing_arrangements_align_no_budgets(StatutoryBasis basis, bool refused)
    {
        var agreement = Agreement.Draft(TransferPaymentRulesTests.Details(basis, new(2013, 4, 1), Council, Ccg), Now);

        var refusal = Record.Exception(() => AlignedBudgetRules.EnsureMayAlign(agreement));

        Assert.Equal(refused, refusal is RegisterRuleException { Code: "agreement-aligns-no-budgets" });
    }

    [Fact]
    public void A_partner_reports_a_year_at_most_the_most_revisions_kept()
    {
        var report = AlignedBudgetReport.Report(LeadCommissioning.Id, Ccg.Id, Year, Figures(1m, 1m), null, Now);
        for (var i = 1; i < AlignedBudgetReport.MaxRevisions; i++)
            report = AlignedBudgetReport.Report(LeadCommissioning.Id, Ccg.Id, Year, Figures(1m, i), report, Now);

        Assert.Equal(AlignedBudgetReport.MaxRevisions, report.Revision);
        Assert.Throws<RegisterRuleException>(() => AlignedBudgetRules.EnsureRoom(report));
    }

    private static AlignedBudgetFigures Figures(decimal budget, decimal spend, params (string Category, decimal Budget, decimal Spend)[] categories) =>
        new(budget, spend, categories.Select(c => new AlignedBudgetCategory(c.Category, c.Budget, c.Spend)).ToList(), null);
}
