using System.Globalization;
using CsvHelper;
using IntegrationGovernance.Api.Http;

namespace IntegrationGovernance.Api.PooledFunds;

/// <summary>
/// The finance export as CSV, long and narrow so it pivots and parses back: one row per figure, <c>section</c> and
/// <c>figure</c> saying which, <c>amount</c> a plain number, and the other columns naming what it is of. Each section's
/// rows follow the JSON's order. An empty <c>organisation_id</c> is a fund's or an agreement's own figure; a row with a
/// <c>period</c> is that month's spend; a row with a <c>category</c> is a partner's figure for that category.
/// </summary>
public static class FinanceExportCsv
{
    /// <summary>
    /// The longest export CSV: its rows follow the funds, agreements, partners, categories and payments it covers, and its notes and
    /// conditions repeat on their rows, so its length is measured before it is sent and a longer one refused (422 too-large).
    /// </summary>
    public const int MaxLength = 1_000_000_000;

    /// <summary>How many characters the CSV of <paramref name="export"/> holds, found by writing it to nowhere.</summary>
    public static async Task<long> LengthAsync(FinanceExportResponse export, CancellationToken cancellationToken)
    {
        await using var counter = new CountingWriter();
        await WriteToAsync(counter, export, cancellationToken);
        return counter.Count;
    }

    public static readonly string[] Columns =
    [
        "section", "financial_year", "agreement_id", "agreement_reference", "basis", "record_id", "record_name", "revision", "replaces_id",
        "organisation_id", "counterparty_id", "period", "category", "description", "conditions", "risk_share_method", "recorded_at", "figure", "amount",
    ];

    private sealed record Row
    {
        public required string Section { get; init; }
        public string? AgreementId { get; init; }
        public string? AgreementReference { get; init; }
        public string? Basis { get; init; }
        public string? RecordId { get; init; }
        public string? RecordName { get; init; }
        public int? Revision { get; init; }
        public string? ReplacesId { get; init; }
        public string? OrganisationId { get; init; }
        public string? CounterpartyId { get; init; }
        public int? Period { get; init; }
        public string? Category { get; init; }
        public string? Description { get; init; }
        public string? Conditions { get; init; }
        public string? RiskShareMethod { get; init; }
        public DateTimeOffset? RecordedAt { get; init; }
    }

    public static async Task WriteAsync(HttpResponse response, FinanceExportResponse export, CancellationToken cancellationToken)
    {
        response.ContentType = "text/csv; charset=utf-8";
        await using var writer = new StreamWriter(response.Body, leaveOpen: true);
        await WriteToAsync(writer, export, cancellationToken);
    }

    private static async Task WriteToAsync(TextWriter writer, FinanceExportResponse export, CancellationToken cancellationToken)
    {
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var column in Columns)
            csv.WriteField(column);
        await csv.NextRecordAsync();

        async Task RowAsync(Row row, params (string Figure, decimal Amount)[] figures)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var (figure, amount) in figures)
            {
                foreach (var cell in new[]
                         {
                             row.Section, export.FinancialYear, row.AgreementId, CsvText.Neutralise(row.AgreementReference), row.Basis, row.RecordId,
                             CsvText.Neutralise(row.RecordName), row.Revision?.ToString(CultureInfo.InvariantCulture), row.ReplacesId, row.OrganisationId,
                             row.CounterpartyId, row.Period?.ToString(CultureInfo.InvariantCulture), CsvText.Neutralise(row.Category),
                             CsvText.Neutralise(row.Description), CsvText.Neutralise(row.Conditions), row.RiskShareMethod,
                             row.RecordedAt?.ToString("O", CultureInfo.InvariantCulture), figure,
                         })
                    csv.WriteField(cell);
                csv.WriteField(amount.ToString("0.00", CultureInfo.InvariantCulture));
                await csv.NextRecordAsync();
            }
        }

        foreach (var fund in export.PooledFunds)
        {
            var of = new Row
            {
                Section = "pooled_fund",
                AgreementId = fund.AgreementId.ToString(),
                RecordId = fund.FundId.ToString(),
                RecordName = fund.FundName,
                RiskShareMethod = fund.RiskShareMethod.ToString(),
            };
            await RowAsync(of, ("contributions", fund.Contributions), ("in_kind_contributions", fund.InKindContributions), ("spend", fund.Spend), ("variance", fund.Variance));
            foreach (var period in fund.Periods)
                await RowAsync(of with { Period = period.Period }, ("spend", period.Spend));
            foreach (var partner in fund.Partners)
                await RowAsync(of with { OrganisationId = partner.OrganisationId.ToString() },
                    ("planned", partner.Planned), ("revised", partner.Revised), ("actual", partner.Actual), ("effective", partner.Effective),
                    ("in_kind_planned", partner.InKind.Planned), ("in_kind_revised", partner.InKind.Revised), ("in_kind_actual", partner.InKind.Actual),
                    ("in_kind_effective", partner.InKind.Effective), ("share_of_variance", partner.ShareOfVariance));
        }
        foreach (var agreement in export.AlignedBudgets)
        {
            var of = new Row { Section = "aligned_budget", AgreementId = agreement.AgreementId.ToString(), AgreementReference = agreement.AgreementReference };
            await RowAsync(of, ("budget", agreement.Budget), ("spend", agreement.Spend), ("variance", agreement.Variance));
            foreach (var report in agreement.Partners)
            {
                var partner = of with
                {
                    RecordId = report.Id.ToString(),
                    Revision = report.Revision,
                    OrganisationId = report.OrganisationId.ToString(),
                    Description = report.Note,
                    RecordedAt = report.ReportedAt,
                };
                await RowAsync(partner, ("budget", report.Budget), ("spend", report.Spend), ("variance", report.Variance));
                foreach (var category in report.Categories)
                    await RowAsync(partner with { Category = category.Category }, ("budget", category.Budget), ("spend", category.Spend));
            }
        }
        foreach (var agreement in export.TransferPayments)
        {
            var of = new Row
            {
                Section = "transfer_payment",
                AgreementId = agreement.AgreementId.ToString(),
                AgreementReference = agreement.AgreementReference,
                Basis = agreement.Basis.ToString(),
            };
            await RowAsync(of, ("total", agreement.Total));
            foreach (var payment in agreement.Payments)
                await RowAsync(of with
                {
                    Basis = payment.Basis.ToString(),
                    RecordId = payment.Id.ToString(),
                    ReplacesId = payment.Corrects?.ToString(),
                    OrganisationId = payment.PayerId.ToString(),
                    CounterpartyId = payment.PayeeId.ToString(),
                    Description = payment.Purpose,
                    Conditions = payment.Conditions,
                    RecordedAt = payment.RecordedAt,
                }, ("amount", payment.Amount));
        }
        var totals = export.Totals;
        await RowAsync(new Row { Section = "totals" },
            ("aligned_budget", totals.AlignedBudget), ("aligned_spend", totals.AlignedSpend), ("aligned_variance", totals.AlignedVariance),
            ("nhs_to_local_authority", totals.NhsToLocalAuthority), ("local_authority_to_nhs", totals.LocalAuthorityToNhs));
    }
}

/// <summary>A writer that keeps nothing but how many characters it was given.</summary>
internal sealed class CountingWriter : TextWriter
{
    public long Count { get; private set; }

    public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

    public override void Write(char value) => Count++;

    public override void Write(char[] buffer, int index, int count) => Count += count;

    public override void Write(ReadOnlySpan<char> buffer) => Count += buffer.Length;

    public override void Write(string? value) => Count += value?.Length ?? 0;

    public override Task WriteAsync(char value)
    {
        Count++;
        return Task.CompletedTask;
    }

    public override Task WriteAsync(char[] buffer, int index, int count)
    {
        Count += count;
        return Task.CompletedTask;
    }

    public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
    {
        Count += buffer.Length;
        return Task.CompletedTask;
    }

    public override Task WriteAsync(string? value)
    {
        Count += value?.Length ?? 0;
        return Task.CompletedTask;
    }
}
