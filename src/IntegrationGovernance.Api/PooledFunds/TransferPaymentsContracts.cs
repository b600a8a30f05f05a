using System.ComponentModel.DataAnnotations;
using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.PooledFunds;

namespace IntegrationGovernance.Api.PooledFunds;

/// <summary>
/// A payment under a section 256 agreement (an NHS commissioner pays a local authority) or a section 76 agreement (a
/// local authority pays an NHS body) for a financial year. To correct one, record the right figure with <c>corrects</c>
/// naming the payment it replaces.
/// </summary>
public sealed record TransferPaymentRequest
{
    /// <example>2015-16</example>
    [MaxLength(Domain.PooledFunds.FinancialYear.Length)]
    public required string FinancialYear { get; init; }

    /// <summary>The party that pays: the NHS commissioner under section 256, the local authority under section 76.</summary>
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f71</example>
    public required Guid PayerId { get; init; }

    /// <summary>The party paid: the local authority under section 256, the NHS body under section 76.</summary>
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70</example>
    public required Guid PayeeId { get; init; }

    /// <summary>Pounds, 0.01 to 999,999,999,999.99 (0 only in a correction: no payment was made after all), at most two decimal places.</summary>
    /// <example>1250000.00</example>
    [Range(typeof(decimal), "0", Money.MaxText, ParseLimitsInInvariantCulture = true, ErrorMessage = Domain.PooledFunds.Money.OutOfRange)]
    public required decimal Amount { get; init; }

    /// <summary>What the payment is towards.</summary>
    /// <example>Reablement and intermediate care social work, towards the council's social services functions</example>
    [MaxLength(TransferPayment.MaxPurposeLength)]
    public required string Purpose { get; init; }

    /// <summary>The conditions it is paid on, as the agreement sets them out.</summary>
    /// <example>Paid quarterly in advance; unspent sums are returned; the council reports outcomes to the Health and Wellbeing Board each quarter.</example>
    [MaxLength(TransferPayment.MaxConditionsLength)]
    public string? Conditions { get; init; }

    /// <summary>The payment this one corrects and replaces (it must still stand: not corrected already).</summary>
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6fdf</example>
    public Guid? Corrects { get; init; }
}

public sealed record TransferPaymentResponse
{
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6fe0</example>
    public required Guid Id { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f90</example>
    public required Guid AgreementId { get; init; }

    /// <example>2015-16</example>
    [MaxLength(Domain.PooledFunds.FinancialYear.Length)]
    [RegularExpression(Domain.PooledFunds.FinancialYear.Pattern, ErrorMessage = Domain.PooledFunds.FinancialYear.Problem)]
    public required string FinancialYear { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f71</example>
    public required Guid PayerId { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70</example>
    public required Guid PayeeId { get; init; }

    /// <example>1250000.00</example>
    public required decimal Amount { get; init; }

    /// <summary>The power it was paid under (its agreement's basis when recorded): section 256, the NHS to a local authority; section 76, a local authority to the NHS.</summary>
    /// <example>Section256NhsAct2006</example>
    public required StatutoryBasis Basis { get; init; }

    /// <example>Reablement and intermediate care social work, towards the council's social services functions</example>
    [MaxLength(TransferPayment.MaxPurposeLength)]
    public required string Purpose { get; init; }

    /// <example>Paid quarterly in advance; unspent sums are returned.</example>
    [MaxLength(TransferPayment.MaxConditionsLength)]
    public string? Conditions { get; init; }

    /// <summary>The payment this one corrected and replaced, if any.</summary>
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6fdf</example>
    public Guid? Corrects { get; init; }

    /// <summary>The payment that corrected and replaced this one: then this one no longer counts. Null while it stands.</summary>
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6fe1</example>
    public Guid? CorrectedBy { get; init; }

    /// <example>2026-11-23T12:00:00+00:00</example>
    public required DateTimeOffset RecordedAt { get; init; }
}

/// <summary>A transfer agreement's payments for a financial year, and the total of those that stand (summed by PostgreSQL).</summary>
public sealed record TransferPaymentsResponse
{
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f90</example>
    public required Guid AgreementId { get; init; }

    /// <example>DUDLEY-S256-2015</example>
    [MaxLength(AgreementRules.MaxReferenceLength)]
    public required string AgreementReference { get; init; }

    /// <example>Section256NhsAct2006</example>
    public required StatutoryBasis Basis { get; init; }

    /// <example>2015-16</example>
    [MaxLength(Domain.PooledFunds.FinancialYear.Length)]
    [RegularExpression(Domain.PooledFunds.FinancialYear.Pattern, ErrorMessage = Domain.PooledFunds.FinancialYear.Problem)]
    public required string FinancialYear { get; init; }

    /// <summary>The payments that stand, in the order recorded (with <c>withCorrected=true</c>, the corrected ones too).</summary>
    [MaxLength(TransferPayment.MaxPerAgreementYear)]
    public required IReadOnlyList<TransferPaymentResponse> Payments { get; init; }

    /// <summary>The sum of the payments that stand: a correction replaces the payment it corrects, never adds to it.</summary>
    /// <example>1250000.00</example>
    public required decimal Total { get; init; }
}
