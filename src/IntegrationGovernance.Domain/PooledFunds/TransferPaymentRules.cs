using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Common;
using IntegrationGovernance.Domain.Organisations;

namespace IntegrationGovernance.Domain.PooledFunds;

/// <summary>
/// Payments under a transfer agreement. The statute decides the direction: under section 256 of the NHS Act 2006 an NHS
/// commissioner pays a local authority; under section 76 a local authority pays an NHS body. Both payer and payee are
/// parties to the agreement in the year paid for. A transfer agreement pools nothing (it uses no flexibility, so it has no
/// pooled fund): its money moves by these payments.
/// </summary>
public static class TransferPaymentRules
{
    public static bool IsTransfer(StatutoryBasis basis) => basis is StatutoryBasis.Section256NhsAct2006 or StatutoryBasis.Section76NhsAct2006;

    /// <summary>Refuses (422) an agreement that is not made under section 256 or section 76.</summary>
    public static void EnsureTransferAgreement(Agreement agreement)
    {
        if (!IsTransfer(agreement.Basis))
            throw new RegisterRuleException("agreement-not-a-transfer",
                $"Agreement {agreement.Reference} is made under {agreement.Basis}, not section 256 or section 76 of the NHS Act 2006, so it records no transfer payments.");
    }

    /// <summary>
    /// Why a payment cannot be recorded, field by field.
    /// </summary>
    /// <param name="agreement">A transfer agreement (see <see cref="EnsureTransferAgreement"/>).</param>
    /// <param name="details">The payment as stated.</param>
    /// <param name="organisations">The payer and payee, those of them that exist.</param>
    /// <param name="corrected">The payment <see cref="TransferPaymentDetails.Corrects"/> names, when it is one of this agreement's; else null.</param>
    public static IReadOnlyList<RuleViolation> Check(
        Agreement agreement, TransferPaymentDetails details, IReadOnlyDictionary<Guid, Organisation> organisations, TransferPayment? corrected)
    {
        var problems = new List<RuleViolation>();
        if (!FinancialYear.TryParse(details.FinancialYear, out var parsed))
            problems.Add(new("$.financialYear", FinancialYear.Problem));
        else if (!agreement.RunsDuring(parsed.Value))
            problems.Add(new("$.financialYear", agreement.NotRunning(parsed.Value)));
        else
        {
            var parties = agreement.PartiesDuring(parsed.Value);
            var sending = agreement.Basis == StatutoryBasis.Section256NhsAct2006;
            CheckSide(details.PayerId, "$.payerId", "payer", parties, organisations, parsed.Value, problems,
                sending ? t => t.IsNhsCommissioner() : t => t.IsLocalAuthority(),
                sending
                    ? "Under section 256 of the NHS Act 2006 the NHS pays: the payer is an NHS commissioner (a PCT, CCG, ICB or NHS England). A local authority pays the NHS under section 76."
                    : "Under section 76 of the NHS Act 2006 a local authority pays: the payer is a local authority. The NHS pays a local authority under section 256.");
            CheckSide(details.PayeeId, "$.payeeId", "payee", parties, organisations, parsed.Value, problems,
                sending ? t => t.IsLocalAuthority() : t => t.IsNhsBody(),
                sending
                    ? "Under section 256 of the NHS Act 2006 the payee is a local authority."
                    : "Under section 76 of the NHS Act 2006 the payee is an NHS body.");
        }
        if (details.PayeeId == details.PayerId)
            problems.Add(new("$.payeeId", "The payee is another body than the payer."));
        var least = corrected is null ? 0.01m : 0m;
        if (details.Amount < least || !Money.IsAccepted(details.Amount))
            problems.Add(new("$.amount", corrected is null
                ? $"A payment is an amount in pounds from 0.01 to {Money.MaxWritten}, with at most two decimal places."
                : $"A corrected payment is an amount in pounds from 0 (no payment was made after all) to {Money.MaxWritten}, with at most two decimal places."));
        if (string.IsNullOrWhiteSpace(details.Purpose) || details.Purpose.Trim().Length > TransferPayment.MaxPurposeLength)
            problems.Add(new("$.purpose", $"Say what the payment is towards, at most {TransferPayment.MaxPurposeLength} characters."));
        if (details.Conditions is { Length: > TransferPayment.MaxConditionsLength })
            problems.Add(new("$.conditions", $"The conditions are at most {TransferPayment.MaxConditionsLength} characters."));
        if (details.Corrects is not null && corrected is null)
            problems.Add(new("$.corrects", "No payment of this agreement has this id."));
        return problems;
    }

    /// <summary>Refuses (409) to correct a payment that a later one has already corrected: the latest figure is the one to correct.</summary>
    public static void EnsureStanding(TransferPayment corrected, IEnumerable<TransferPayment> recorded)
    {
        if (recorded.Any(p => p.CorrectsId == corrected.Id))
            throw new RegisterRuleException("payment-already-corrected",
                "This payment has been corrected already: correct the payment that replaced it.", "$.corrects", RuleKind.Conflict);
    }

    /// <summary>Refuses (422) a payment beyond the most one agreement records for a year.</summary>
    public static void EnsureRoom(int recordedForYear)
    {
        if (recordedForYear >= TransferPayment.MaxPerAgreementYear)
            throw new RegisterRuleException("too-many-payments",
                $"An agreement records at most {TransferPayment.MaxPerAgreementYear} payments, corrections included, for one financial year.", "$.financialYear");
    }

    /// <summary>The payments that stand: each one no later payment corrects, in the order recorded. A correction replaces the payment it names; figures are never added together.</summary>
    public static IReadOnlyList<TransferPayment> Standing(IEnumerable<TransferPayment> recorded)
    {
        var all = recorded.ToList();
        var corrected = all.Where(p => p.CorrectsId is not null).Select(p => p.CorrectsId!.Value).ToHashSet();
        return all.Where(p => !corrected.Contains(p.Id)).OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).ToList();
    }

    private static void CheckSide(Guid id, string field, string side, IReadOnlySet<Guid> parties, IReadOnlyDictionary<Guid, Organisation> organisations,
        FinancialYear year, List<RuleViolation> problems, Func<OrganisationType, bool> mayBe, string direction)
    {
        if (!organisations.TryGetValue(id, out var organisation))
            problems.Add(new(field, "No organisation with this id."));
        else if (!parties.Contains(id))
            problems.Add(new(field, $"The {side} is a party to the agreement in {year}; {organisation.Name} is not."));
        else if (organisation.TypeOn(year.FirstDay) is var type && !mayBe(type))
            problems.Add(new(field, $"{direction} {organisation.Name} was a {type} in {year}."));
    }
}
