using System.Globalization;
using AutoMapper;
using CsvHelper;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.OpenApi;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Domain.Common;
using IntegrationGovernance.Domain.PooledFunds;
using IntegrationGovernance.Infrastructure.Persistence;
using IntegrationGovernance.Infrastructure.PooledFunds;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Api.PooledFunds;

/// <summary>The figures finance tools pull: summaries by financial year and period, and the ledger, as JSON or CSV.</summary>
public static class FundReports
{
    private const string Csv = "text/csv";

    /// <summary>The most funds one summary list or finance export covers: more is refused (422 too-large); filter by agreement or organisation.</summary>
    public const int MaxFunds = 500;

    /// <summary>The most ledger lines one CSV export holds: as many as an import takes, so it imports again; more is refused (422 too-large).</summary>
    public const int MaxCsvLines = Imports.ImportFile.MaxRows;

    internal static ProblemHttpResult TooManyFunds() =>
        Problems.TooLarge($"More than {MaxFunds} funds are selected; filter by agreementId or organisationId.");

    private const string CsvCells = "In CSV, a text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return (or with single quotes and then one of these) "
        + "is written with a single quote before it, so a spreadsheet shows it rather than running it; the ledger import removes that quote. Amounts are plain numbers.";

    public static RouteGroupBuilder MapFundReportsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/pooled-funds/{id:guid}/summary", GetFundSummary)
            .WithTags("Pooled funds")
            .WithSummary("A fund's figures for a financial year")
            .WithDescription("Contributions by partner and kind, spend by period (P1 April … P12 March), variance (contributions − spend) and each partner's share of it under the year's risk share. "
                + "Every total is summed by PostgreSQL in numeric. With `asOf`, exactly the figures the register gave at that moment. Send `Accept: text/csv` for CSV. " + CsvCells)
            .WithMetadata(new OpenApi.AlsoAsCsv(FundSummaryCsv.Columns, FundSummaryCsv.MaxLength(1)))
            .RequireScope(Scopes.FinanceRead);
        api.MapGet("/pooled-funds/{id:guid}/ledger", GetLedger)
            .WithTags("Pooled funds")
            .WithSummary("A fund's ledger lines")
            .WithDescription("JSON pages (by booking order), or with `Accept: text/csv` the whole selection in the import layout, so it imports again. With `asOf`, only the lines booked by that moment. "
                + "Lines may describe payments to people (care packages): only a caller acting for a party to the fund's agreement, or an admin, reads them; "
                + "the fund's summary is public to any finance reader. " + CsvCells)
            .WithMetadata(new OpenApi.AlsoAsCsv(LedgerFile.ExportColumns, LedgerFile.MaxCsvLength))
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireScope(Scopes.FinanceRead)
            .RequirePartyToRead<Domain.PooledFunds.PooledFund>("pooled fund");
        api.MapGet("/finance/summaries", ListFundSummaries)
            .ListsAtMost(MaxFunds)
            .WithTags("Pooled funds")
            .WithSummary("Every fund's figures for a financial year")
            .WithDescription("The finance export: one summary per fund, filtered by agreement or organisation; at most 500 funds (more is a 422 too-large). "
                + "With `asOf`, exactly as the register gave it at that moment. Send `Accept: text/csv` for CSV, one row per fund and partner. " + CsvCells)
            .WithMetadata(new OpenApi.AlsoAsCsv(FundSummaryCsv.Columns, FundSummaryCsv.MaxLength(MaxFunds)))
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireScope(Scopes.FinanceRead);
        api.MapGet("/organisations/{id:guid}/pooled-funds", ListOrganisationFunds)
            .ListsAtMost(PageRequest.MaxLimit, refusesMore: true)
            .WithTags("Pooled funds")
            .WithSummary("The funds an organisation hosts or contributes to, with its contributions for a year")
            .RequireScope(Scopes.FinanceRead);
        return api;
    }

    /// <param name="id"></param>
    /// <param name="financialYear">e.g. 2015-16.</param>
    /// <param name="fromPeriod">First month period, 1 (April) to 12 (March); default 1.</param>
    /// <param name="toPeriod">Last month period; default 12.</param>
    /// <param name="asOf">The figures exactly as the register gave them at this moment (UTC date-time): later bookings, contributions and risk shares left out.</param>
    /// <param name="db"></param>
    /// <param name="history"></param>
    /// <param name="mapper"></param>
    /// <param name="http"></param>
    /// <param name="cancellationToken"></param>
    public static async Task<Results<Ok<FundSummaryResponse>, ValidationProblem, ProblemHttpResult, EmptyHttpResult>> GetFundSummary(
        Guid id, string financialYear, int? fromPeriod, int? toPeriod, DateTimeOffset? asOf, RegisterDbContext db, RecordHistory history, IMapper mapper,
        HttpContext http, CancellationToken cancellationToken)
    {
        if (ReadQuery(financialYear, fromPeriod, toPeriod, out var year, out var range) is [_, ..] problems)
            return Problems.Validation(problems);
        var sources = await db.FinanceAtAsync(history, asOf, cancellationToken);
        // no fund (then), no statement: one look at the fund, not two
        var summaries = mapper.Map<List<FundSummaryResponse>>(await StatementsAsync(sources, sources.Funds.Where(f => f.Id == id), year!.Value, range, cancellationToken));
        if (summaries.Count == 0)
            return Problems.NotFound(PooledFundsEndpoints.Resource, id);
        if (WantsCsv(http.Request))
        {
            await FundSummaryCsv.WriteAsync(http.Response, summaries, cancellationToken);
            return TypedResults.Empty;
        }
        return TypedResults.Ok(summaries[0]);
    }

    /// <param name="financialYear">e.g. 2015-16.</param>
    /// <param name="agreementId">Only funds of this agreement.</param>
    /// <param name="organisationId">Only funds whose agreement this organisation is a party to.</param>
    /// <param name="fromPeriod">First month period, 1 (April) to 12 (March); default 1.</param>
    /// <param name="toPeriod">Last month period; default 12.</param>
    /// <param name="asOf">The figures exactly as the register gave them at this moment (UTC date-time): later bookings, contributions and risk shares left out.</param>
    /// <param name="db"></param>
    /// <param name="history"></param>
    /// <param name="mapper"></param>
    /// <param name="http"></param>
    /// <param name="cancellationToken"></param>
    public static async Task<Results<Ok<List<FundSummaryResponse>>, ValidationProblem, ProblemHttpResult, EmptyHttpResult>> ListFundSummaries(
        string financialYear, Guid? agreementId, Guid? organisationId, int? fromPeriod, int? toPeriod, DateTimeOffset? asOf, RegisterDbContext db,
        RecordHistory history, IMapper mapper, HttpContext http, CancellationToken cancellationToken)
    {
        if (ReadQuery(financialYear, fromPeriod, toPeriod, out var year, out var range) is [_, ..] problems)
            return Problems.Validation(problems);
        var sources = await db.FinanceAtAsync(history, asOf, cancellationToken);
        if (await SummariesAsync(sources, agreementId, organisationId, year!.Value, range, mapper, cancellationToken) is not { } summaries)
            return TooManyFunds();
        if (WantsCsv(http.Request))
        {
            await FundSummaryCsv.WriteAsync(http.Response, summaries, cancellationToken);
            return TypedResults.Empty;
        }
        return TypedResults.Ok(summaries);
    }

    /// <param name="id"></param>
    /// <param name="financialYear">Only lines of this financial year, e.g. 2015-16.</param>
    /// <param name="fromPeriod">First month period, 1 (April) to 12 (March).</param>
    /// <param name="toPeriod">Last month period.</param>
    /// <param name="limit">Page size for JSON, 1 to 500 (default 50).</param>
    /// <param name="cursor">The <c>nextCursor</c> of the previous page.</param>
    /// <param name="asOf">The ledger exactly as the register held it at this moment (UTC date-time): lines booked later left out.</param>
    /// <param name="db"></param>
    /// <param name="history"></param>
    /// <param name="mapper"></param>
    /// <param name="http"></param>
    /// <param name="cancellationToken"></param>
    public static async Task<Results<Ok<Page<LedgerLineResponse>>, ValidationProblem, ProblemHttpResult, EmptyHttpResult>> GetLedger(
        Guid id, string? financialYear, int? fromPeriod, int? toPeriod, int? limit, string? cursor, DateTimeOffset? asOf, RegisterDbContext db,
        RecordHistory history, IMapper mapper, HttpContext http, CancellationToken cancellationToken)
    {
        var page = PageRequest.From(limit, cursor);
        var problems = ReadQuery(financialYear, fromPeriod, toPeriod, out var year, out var range);
        problems.AddRange(PageRequest.Validate(limit));
        if (!page.TryReadKey<long>(out var after))
            problems.Add(PageRequest.BadCursor);
        if (problems.Count > 0)
            return Problems.Validation(problems);
        var sources = await db.FinanceAtAsync(history, asOf, cancellationToken);
        if (!await sources.Funds.AnyAsync(f => f.Id == id, cancellationToken))
            return Problems.NotFound(PooledFundsEndpoints.Resource, id);

        var lines = sources.Lines.Where(l => l.FundId == id && l.Period >= range.From && l.Period <= range.To);
        if (year is { } only)
            lines = lines.Where(l => l.FinancialYearStart == only.StartYear);
        if (WantsCsv(http.Request))
        {
            if (await lines.CountAsync(cancellationToken) > MaxCsvLines)
                return Problems.TooLarge($"More than {MaxCsvLines:N0} lines are selected, more than an import takes; ask for a financial year, or fewer periods.");
            await LedgerFile.WriteCsvAsync(http.Response, lines.OrderBy(l => l.Id).AsAsyncEnumerable().Select(mapper.Map<LedgerLineResponse>), cancellationToken);
            return TypedResults.Empty;
        }
        if (page.Cursor is not null)
            lines = lines.Where(l => l.Id > after);
        var rows = await lines.OrderBy(l => l.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(page.ToPage(mapper.Map<List<LedgerLineResponse>>(rows), l => l.Id, http.Request));
    }

    /// <param name="id"></param>
    /// <param name="financialYear">The year whose contributions to show, e.g. 2015-16.</param>
    /// <param name="db"></param>
    /// <param name="mapper"></param>
    /// <param name="cancellationToken"></param>
    public static async Task<Results<Ok<List<OrganisationFundResponse>>, ValidationProblem, ProblemHttpResult>> ListOrganisationFunds(
        Guid id, string financialYear, RegisterDbContext db, IMapper mapper, CancellationToken cancellationToken)
    {
        if (!FinancialYear.TryParse(financialYear, out var year))
            return Problems.Validation("financialYear", FinancialYear.Problem);
        if (!await db.Organisations.AnyAsync(o => o.Id == id, cancellationToken))
            return Problems.NotFound("organisation", id);
        if (await PageRequest.AtMostAsync(db.PooledFunds.AsNoTracking()
            .Where(f => f.HostOrganisationId == id || db.Contributions.Any(c => c.FundId == f.Id && c.OrganisationId == id))
            .OrderBy(f => f.Name), cancellationToken) is not { } funds)
            return PageRequest.TooLong("funds this organisation hosts or contributes to");
        var fundIds = funds.Select(f => f.Id).ToList();
        var contributions = await db.Contributions.AsNoTracking()
            .Where(c => fundIds.Contains(c.FundId) && c.OrganisationId == id && c.FinancialYearStart == year.Value.StartYear)
            .OrderBy(c => c.CreatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(funds.Select(f => new OrganisationFundResponse
        {
            Fund = mapper.Map<PooledFundResponse>(f),
            Hosts = f.HostOrganisationId == id,
            Contributions = mapper.Map<List<ContributionResponse>>(contributions.Where(c => c.FundId == f.Id)),
        }).ToList());
    }

    /// <summary>
    /// The finance export's summaries: every fund, or those of one agreement, or of the agreements an organisation is a party to (also
    /// drawn by <see cref="FinanceExport"/>); null when more than <see cref="MaxFunds"/> are selected.
    /// </summary>
    internal static async Task<List<FundSummaryResponse>?> SummariesAsync(FinanceSources sources, Guid? agreementId, Guid? organisationId,
        FinancialYear year, PeriodRange range, IMapper mapper, CancellationToken cancellationToken)
    {
        var funds = sources.Funds;
        if (agreementId is { } agreement)
            funds = funds.Where(f => f.AgreementId == agreement);
        if (organisationId is { } organisation)
        {
            var agreements = await sources.Agreements.Where(a => a.PartyIds.Contains(organisation)).Select(a => a.Id).ToListAsync(cancellationToken);
            funds = funds.Where(f => agreements.Contains(f.AgreementId));
        }
        if (await funds.CountAsync(cancellationToken) > MaxFunds)
            return null;
        return mapper.Map<List<FundSummaryResponse>>(await StatementsAsync(sources, funds, year, range, cancellationToken));
    }

    private static async Task<List<FundYearStatement>> StatementsAsync(
        FinanceSources sources, IQueryable<PooledFund> funds, FinancialYear year, PeriodRange range, CancellationToken cancellationToken)
    {
        var selected = await funds.OrderBy(f => f.Name).ThenBy(f => f.Id).ToListAsync(cancellationToken);
        var figures = (await sources.ForYearAsync(selected.Select(f => f.Id).ToList(), year, range, cancellationToken)).ToDictionary(f => f.FundId);
        return selected.Select(fund => FundYearStatement.Draw(fund, year, range, figures[fund.Id].Contributions, figures[fund.Id].Spend)).ToList();
    }

    /// <summary>Reads the financial year (when one is given) and the periods asked for, once, or says why not, by parameter.</summary>
    private static List<RuleViolation> ReadQuery(string? financialYear, int? fromPeriod, int? toPeriod, out FinancialYear? year, out PeriodRange range)
    {
        var problems = PeriodRange.Problems(fromPeriod, toPeriod).Select(p => new RuleViolation(p.Field, p.Message)).ToList();
        year = null;
        if (financialYear is not null && !FinancialYear.TryParse(financialYear, out year))
            problems.Add(new RuleViolation("financialYear", FinancialYear.Problem));
        range = problems.Count == 0 ? PeriodRange.Of(fromPeriod, toPeriod) : PeriodRange.WholeYear;
        return problems;
    }

    private static bool WantsCsv(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals(Csv, StringComparison.OrdinalIgnoreCase));
}
