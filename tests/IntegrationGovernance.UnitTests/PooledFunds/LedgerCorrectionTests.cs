using IntegrationGovernance.Domain.Common;
using IntegrationGovernance.Domain.PooledFunds;

namespace IntegrationGovernance.UnitTests.PooledFunds;

public sealed class LedgerCorrectionTests
{
    private static readonly Guid Council = new("00000000-0000-0000-0000-00000000000a");
    private static readonly DateTimeOffset Now = new(2015, 7, 10, 16, 30, 0, TimeSpan.Zero);
    private static readonly PooledFund Fund = PooledFund.Create(Guid.CreateVersion7(), "Care pool", Council, null, new DateOnly(2012, 4, 1), null, Now);
    private static readonly ClosedPeriods JuneClosed = ClosedPeriods.Of([LedgerPeriod.Close(null, Fund, MonthPeriod.Of(new FinancialYear(2015), 3), "host", Council, Now)]);
    private static readonly IReadOnlyDictionary<string, string[]> Readable = new Dictionary<string, string[]>();

    [Fact]
    public void A_correction_names_the_line_it_corrects_and_is_booked_with_it()
    {
        var line = LedgerLine.Book(LedgerBooking.Start(Fund.Id, Now), new DateOnly(2015, 7, 1), -25m, "Care", null, "ADJ-1", " INV-1 ");

        Assert.Equal("INV-1", line.Corrects);
        Assert.Empty(LedgerLine.CorrectionProblems("INV-1", "ADJ-1"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void A_blank_corrects_is_an_ordinary_line(string? corrects)
    {
        Assert.Empty(LedgerLine.CorrectionProblems(corrects, "L-1"));
        Assert.Null(LedgerLine.Book(LedgerBooking.Start(Fund.Id, Now), new DateOnly(2015, 7, 1), 1m, "Care", null, "L-1", corrects).Corrects);
        LedgerLine.EnsureCorrectedLineHeld(corrects, held: false);
    }

    [Fact]
    public void A_line_does_not_correct_itself_and_names_a_reference_no_longer_than_one() =>
        Assert.Equal(["corrects", "corrects"],
            LedgerLine.CorrectionProblems("L-1", " L-1").Concat(LedgerLine.CorrectionProblems(new string('x', LedgerLine.MaxReferenceLength + 1), "L-2")).Select(p => p.Field));

    [Fact]
    public void A_correction_of_a_line_the_ledger_does_not_hold_is_refused_naming_corrects()
    {
        var refused = Assert.Throws<RegisterRuleException>(() => LedgerLine.EnsureCorrectedLineHeld("NOWHERE", held: false));

        Assert.Equal(("corrected-line-not-found", RuleKind.Unprocessable, "$.corrects"), (refused.Code, refused.Kind, refused.Field));
        LedgerLine.EnsureCorrectedLineHeld("HELD", held: true);
    }

    [Fact]
    public void An_import_names_each_row_dated_in_a_closed_period()
    {
        var errors = LedgerImport.Check([Row(1, "2015-05-31", "A"), Row(2, "2015-06-01", "B"), Row(3, "2015-06-30", "C"), Row(4, "2015-07-01", "D")],
            Fund, JuneClosed, new HashSet<string>());

        Assert.Equal(["rows[2].date", "rows[3].date"], errors.Keys);
    }

    [Fact]
    public void An_import_may_correct_a_line_the_ledger_holds_or_one_anywhere_in_the_file_but_not_one_neither_holds()
    {
        var rows = new[]
        {
            Row(1, "2015-07-01", "A", corrects: "C"), // later in the file
            Row(2, "2015-07-01", "B", corrects: "HELD"),
            Row(3, "2015-07-01", "C"),
            Row(4, "2015-07-01", "D", corrects: "NOWHERE"),
            Row(5, "2015-07-01", "E", corrects: "E"),
        };

        var errors = LedgerImport.Check(rows, Fund, ClosedPeriods.Of([]), new HashSet<string> { "HELD" });

        Assert.Equal(["rows[4].corrects", "rows[5].corrects"], errors.Keys);
        Assert.StartsWith("Neither the fund's ledger nor this file holds a line with external reference 'NOWHERE'", errors["rows[4].corrects"].Single());
        Assert.Equal(["C", "HELD", "NOWHERE", "E"], LedgerImport.CorrectedReferences(rows));
    }

    [Fact]
    public void An_import_still_names_the_other_problems_of_its_rows()
    {
        var errors = LedgerImport.Check([Row(1, "2015-07-01", "A"), Row(2, "2011-07-01", "A", amount: 0m)], Fund, ClosedPeriods.Of([]), new HashSet<string>());

        Assert.Equal(["rows[2].date", "rows[2].amount", "rows[2].externalReference"], errors.Keys);
    }

    private static LedgerImportRow Row(int row, string date, string reference, string? corrects = null, decimal amount = 10m) =>
        new(row, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), amount, "Care", null, reference, corrects, Readable);
}
