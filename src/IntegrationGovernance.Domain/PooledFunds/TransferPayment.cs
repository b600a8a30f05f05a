using IntegrationGovernance.Domain.Agreements;

namespace IntegrationGovernance.Domain.PooledFunds;

/// <summary>
/// A payment for a financial year under a transfer agreement: from an NHS commissioner to a local authority under section 256
/// of the NHS Act 2006, or from a local authority to an NHS body under section 76. Payments are never edited: a correction
/// is a new payment that names the one it corrects (<see cref="CorrectsId"/>) and replaces it, so the earlier figure stays on
/// record and the latest one counts.
/// </summary>
public sealed class TransferPayment
{
    public const int MaxPurposeLength = 500;
    public const int MaxConditionsLength = 4_000;

    /// <summary>The most payments (corrections included) one agreement records for one year: every read of a year is bounded.</summary>
    public const int MaxPerAgreementYear = 500;

    private TransferPayment()
    {
    }

    public Guid Id { get; private set; }

    public Guid AgreementId { get; private set; }

    public int FinancialYearStart { get; private set; }

    public Guid PayerId { get; private set; }

    public Guid PayeeId { get; private set; }

    /// <summary>
    /// The power the payment is made under, its agreement's basis when it was recorded: section 256 (the NHS pays a local
    /// authority) or section 76 (a local authority pays the NHS). Kept with the payment, so its direction is a fact of its own.
    /// </summary>
    public StatutoryBasis Basis { get; private set; }

    public decimal Amount { get; private set; }

    /// <summary>What the money is towards, e.g. the social care services it funds.</summary>
    public string Purpose { get; private set; } = string.Empty;

    /// <summary>The conditions the payment is made on (the Directions' conditions as the agreement sets them out), as written.</summary>
    public string? Conditions { get; private set; }

    /// <summary>The earlier payment this one corrects and replaces; null for a first figure.</summary>
    public Guid? CorrectsId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public FinancialYear FinancialYear => new(FinancialYearStart);

    /// <summary>A payment from details <see cref="TransferPaymentRules"/> has accepted.</summary>
    public static TransferPayment Record(Agreement agreement, TransferPaymentDetails details, FinancialYear year, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        AgreementId = agreement.Id,
        Basis = agreement.Basis,
        FinancialYearStart = year.StartYear,
        PayerId = details.PayerId,
        PayeeId = details.PayeeId,
        Amount = details.Amount,
        Purpose = details.Purpose.Trim(),
        Conditions = string.IsNullOrWhiteSpace(details.Conditions) ? null : details.Conditions.Trim(),
        CorrectsId = details.Corrects,
        CreatedAt = now,
    };
}

/// <summary>A payment as a client states it, before it is checked.</summary>
public sealed record TransferPaymentDetails(string FinancialYear, Guid PayerId, Guid PayeeId, decimal Amount, string Purpose, string? Conditions, Guid? Corrects);
