using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Common;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.Domain.PooledFunds;
using IntegrationGovernance.UnitTests.Agreements;

namespace IntegrationGovernance.UnitTests.PooledFunds;

/// <summary>Who pays whom under section 256 and section 76, in which years, and a correction replacing the payment it corrects.</summary>
public sealed class TransferPaymentRulesTests
{
    private static readonly DateTimeOffset Now = new(2016, 1, 15, 9, 0, 0, TimeSpan.Zero);
    private static readonly Organisation Council = Make("Unit Council", OrganisationType.UnitaryAuthority, new(1996, 4, 1));
    private static readonly Organisation Pct = Make("Unit PCT", OrganisationType.PrimaryCareTrust, new(2002, 4, 1), new(2013, 3, 31));
    private static readonly Organisation Ccg = Make("Unit CCG", OrganisationType.ClinicalCommissioningGroup, new(2013, 4, 1));
    private static readonly Organisation Trust = Make("Unit Foundation Trust", OrganisationType.NhsFoundationTrust, new(2004, 4, 1));
    private static readonly Organisation Outsider = Make("Other Council", OrganisationType.MetropolitanBorough, new(1986, 4, 1));
    private static readonly Dictionary<Guid, Organisation> Known = new[] { Council, Pct, Ccg, Trust, Outsider }.ToDictionary(o => o.Id);

    public static TheoryData<StatutoryBasis, string, string, string?, string?> Directions() => new()
    {
        // basis, payer, payee, field refused (null: accepted), second field refused
        { StatutoryBasis.Section256NhsAct2006, "ccg", "council", null, null },
        { StatutoryBasis.Section256NhsAct2006, "council", "ccg", "$.payerId", "$.payeeId" },
        { StatutoryBasis.Section256NhsAct2006, "trust", "council", "$.payerId", null },
        { StatutoryBasis.Section256NhsAct2006, "ccg", "trust", "$.payeeId", null },
        { StatutoryBasis.Section76NhsAct2006, "council", "ccg", null, null },
        { StatutoryBasis.Section76NhsAct2006, "council", "trust", null, null },
        { StatutoryBasis.Section76NhsAct2006, "ccg", "council", "$.payerId", "$.payeeId" },
        { StatutoryBasis.Section76NhsAct2006, "trust", "ccg", "$.payerId", null },
    };

    [Theory]
    [MemberData(nameof(Directions))]
    public void The_statutory_basis_decides_who_pays_whom_and_a_wrong_direction_names_the_field(
        StatutoryBasis basis, string payer, string payee, string? refused, string? alsoRefused)
    {
        var agreement = Transfer(basis, Ccg, Council, Trust);

        var problems = TransferPaymentRules.Check(agreement, Payment("2015-16", Named(payer), Named(payee), 1_000.00m), Known, null);

        Assert.Equal(new[] { refused, alsoRefused }.OfType<string>().Order(), problems.Select(p => p.Field).Order());
    }

    [Fact]
    public void Payer_and_payee_are_parties_in_the_year_paid_for_so_a_successor_pays_after_a_novation_and_its_predecessor_before()
    {
        var agreement = AgreementFixtures.Active(Details(StatutoryBasis.Section256NhsAct2006, new(2010, 4, 1), Pct, Council), Now);
        agreement.Vary(AgreementFixtures.Change(new DateOnly(2013, 4, 1), "The CCG takes the PCT's place",
            parties: [new PartyChange(Ccg.Id, null, Pct.Id)]), Actor.Administrator, Now);

        Assert.Empty(TransferPaymentRules.Check(agreement, Payment("2012-13", Pct.Id, Council.Id, 10m), Known, null));
        Assert.Empty(TransferPaymentRules.Check(agreement, Payment("2013-14", Ccg.Id, Council.Id, 10m), Known, null));
        Assert.Equal(["$.payerId"], TransferPaymentRules.Check(agreement, Payment("2013-14", Pct.Id, Council.Id, 10m), Known, null).Select(p => p.Field));
        Assert.Equal(["$.payerId"], TransferPaymentRules.Check(agreement, Payment("2012-13", Ccg.Id, Council.Id, 10m), Known, null).Select(p => p.Field));
    }

    [Theory]
    [InlineData("2009-10")]
    [InlineData("2017-18")]
    public void A_year_outside_the_agreement_is_refused(string year)
    {
        var agreement = AgreementFixtures.Active(Details(StatutoryBasis.Section256NhsAct2006, new(2013, 4, 1), Ccg, Council) with { EndsOn = new DateOnly(2017, 3, 31) }, Now);

        Assert.Equal(["$.financialYear"], TransferPaymentRules.Check(agreement, Payment(year, Ccg.Id, Council.Id, 10m), Known, null).Select(p => p.Field));
    }

    [Fact]
    public void A_draft_agreement_is_not_in_force_so_it_takes_no_payment()
    {
        var draft = Agreement.Draft(Details(StatutoryBasis.Section256NhsAct2006, new(2013, 4, 1), Ccg, Council), Now);

        Assert.Equal(["$.financialYear"], TransferPaymentRules.Check(draft, Payment("2015-16", Ccg.Id, Council.Id, 10m), Known, null).Select(p => p.Field));
    }

    [Fact]
    public void A_side_is_judged_by_its_type_in_the_year_paid_for()
    {
        // a CCG-like commissioner recorded now as a foundation trust pays under section 256 for a year before the change
        var changed = Make("Unit Commissioner", OrganisationType.ClinicalCommissioningGroup, new(2013, 4, 1));
        Assert.Empty(changed.ChangeType(OrganisationType.NhsFoundationTrust, new DateOnly(2018, 4, 1), Now));
        var known = new Dictionary<Guid, Organisation>(Known) { [changed.Id] = changed };
        var agreement = Transfer(StatutoryBasis.Section256NhsAct2006, changed, Council);

        Assert.Empty(TransferPaymentRules.Check(agreement, Payment("2015-16", changed.Id, Council.Id, 10m), known, null));
        Assert.Equal(["$.payerId"], TransferPaymentRules.Check(agreement, Payment("2019-20", changed.Id, Council.Id, 10m), known, null).Select(p => p.Field));
    }

    public static TheoryData<string, TransferPaymentDetails> BadInput()
    {
        var good = Payment("2015-16", Ccg.Id, Council.Id, 10m);
        return new()
        {
            { "$.financialYear", good with { FinancialYear = "2015/16" } },
            { "$.financialYear", good with { FinancialYear = "2015-17" } },
            { "$.amount", good with { Amount = 0m } },
            { "$.amount", good with { Amount = -5m } },
            { "$.amount", good with { Amount = 10.001m } },
            { "$.amount", good with { Amount = Money.Max + 0.01m } },
            { "$.purpose", good with { Purpose = "  " } },
            { "$.purpose", good with { Purpose = new string('p', TransferPayment.MaxPurposeLength + 1) } },
            { "$.conditions", good with { Conditions = new string('c', TransferPayment.MaxConditionsLength + 1) } },
            { "$.payerId", good with { PayerId = Outsider.Id } },
            { "$.payerId", good with { PayerId = Guid.NewGuid() } },
            { "$.payeeId", good with { PayeeId = Ccg.Id } },
            { "$.corrects", good with { Corrects = Guid.NewGuid() } },
        };
    }

    [Theory]
    [MemberData(nameof(BadInput))]
    public void Bad_input_is_refused_naming_its_field(string field, TransferPaymentDetails details)
    {
        var problems = TransferPaymentRules.Check(Transfer(StatutoryBasis.Section256NhsAct2006, Ccg, Council), details, Known, null);

        Assert.Contains(field, problems.Select(p => p.Field));
    }

    [Fact]
    public void A_correction_may_say_no_payment_was_made_after_all_but_a_first_figure_may_not_be_nothing()
    {
        var agreement = Transfer(StatutoryBasis.Section256NhsAct2006, Ccg, Council);
        var first = TransferPayment.Record(agreement, Payment("2015-16", Ccg.Id, Council.Id, 10m), new FinancialYear(2015), Now);

        Assert.Empty(TransferPaymentRules.Check(agreement, Payment("2015-16", Ccg.Id, Council.Id, 0m) with { Corrects = first.Id }, Known, first));
        Assert.Equal(["$.amount"], TransferPaymentRules.Check(agreement, Payment("2015-16", Ccg.Id, Council.Id, 0m), Known, null).Select(p => p.Field));
    }

    [Fact]
    public void A_correction_replaces_the_payment_it_corrects_and_the_others_stand_in_the_order_recorded()
    {
        var agreement = Transfer(StatutoryBasis.Section256NhsAct2006, Ccg, Council);
        var year = new FinancialYear(2015);
        var reablement = TransferPayment.Record(agreement, Payment("2015-16", Ccg.Id, Council.Id, 1_000m), year, Now);
        var carers = TransferPayment.Record(agreement, Payment("2015-16", Ccg.Id, Council.Id, 250m), year, Now.AddMinutes(1));
        var corrected = TransferPayment.Record(agreement, Payment("2015-16", Ccg.Id, Council.Id, 1_100m) with { Corrects = reablement.Id }, year, Now.AddMinutes(2));
        var again = TransferPayment.Record(agreement, Payment("2015-16", Ccg.Id, Council.Id, 1_050m) with { Corrects = corrected.Id }, year, Now.AddMinutes(3));

        Assert.Equal(StatutoryBasis.Section256NhsAct2006, again.Basis);
        Assert.Equal([carers.Id, again.Id], TransferPaymentRules.Standing([again, reablement, corrected, carers]).Select(p => p.Id));
        Assert.Equal(1_300m, TransferPaymentRules.Standing([reablement, carers, corrected, again]).Sum(p => p.Amount));
        var refusal = Assert.Throws<RegisterRuleException>(() => TransferPaymentRules.EnsureStanding(reablement, [reablement, carers, corrected]));
        Assert.Equal(("payment-already-corrected", RuleKind.Conflict), (refusal.Code, refusal.Kind));
        TransferPaymentRules.EnsureStanding(again, [reablement, carers, corrected, again]);
    }

    [Theory]
    [InlineData(StatutoryBasis.Section75NhsAct2006, true)]
    [InlineData(StatutoryBasis.Section113LocalGovernmentAct1972, true)]
    [InlineData(StatutoryBasis.Section256NhsAct2006, false)]
    [InlineData(StatutoryBasis.Section76NhsAct2006, false)]
    public void Only_a_section_256_or_section_76_agreement_records_transfer_payments(StatutoryBasis basis, bool refused)
    {
        var agreement = Agreement.Draft(Details(basis, new(2013, 4, 1), Ccg, Council), Now);

        var refusal = Record.Exception(() => TransferPaymentRules.EnsureTransferAgreement(agreement));

        Assert.Equal(refused, refusal is RegisterRuleException { Code: "agreement-not-a-transfer" });
    }

    private static Agreement Transfer(StatutoryBasis basis, params Organisation[] parties) =>
        AgreementFixtures.Active(Details(basis, new(2013, 4, 1), parties), Now);

    internal static AgreementDetails Details(StatutoryBasis basis, DateOnly commences, params Organisation[] parties) => new(
        "UNIT-T-1", "Unit transfer", null, basis, basis == StatutoryBasis.Section75NhsAct2006 ? [Flexibility.LeadCommissioning] : [], [], [],
        parties.Select((p, i) => new AgreementParty(p.Id, basis == StatutoryBasis.Section75NhsAct2006 && i == 0 ? PartyRole.Host : PartyRole.Partner)).ToList(),
        null, commences, null, null, null, null, [], false);

    private static TransferPaymentDetails Payment(string year, Guid payer, Guid payee, decimal amount) =>
        new(year, payer, payee, amount, "Towards reablement", "Quarterly in advance", null);

    private static Guid Named(string name) => name switch
    {
        "ccg" => Ccg.Id,
        "council" => Council.Id,
        "trust" => Trust.Id,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static Organisation Make(string name, OrganisationType type, DateOnly from, DateOnly? to = null) =>
        Organisation.Create(new OrganisationDetails(name, type, null, null, from, to), Now);
}
