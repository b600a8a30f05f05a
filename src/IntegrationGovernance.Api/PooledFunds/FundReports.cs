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
            .WithName(nameof(GetFundSummary))
            .WithTags("Pooled funds")
            .WithSummary("A fund's figures for a financial year")
            .WithDescription("Contributions by partner and kind, spend by period (P1 April … P12 March), variance (contributions − spend) and each partner's share of it under the year's risk share. "
                + "Every total is summed by PostgreSQL in numeric. With `asOf`, exactly the figures the register gave at that moment. Send `Accept: text/csv` for CSV. " + CsvCells)
            .WithMetadata(new OpenApi.AlsoAsCsv(FundSummaryCsv.Columns, FundSummaryCsv.MaxLength(1)))
            .RequireScope(Scopes.FinanceRead);
        api.MapGet("/pooled-funds/{id:guid}/ledger", GetLedger)
            .WithName(nameof(GetLedger))
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
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithTags("Pooled funds")
            .WithSummary("Every fund's figures for a financial year")
            .WithDescription("The finance export: one summary per fund, filtered by agreement or organisation; at most 500 funds (more is a 422 too-large). "
                + "With `asOf`, exactly as the register gave it at that moment. Send `Accept: text/csv` for CSV, one row per fund and partner. " + CsvCells)
            .WithMetadata(new OpenApi.AlsoAsCsv(FundSummaryCsv.Columns, FundSummaryCsv.MaxLength(MaxFunds)))
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireScope(Scopes.FinanceRead);
        api.MapGet("/organisations/{id:guid}/pooled-funds", ListOrganisationFunds)
            .WithTags("Pooled funds")
            .WithSummary("The funds an organisation hosts or contributes to, with its contributions for a year")
            .RequireScope(Scopes.FinanceRead);
        return api;
    }

    /// <param name="financialYear">e.g. 2015-16.</param>
    /// <param name="fromPeriod">First month period, 1 (April) to 12 (March); default 1.</param>
    /// <param name="toPeriod">Last month period; default 12.</param>
    /// <param name="asOf">The figures exactly as the register gave them at this moment (UTC date-time): later bookings, contributions and risk shares left out.</param>
    public static async Task<Results<Ok<FundSummaryResponse>, ValidationProblem, ProblemHttpResult, EmptyHttpResult>> GetFundSummary(
        Guid id, string financialYear, int? fromPeriod, int? toPeriod, DateTimeOffset? asOf, RegisterDbContext db, RecordHistory history, IMapper mapper,
        HttpContext http, CancellationToken cancellationToken)
    {
        if (ReadQuery(financialYear, fromPeriod, toPeriod, out var year, out var range) is [_, ..] problems)
            return Problems.Validation(problems);
        var statement = asOf is { } moment
            ? await OneStatementThenAsync(db, history, moment, id, year!.Value, range, cancellationToken)
            : await OneStatementNowAsync(db, id, year!.Value, range, cancellationToken);
        if (statement is null)
            return Problems.NotFound(PooledFundsEndpoints.Resource, id);
        var summary = mapper.Map<FundSummaryResponse>(statement);
        if (http.Request.WantsCsv())
        {
            await FundSummaryCsv.WriteAsync(http.Response, [summary], cancellationToken);
            return TypedResults.Empty;
        }
        return TypedResults.Ok(summary);
    }

    public static async Task<Results<Ok<Page<FundSummaryResponse>>, ValidationProblem, ProblemHttpResult, EmptyHttpResult>> ListFundSummaries(
        [AsParameters] FundSummaryFilters filters, [AsParameters] PageQuery paging, RegisterDbContext db, RecordHistory history, IMapper mapper,
        HttpContext http, CancellationToken cancellationToken)
    {
        var (financialYear, agreementId, organisationId, fromPeriod, toPeriod, asOf) =
            (filters.FinancialYear, filters.AgreementId, filters.OrganisationId, filters.FromPeriod, filters.ToPeriod, filters.AsOf);
        var page = PageRequest.From(paging);
        var problems = ReadQuery(financialYear, fromPeriod, toPeriod, out var year, out var range);
        problems.AddRange(PageRequest.Validate(paging.Limit));
        if (!page.TryReadKey<FundCursor>(http.Request, out var after))
            problems.Add(PageRequest.BadCursor);
        if (problems.Count > 0)
            return Problems.Validation(problems);
        var sources = await db.FinanceAtAsync(history, asOf, cancellationToken);
        if (http.Request.WantsCsv())
        {
            // the CSV is the whole selection, as the finance export is
            if (await SummariesAsync(sources, agreementId, organisationId, year!.Value, range, mapper, cancellationToken) is not { } all)
                return TooManyFunds();
            await FundSummaryCsv.WriteAsync(http.Response, all, cancellationToken);
            return TypedResults.Empty;
        }
        var funds = Funds(sources, agreementId, organisationId);
        if (after is not null)
            funds = funds.Where(f => EF.Functions.GreaterThan(ValueTuple.Create(f.Name, f.Id), ValueTuple.Create(after.Name, after.Id)));
        var summaries = mapper.Map<List<FundSummaryResponse>>(await StatementsAsync(sources, funds, year!.Value, range, cancellationToken, take: page.Limit + 1));
        return TypedResults.Ok(page.ToPage(summaries, f => new FundCursor(f.FundName, f.FundId), http.Request));
    }

    /// <param name="id">The fund.</param>
    public static async Task<Results<Ok<Page<LedgerLineResponse>>, ValidationProblem, ProblemHttpResult, EmptyHttpResult>> GetLedger(
        Guid id, [AsParameters] LedgerFilters filters, [AsParameters] PageQuery paging, RegisterDbContext db,
        RecordHistory history, IMapper mapper, HttpContext http, CancellationToken cancellationToken)
    {
        var (financialYear, fromPeriod, toPeriod, asOf, limit, cursor) = (filters.FinancialYear, filters.FromPeriod, filters.ToPeriod, filters.AsOf, paging.Limit, paging.Cursor);
        var page = PageRequest.From(limit, cursor);
        var problems = ReadQuery(financialYear, fromPeriod, toPeriod, out var year, out var range);
        problems.AddRange(PageRequest.Validate(limit));
        if (!page.TryReadKey<long>(http.Request, out var after))
            problems.Add(PageRequest.BadCursor);
        if (problems.Count > 0)
            return Problems.Validation(problems);
        var sources = await db.FinanceAtAsync(history, asOf, cancellationToken);
        if (!await sources.Funds.AnyAsync(f => f.Id == id, cancellationToken))
            return Problems.NotFound(PooledFundsEndpoints.Resource, id);

        var lines = sources.Lines.Where(l => l.FundId == id && l.Period >= range.From && l.Period <= range.To);
        if (year is { } only)
            lines = lines.Where(l => l.FinancialYearStart == only.StartYear);
        if (http.Request.WantsCsv())
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

    /// <param name="financialYear">The year whose contributions to show, e.g. 2015-16.</param>
    /// <param name="id">The organisation.</param>
    public static async Task<Results<Ok<Page<OrganisationFundResponse>>, ValidationProblem, ProblemHttpResult>> ListOrganisationFunds(
        Guid id, string financialYear, [AsParameters] PageQuery paging, RegisterDbContext db, IMapper mapper, HttpRequest request,
        CancellationToken cancellationToken)
    {
        var page = PageRequest.From(paging);
        var problems = PageRequest.Validate(paging.Limit).ToList();
        if (!FinancialYear.TryParse(financialYear, out var year))
            problems.Add(new RuleViolation("financialYear", FinancialYear.Problem));
        if (!page.TryReadKey<FundCursor>(request, out var after))
            problems.Add(PageRequest.BadCursor);
        if (problems.Count > 0)
            return Problems.Validation(problems);
        if (!await db.Organisations.AnyAsync(o => o.Id == id, cancellationToken))
            return Problems.NotFound("organisation", id);
        var query = db.PooledFunds.AsNoTracking()
            .Where(f => f.HostOrganisationId == id || db.Contributions.Any(c => c.FundId == f.Id && c.OrganisationId == id));
        if (after is not null)
            query = query.Where(f => EF.Functions.GreaterThan(ValueTuple.Create(f.Name, f.Id), ValueTuple.Create(after.Name, after.Id)));
        var funds = await query.OrderBy(f => f.Name).ThenBy(f => f.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        var fundIds = funds.Select(f => f.Id).ToList();
        var contributions = await db.Contributions.AsNoTracking()
            .Where(c => fundIds.Contains(c.FundId) && c.OrganisationId == id && c.FinancialYearStart == year!.Value.StartYear)
            .OrderBy(c => c.CreatedAt).ToListAsync(cancellationToken);
        var items = funds.Select(f => new OrganisationFundResponse
        {
            Fund = mapper.Map<PooledFundResponse>(f),
            Hosts = f.HostOrganisationId == id,
            Contributions = mapper.Map<List<ContributionResponse>>(contributions.Where(c => c.FundId == f.Id)),
        }).ToList();
        return TypedResults.Ok(page.ToPage(items, f => new FundCursor(f.Fund.Name, f.Fund.Id), request));
    }

    private sealed record FundCursor(string Name, Guid Id);

    /// <summary>
    /// The finance export's summaries: every fund, or those of one agreement, or of the agreements an organisation is a party to (also
    /// drawn by <see cref="FinanceExport"/>); null when more than <see cref="MaxFunds"/> are selected.
    /// </summary>
    internal static async Task<List<FundSummaryResponse>?> SummariesAsync(FinanceSources sources, Guid? agreementId, Guid? organisationId,
        FinancialYear year, PeriodRange range, IMapper mapper, CancellationToken cancellationToken)
    {
        var funds = Funds(sources, agreementId, organisationId);
        if (await funds.CountAsync(cancellationToken) > MaxFunds)
            return null;
        return mapper.Map<List<FundSummaryResponse>>(await StatementsAsync(sources, funds, year, range, cancellationToken));
    }

    private static IQueryable<PooledFund> Funds(FinanceSources sources, Guid? agreementId, Guid? organisationId)
    {
        var funds = sources.Funds;
        if (agreementId is { } agreement)
            funds = funds.Where(f => f.AgreementId == agreement);
        // a semi-join in the funds' own statement: an organisation may be party to thousands of agreements
        if (organisationId is { } organisation)
            funds = funds.Where(f => sources.Agreements.Any(a => a.Id == f.AgreementId && a.PartyIds.Contains(organisation)));
        return funds;
    }

    // the most frequent finance read, in one round trip
    private static async Task<FundYearStatement?> OneStatementNowAsync(RegisterDbContext db, Guid id, FinancialYear year, PeriodRange range,
        CancellationToken cancellationToken) =>
        await db.OneFundYearNowAsync(id, year, range, cancellationToken) is { } now
            ? FundYearStatement.Draw(now.Fund, year, range, now.Contributions, now.Spend)
            : null;

    // as the register stood: no fund then, no statement
    private static async Task<FundYearStatement?> OneStatementThenAsync(RegisterDbContext db, RecordHistory history, DateTimeOffset asOf, Guid id,
        FinancialYear year, PeriodRange range, CancellationToken cancellationToken)
    {
        var sources = await db.FinanceAtAsync(history, asOf, cancellationToken);
        return (await StatementsAsync(sources, sources.Funds.Where(f => f.Id == id), year, range, cancellationToken)).SingleOrDefault();
    }

    /// <summary>Each fund's statement for the year, in name order (the first <paramref name="take"/> funds, when given).</summary>
    private static async Task<List<FundYearStatement>> StatementsAsync(
        FinanceSources sources, IQueryable<PooledFund> funds, FinancialYear year, PeriodRange range, CancellationToken cancellationToken, int? take = null)
    {
        var ordered = funds.OrderBy(f => f.Name).ThenBy(f => f.Id);
        var selected = await (take is { } most ? ordered.Take(most) : ordered).ToListAsync(cancellationToken);
        var figures = (await sources.ForYearAsync(selected.Select(f => f.Id).ToList(), year, range, cancellationToken)).ToDictionary(f => f.FundId);
        return selected.Select(fund => FundYearStatement.Draw(fund.Heading, year, range, figures[fund.Id].Contributions, figures[fund.Id].Spend)).ToList();
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
}
