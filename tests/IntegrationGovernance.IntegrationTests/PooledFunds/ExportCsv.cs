using System.Globalization;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.PooledFunds;
using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.PooledFunds;

namespace IntegrationGovernance.IntegrationTests.PooledFunds;

/// <summary>Reads the finance export's CSV back into the JSON's shape, as a finance tool parsing it would: rows grouped by what they are of, in order.</summary>
internal static class ExportCsv
{
    public static FinanceExportResponse Read(IReadOnlyList<Dictionary<string, string>> rows)
    {
        var year = rows[0]["financial_year"];
        return new FinanceExportResponse
        {
            FinancialYear = year,
            PooledFunds = Section(rows, "pooled_fund").GroupBy(r => r["record_id"]).Select(fund => Fund(fund.ToList(), year)).ToList(),
            AlignedBudgets = Section(rows, "aligned_budget").GroupBy(r => r["agreement_id"]).Select(agreement => Aligned(agreement.ToList(), year)).ToList(),
            TransferPayments = Section(rows, "transfer_payment").GroupBy(r => r["agreement_id"]).Select(agreement => Transfers(agreement.ToList(), year)).ToList(),
            Totals = Totals(Figures(Section(rows, "totals"))),
        };
    }

    private static FundSummaryResponse Fund(List<Dictionary<string, string>> rows, string year)
    {
        var first = rows[0];
        var own = Figures(rows.Where(r => r["organisation_id"] == "" && r["period"] == ""));
        var periods = rows.Where(r => r["period"] != "")
            .Select(r => new PeriodFiguresResponse { Period = int.Parse(r["period"], CultureInfo.InvariantCulture), Spend = Amount(r) }).ToList();
        return new FundSummaryResponse
        {
            FundId = Guid.Parse(first["record_id"]),
            FundName = CsvText.Restore(first["record_name"])!,
            AgreementId = Guid.Parse(first["agreement_id"]),
            FinancialYear = year,
            FromPeriod = periods.Min(p => p.Period),
            ToPeriod = periods.Max(p => p.Period),
            Partners = rows.Where(r => r["organisation_id"] != "").GroupBy(r => r["organisation_id"]).Select(partner =>
            {
                var f = Figures(partner);
                return new PartnerFiguresResponse
                {
                    OrganisationId = Guid.Parse(partner.Key),
                    Planned = f["planned"],
                    Revised = f["revised"],
                    Actual = f["actual"],
                    Effective = f["effective"],
                    InKind = new ContributionFiguresResponse
                    {
                        Planned = f["in_kind_planned"],
                        Revised = f["in_kind_revised"],
                        Actual = f["in_kind_actual"],
                        Effective = f["in_kind_effective"],
                    },
                    ShareOfVariance = f["share_of_variance"],
                };
            }).ToList(),
            Contributions = own["contributions"],
            InKindContributions = own["in_kind_contributions"],
            Spend = own["spend"],
            Variance = own["variance"],
            RiskShareMethod = Enum.Parse<RiskShareMethod>(first["risk_share_method"]),
            Periods = periods,
        };
    }

    private static AlignedBudgetsResponse Aligned(List<Dictionary<string, string>> rows, string year)
    {
        var first = rows[0];
        var own = Figures(rows.Where(r => r["organisation_id"] == ""));
        return new AlignedBudgetsResponse
        {
            AgreementId = Guid.Parse(first["agreement_id"]),
            AgreementReference = CsvText.Restore(first["agreement_reference"])!,
            FinancialYear = year,
            Partners = rows.Where(r => r["record_id"] != "").GroupBy(r => r["record_id"]).Select(report =>
            {
                var head = report.First();
                var f = Figures(report.Where(r => r["category"] == ""));
                return new AlignedBudgetReportResponse
                {
                    Id = Guid.Parse(report.Key),
                    AgreementId = Guid.Parse(head["agreement_id"]),
                    OrganisationId = Guid.Parse(head["organisation_id"]),
                    FinancialYear = year,
                    Revision = int.Parse(head["revision"], CultureInfo.InvariantCulture),
                    Budget = f["budget"],
                    Spend = f["spend"],
                    Variance = f["variance"],
                    Categories = report.Where(r => r["category"] != "").GroupBy(r => r["category"]).Select(category =>
                    {
                        var c = Figures(category);
                        return new AlignedBudgetCategoryContract { Category = CsvText.Restore(category.Key)!, Budget = c["budget"], Spend = c["spend"] };
                    }).ToList(),
                    Note = Text(head["description"]),
                    ReportedAt = DateTimeOffset.Parse(head["recorded_at"], CultureInfo.InvariantCulture),
                };
            }).ToList(),
            Budget = own["budget"],
            Spend = own["spend"],
            Variance = own["variance"],
        };
    }

    private static TransferPaymentsResponse Transfers(List<Dictionary<string, string>> rows, string year)
    {
        var first = rows[0];
        return new TransferPaymentsResponse
        {
            AgreementId = Guid.Parse(first["agreement_id"]),
            AgreementReference = CsvText.Restore(first["agreement_reference"])!,
            Basis = Enum.Parse<StatutoryBasis>(first["basis"]),
            FinancialYear = year,
            Payments = rows.Where(r => r["record_id"] != "").Select(r => new TransferPaymentResponse
            {
                Id = Guid.Parse(r["record_id"]),
                AgreementId = Guid.Parse(r["agreement_id"]),
                FinancialYear = year,
                PayerId = Guid.Parse(r["organisation_id"]),
                PayeeId = Guid.Parse(r["counterparty_id"]),
                Amount = Amount(r),
                Basis = Enum.Parse<StatutoryBasis>(r["basis"]),
                Purpose = Text(r["description"])!,
                Conditions = Text(r["conditions"]),
                Corrects = r["replaces_id"] == "" ? null : Guid.Parse(r["replaces_id"]),
                RecordedAt = DateTimeOffset.Parse(r["recorded_at"], CultureInfo.InvariantCulture),
            }).ToList(),
            Total = Figures(rows.Where(r => r["record_id"] == ""))["total"],
        };
    }

    private static FinanceExportTotalsResponse Totals(Dictionary<string, decimal> f) => new()
    {
        AlignedBudget = f["aligned_budget"],
        AlignedSpend = f["aligned_spend"],
        AlignedVariance = f["aligned_variance"],
        NhsToLocalAuthority = f["nhs_to_local_authority"],
        LocalAuthorityToNhs = f["local_authority_to_nhs"],
    };

    private static IEnumerable<Dictionary<string, string>> Section(IEnumerable<Dictionary<string, string>> rows, string section) =>
        rows.Where(r => r["section"] == section);

    /// <summary>Each figure once: a figure named twice for the same thing would be a CSV that does not parse back.</summary>
    private static Dictionary<string, decimal> Figures(IEnumerable<Dictionary<string, string>> rows) => rows.ToDictionary(r => r["figure"], Amount);

    private static decimal Amount(Dictionary<string, string> row) => decimal.Parse(row["amount"], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    private static string? Text(string cell) => cell == "" ? null : CsvText.Restore(cell);
}
