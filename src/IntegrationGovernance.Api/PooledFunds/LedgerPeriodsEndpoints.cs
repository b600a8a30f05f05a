using AutoMapper;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.OpenApi;
using IntegrationGovernance.Api.RecordKeeping;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Domain.Common;
using IntegrationGovernance.Domain.PooledFunds;
using IntegrationGovernance.Infrastructure.Persistence;
using IntegrationGovernance.Infrastructure.PooledFunds;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Api.PooledFunds;

/// <summary>The month periods of a fund's ledger: listing them, closing one (the host), reopening one (an admin).</summary>
public static class LedgerPeriodsEndpoints
{
    public const string Resource = "ledger period";

    private const string Race = "A close waits for bookings of the fund under way, and a booking under way when a period closes is refused, "
        + "so no line ever enters a closed period.";

    public static RouteGroupBuilder MapLedgerPeriodsEndpoints(this RouteGroupBuilder api)
    {
        var funds = api.MapGroup("/pooled-funds").WithTags("Pooled funds");
        funds.MapGet("/{id:guid}/periods", ListLedgerPeriods)
            .ListsAtMost(PeriodRange.Last)
            .WithSummary("A fund's month periods for a financial year, open or closed")
            .WithDescription("Twelve entries, P1 (April) to P12 (March), each open or closed, with who closed it and when, and any reopening. "
                + "With `asOf`, as the register held them at that moment.")
            .RequireScope(Scopes.FinanceRead);
        funds.MapPost("/{id:guid}/periods/{financialYear}/{period}/close", CloseLedgerPeriod)
            .WithSummary("Close a month period of a fund's ledger")
            .WithDescription("The fund's host closes a period: from then on it takes no new ledger lines, one at a time or imported "
                + "(a correction is booked in an open period, naming the line it corrects). Recorded with who and when, audited and in the change feed "
                + "under `ledger_periods`. A period already closed is a `409`. " + Race)
            .RecordsChangeAs("closed")
            .RequireScope(Scopes.FinanceWrite)
            .RequireHostOfFund();
        funds.MapPost("/{id:guid}/periods/{financialYear}/{period}/reopen", ReopenLedgerPeriod)
            .WithSummary("Reopen a closed month period (admin)")
            .WithDescription("Only an admin reopens a period, saying why; the reopening is a change to the period's record, audited with its reason. "
                + "A period that is not closed is a `409`.")
            .RecordsChangeAs("reopened")
            .RequireScope(Scopes.Admin);
        api.MapGroup("/ledger-periods").WithTags("Pooled funds")
            .MapHistory<LedgerPeriod, LedgerPeriodResponse>(Resource)
            .RequireScope(Scopes.FinanceRead);
        return api;
    }

    /// <param name="financialYear">The financial year, e.g. 2015-16.</param>
    /// <param name="asOf">The periods exactly as the register held them at this moment (UTC date-time): closes and reopenings since left out.</param>
    public static async Task<Results<Ok<List<LedgerPeriodResponse>>, ValidationProblem, ProblemHttpResult>> ListLedgerPeriods(
        Guid id, string financialYear, DateTimeOffset? asOf, RegisterDbContext db, RecordHistory history, IMapper mapper, CancellationToken cancellationToken)
    {
        if (!FinancialYear.TryParse(financialYear, out var year))
            return Problems.Validation("financialYear", FinancialYear.Problem);
        var held = asOf is { } moment
            ? await history.HeldAtAsync<PooledFund>(id, moment, cancellationToken)
            : await db.PooledFunds.AnyAsync(f => f.Id == id, cancellationToken);
        if (!held)
            return Problems.NotFound(PooledFundsEndpoints.Resource, id);
        var periods = await db.LedgerPeriodsAtAsync(history, asOf, cancellationToken);
        var recorded = await periods.Where(p => p.FundId == id && p.FinancialYearStart == year.Value.StartYear).ToListAsync(cancellationToken);
        return TypedResults.Ok(mapper.Map<List<LedgerPeriodResponse>>(LedgerPeriodStatus.OfYear(id, year.Value, recorded)));
    }

    /// <param name="financialYear">The financial year, e.g. 2015-16.</param>
    /// <param name="period">The month period, 1 (April) to 12 (March).</param>
    public static async Task<Results<Ok<LedgerPeriodResponse>, ValidationProblem, ProblemHttpResult>> CloseLedgerPeriod(
        Guid id, string financialYear, int period, RegisterDbContext db, IMapper mapper, CallerOrganisation caller, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        if (ReadPeriod(financialYear, period, out var month) is [_, ..] problems)
            return Problems.Validation(problems);
        var actor = await caller.ActorAsync(cancellationToken);
        var subject = RequestChangeContext.SubjectOf(http.User);
        var closed = await db.InTransactionAsync<LedgerPeriod?>(async token =>
        {
            if (!await db.LockForPeriodChangeAsync(id, token))
                return null;
            var fund = await db.PooledFunds.AsNoTracking().FirstAsync(f => f.Id == id, token);
            var recorded = await RecordedAsync(db, id, month, token);
            var record = LedgerPeriod.Close(recorded, fund, month, subject, actor.OrganisationId, clock.GetUtcNow());
            if (recorded is null)
                db.LedgerPeriods.Add(record);
            await db.SaveChangesAsync(token);
            return record;
        }, cancellationToken);
        return closed is null ? Problems.NotFound(PooledFundsEndpoints.Resource, id) : TypedResults.Ok(mapper.Map<LedgerPeriodResponse>(closed));
    }

    /// <param name="financialYear">The financial year, e.g. 2015-16.</param>
    /// <param name="period">The month period, 1 (April) to 12 (March).</param>
    public static async Task<Results<Ok<LedgerPeriodResponse>, ValidationProblem, ProblemHttpResult>> ReopenLedgerPeriod(
        Guid id, string financialYear, int period, ReopenLedgerPeriodRequest body, RegisterDbContext db, IMapper mapper, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var problems = ReadPeriod(financialYear, period, out var month);
        problems.AddRange(LedgerPeriod.ReopenProblems(body.Reason).Select(p => new RuleViolation($"$.{p.Field}", p.Message)));
        if (problems.Count > 0)
            return Problems.Validation(problems);
        var subject = RequestChangeContext.SubjectOf(http.User);
        var reopened = await db.InTransactionAsync<LedgerPeriod?>(async token =>
        {
            if (!await db.LockForPeriodChangeAsync(id, token))
                return null;
            var record = LedgerPeriod.Reopen(await RecordedAsync(db, id, month, token), month, subject, body.Reason, clock.GetUtcNow());
            await db.SaveChangesAsync(token);
            return record;
        }, cancellationToken);
        return reopened is null ? Problems.NotFound(PooledFundsEndpoints.Resource, id) : TypedResults.Ok(mapper.Map<LedgerPeriodResponse>(reopened));
    }

    private static Task<LedgerPeriod?> RecordedAsync(RegisterDbContext db, Guid fundId, MonthPeriod period, CancellationToken cancellationToken) =>
        db.LedgerPeriods.FirstOrDefaultAsync(p => p.FundId == fundId && p.FinancialYearStart == period.Year.StartYear && p.Period == period.Number, cancellationToken);

    /// <summary>The financial year and period of the route, read once, or why not, by parameter.</summary>
    private static List<RuleViolation> ReadPeriod(string financialYear, int period, out MonthPeriod month)
    {
        var problems = new List<RuleViolation>();
        if (!FinancialYear.TryParse(financialYear, out var year))
            problems.Add(new RuleViolation("financialYear", FinancialYear.Problem));
        if (!MonthPeriod.IsNumber(period))
            problems.Add(new RuleViolation("period", MonthPeriod.Problem));
        month = problems.Count == 0 ? MonthPeriod.Of(year!.Value, period) : default;
        return problems;
    }
}
