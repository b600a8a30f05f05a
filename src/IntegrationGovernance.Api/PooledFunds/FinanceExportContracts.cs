using System.ComponentModel.DataAnnotations;
using IntegrationGovernance.Domain.PooledFunds;
namespace IntegrationGovernance.Api.PooledFunds;

/// <summary>
/// A financial year's money across agreements, each arrangement apart so a finance report shows them side by side: pooled
/// funds (the same summaries as <c>GET /finance/summaries</c>), aligned budgets (each partner's own, not pooled) and transfer
/// payments (section 256 and section 76).
/// </summary>
public sealed record FinanceExportResponse
{
    /// <example>2015-16</example>
    [MaxLength(Domain.PooledFunds.FinancialYear.Length)]
    [RegularExpression(Domain.PooledFunds.FinancialYear.Pattern, ErrorMessage = Domain.PooledFunds.FinancialYear.Problem)]
    public required string FinancialYear { get; init; }

    /// <summary>One summary per fund, exactly as <c>GET /finance/summaries</c> gives it for the whole year.</summary>
    [MaxLength(FundReports.MaxFunds)]
    public required IReadOnlyList<FundSummaryResponse> PooledFunds { get; init; }

    /// <summary>One entry per agreement with aligned budgets reported for the year.</summary>
    [MaxLength(FinanceExport.MaxAgreements)]
    public required IReadOnlyList<AlignedBudgetsResponse> AlignedBudgets { get; init; }

    /// <summary>One entry per transfer agreement with payments recorded for the year.</summary>
    [MaxLength(FinanceExport.MaxAgreements)]
    public required IReadOnlyList<TransferPaymentsResponse> TransferPayments { get; init; }

    /// <summary>Aligned budgets and transfers across the export, summed by PostgreSQL.</summary>
    public required FinanceExportTotalsResponse Totals { get; init; }
}

/// <summary>Totals across the export. Pooled funds are totalled in each summary; aligned budgets and transfers here, the two directions of transfer apart.</summary>
public sealed record FinanceExportTotalsResponse
{
    /// <summary>The sum of every partner's latest aligned budget.</summary>
    /// <example>5400000.00</example>
    public required decimal AlignedBudget { get; init; }

    /// <example>5100000.00</example>
    public required decimal AlignedSpend { get; init; }

    /// <example>300000.00</example>
    public required decimal AlignedVariance { get; init; }

    /// <summary>Standing section 256 payments: NHS commissioners to local authorities.</summary>
    /// <example>1250000.00</example>
    public required decimal NhsToLocalAuthority { get; init; }

    /// <summary>Standing section 76 payments: local authorities to NHS bodies.</summary>
    /// <example>0.00</example>
    public required decimal LocalAuthorityToNhs { get; init; }
}
