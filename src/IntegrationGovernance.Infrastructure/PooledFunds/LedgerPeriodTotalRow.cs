namespace IntegrationGovernance.Infrastructure.PooledFunds;

/// <summary>
/// What a fund's ledger holds for one financial year, month period and category: the sum of its lines and how many
/// there are. Not a register record but a running total of one (the lines): written by the database itself, in the
/// transaction of every statement that adds ledger lines (the <c>ledger_lines_totalled</c> trigger), so it always
/// equals <c>sum(amount)</c> over the committed lines, and a fund's year is read from at most twelve rows per category.
/// The API's role may only read it.
/// </summary>
public sealed class LedgerPeriodTotalRow
{
    public Guid FundId { get; private set; }

    public int FinancialYearStart { get; private set; }

    /// <summary>P1 (April) to P12 (March).</summary>
    public int Period { get; private set; }

    public string Category { get; private set; } = string.Empty;

    /// <summary>Spend less income, wider than one amount: the sum of any number of lines.</summary>
    public decimal Amount { get; private set; }

    public long LineCount { get; private set; }
}
