using AutoMapper;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.OpenApi;
using IntegrationGovernance.Api.RecordKeeping;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Common;
using IntegrationGovernance.Domain.PooledFunds;
using IntegrationGovernance.Infrastructure.Persistence;
using IntegrationGovernance.Infrastructure.PooledFunds;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Api.PooledFunds;

/// <summary>Pooled funds: creating them, partners' contributions, risk shares, and booking the ledger.</summary>
public static class PooledFundsEndpoints
{
    public const string Resource = "pooled fund";

    public static RouteGroupBuilder MapPooledFundsEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/pooled-funds").WithTags("Pooled funds");
        group.MapPost("/", CreatePooledFund)
            .WithSummary("Create a pooled fund under an agreement")
            .WithDescription("The agreement must use the pooled-fund flexibility; the host is its Host party. The caller's organisation must be a party.")
            .ReturnsETag()
            .RequireScope(Scopes.FinanceWrite)
            .WithMetadata(new PartyRule("agreement")); // checked in the handler, against the agreement named in the body
        group.MapGet("/{id:guid}", GetPooledFund)
            .WithName(nameof(GetPooledFund))
            .WithSummary("Read one pooled fund")
            .ReturnsETag()
            .RequireScope(Scopes.FinanceRead);
        group.MapHistory<PooledFund, PooledFundResponse>(Resource)
            .RequireScope(Scopes.FinanceRead);
        group.MapPut("/{id:guid}/risk-shares/{financialYear}", SetRiskShare)
            .WithSummary("Set how a year's overspend or underspend is shared")
            .WithDescription("Percentages per partner adding to 100 (they may differ for an overspend and an underspend), or in proportion to contributions.")
            .RequiresIfMatch()
            .RequireScope(Scopes.FinanceWrite)
            .RequirePartyOf<PooledFund>(Resource);
        group.MapPost("/{id:guid}/contributions", RecordContribution)
            .WithSummary("Record a partner's contribution for a financial year")
            .RequireScope(Scopes.FinanceWrite)
            .RequirePartyOf<PooledFund>(Resource);
        group.MapPost("/{id:guid}/ledger-lines", BookLedgerLine)
            .WithSummary("Book one ledger line")
            .WithDescription("A line dated in a closed period is refused (`409`, `period-closed`, naming `$.date`): a correction is booked in an open period, "
                + "with `corrects` naming the external reference of the line of this fund it corrects (`422`, `corrected-line-not-found`, when the ledger holds none).")
            .RequireScope(Scopes.FinanceWrite)
            .RequirePartyOf<PooledFund>(Resource);
        group.MapPost("/{id:guid}/ledger-lines/import", ImportLedgerLines)
            .WithSummary("Import ledger lines in bulk (CSV or JSON)")
            .WithDescription("Body: `text/csv` with header `date,amount,category,description,external_reference` (and optionally `corrects`), or a JSON array of ledger lines. "
                + "Every row is checked first; one bad row rejects the whole file, with each rejected row's number and problems: a row dated in a closed period, "
                + "or correcting a line neither the ledger nor the file holds, is one. "
                + "Lines whose external reference the ledger already holds are skipped, so a repeated import adds nothing. `dryRun=true` checks and counts without booking.")
            .Accepts<List<LedgerLineRequest>>("application/json", "text/csv")
            .WithMetadata(new OpenApi.CsvBody(LedgerFile.Columns))
            .AllowsLargeBody()
            .RequireScope(Scopes.FinanceWrite)
            .RequirePartyOf<PooledFund>(Resource);
        return api;
    }

    public static async Task<Results<Created<PooledFundResponse>, ValidationProblem, ProblemHttpResult>> CreatePooledFund(
        PooledFundRequest body, RegisterDbContext db, IMapper mapper, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var agreement = await db.Agreements.AsNoTracking().FirstOrDefaultAsync(a => a.Id == body.AgreementId, cancellationToken);
        if (agreement is null)
            return Problems.Validation("$.agreementId", "No agreement with this id.");
        if (!await AccessRuleExtensions.ActsForAnyAsync(http, agreement.PartyIds, cancellationToken))
            return AccessRuleExtensions.NotAParty("agreement");
        if (PooledFundRules.CheckFund(agreement, body.Name, body.HostOrganisationId, body.StartsOn, body.EndsOn) is [_, ..] problems)
            return Problems.Validation(problems);

        var fund = await db.InsertAsync(PooledFund.Create(agreement.Id, body.Name, body.HostOrganisationId, body.Manager, body.StartsOn, body.EndsOn, clock.GetUtcNow()), cancellationToken);
        ETags.Set(http.Response, fund.Version);
        return TypedResults.Created(http.PathTo(nameof(GetPooledFund), new { id = fund.Id }), mapper.Map<PooledFundResponse>(fund));
    }

    public static async Task<Results<Ok<PooledFundResponse>, ProblemHttpResult>> GetPooledFund(
        Guid id, RegisterDbContext db, IMapper mapper, HttpResponse response, CancellationToken cancellationToken)
    {
        var fund = await db.PooledFunds.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (fund is null)
            return Problems.NotFound(Resource, id);
        ETags.Set(response, fund.Version);
        return TypedResults.Ok(mapper.Map<PooledFundResponse>(fund));
    }

    /// <param name="financialYear">The financial year the rule applies from, e.g. 2015-16.</param>
    public static Task<Results<Ok<PooledFundResponse>, ValidationProblem, ProblemHttpResult>> SetRiskShare(
        Guid id, string financialYear, RiskShareRequest body, RegisterDbContext db, IMapper mapper, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        if (!FinancialYear.TryParse(financialYear, out var year))
            return Task.FromResult<Results<Ok<PooledFundResponse>, ValidationProblem, ProblemHttpResult>>(Problems.Validation("financialYear", FinancialYear.Problem));
        return RecordChanges.ChangeAsync<PooledFund, PooledFundResponse>(db, id, Resource, http, mapper, async (fund, token) =>
        {
            var parties = await PartiesAsync(db, fund.AgreementId, token);
            var share = new RiskShare
            {
                FinancialYearStart = year.Value.StartYear,
                Method = body.Method,
                Shares = body.Shares.Select(s => new PartnerShare(s.OrganisationId, s.OverspendPercent, s.UnderspendPercent)).ToList(),
            };
            return fund.SetRiskShare(share, parties, clock.GetUtcNow());
        }, cancellationToken);
    }

    public static async Task<Results<Created<ContributionResponse>, ValidationProblem, ProblemHttpResult>> RecordContribution(
        Guid id, ContributionRequest body, RegisterDbContext db, IMapper mapper, TimeProvider clock, HttpRequest request, CancellationToken cancellationToken)
    {
        var fund = await db.PooledFunds.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (fund is null)
            return Problems.NotFound(Resource, id);
        var parties = await PartiesAsync(db, fund.AgreementId, cancellationToken);
        if (PooledFundRules.CheckContribution(parties, body.OrganisationId, body.FinancialYear, body.Kind, body.Form, body.Amount) is [_, ..] problems)
            return Problems.Validation(problems);
        FinancialYear.TryParse(body.FinancialYear, out var year);
        Contribution.EnsureRoom(await db.Contributions.CountAsync(
            c => c.FundId == fund.Id && c.OrganisationId == body.OrganisationId && c.FinancialYearStart == year!.Value.StartYear, cancellationToken));

        var contribution = await db.InsertAsync(Contribution.Record(fund.Id, body.OrganisationId, year!.Value, body.Kind, body.Form, body.Amount, body.Note, clock.GetUtcNow()), cancellationToken);
        // a contribution has no address of its own: it is counted in the fund's figures for its year
        return TypedResults.Created(request.HttpContext.PathTo(nameof(FundReports.GetFundSummary), new { id = fund.Id, financialYear = year!.Value.ToString() }),
            mapper.Map<ContributionResponse>(contribution));
    }

    public static async Task<Results<Created<LedgerLineResponse>, ValidationProblem, ProblemHttpResult>> BookLedgerLine(
        Guid id, LedgerLineRequest body, RegisterDbContext db, IMapper mapper, TimeProvider clock, HttpRequest request, CancellationToken cancellationToken)
    {
        var fund = await db.PooledFunds.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (fund is null)
            return Problems.NotFound(Resource, id);
        var problems = LedgerLine.Problems(body.Date, body.Amount, body.Category, body.Description, body.ExternalReference, fund.StartsOn, fund.EndsOn)
            .Concat(LedgerLine.CorrectionProblems(body.Corrects, body.ExternalReference))
            .Select(p => new RuleViolation($"$.{p.Field}", p.Message)).ToList();
        if (problems.Count > 0)
            return Problems.Validation(problems);
        // checked again by the database as the line is added, under a lock a close waits for (see LedgerPeriods)
        (await db.ClosedPeriodsAsync(fund.Id, cancellationToken)).EnsureOpen(body.Date!.Value);
        if (body.Corrects?.Trim() is { Length: > 0 } corrects)
            LedgerLine.EnsureCorrectedLineHeld(corrects, await db.LedgerLines.AnyAsync(l => l.FundId == fund.Id && l.ExternalReference == corrects, cancellationToken));

        var line = await db.InTransactionAsync(async token =>
        {
            var booking = LedgerBooking.Start(fund.Id, clock.GetUtcNow());
            var booked = LedgerLine.Book(booking, body.Date!.Value, body.Amount!.Value, body.Category!, body.Description, body.ExternalReference!, body.Corrects);
            db.AddRange(booking, booked);
            await db.SaveChangesAsync(token);
            return booked;
        }, cancellationToken);
        return TypedResults.Created(request.HttpContext.PathTo(nameof(FundReports.GetLedger), new { id = fund.Id }), mapper.Map<LedgerLineResponse>(line));
    }

    /// <param name="dryRun">Check and count without booking anything.</param>
    public static async Task<Results<Ok<LedgerImportReport>, ValidationProblem, ProblemHttpResult>> ImportLedgerLines(
        Guid id, bool? dryRun, RegisterDbContext db, LedgerImporter importer, TimeProvider clock, HttpRequest request, CancellationToken cancellationToken)
    {
        var fund = await db.PooledFunds.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (fund is null)
            return Problems.NotFound(Resource, id);
        // the closed periods are checked again by the database as the lines are added (see LedgerPeriods)
        var check = new LedgerImportCheck(fund, await db.ClosedPeriodsAsync(fund.Id, cancellationToken));
        var booking = LedgerBooking.Start(fund.Id, clock.GetUtcNow());
        var errors = new Imports.ImportErrors();
        // the file streams: each row is checked as it is read and, while none has been refused, copied; nothing is added
        // until every row has been read and checked, and a file with a bad row rolls back with what was copied
        await using var import = await importer.BeginAsync(booking, cancellationToken);
        var (rows, unreadable) = await LedgerFile.ReadEachAsync(request, async row =>
        {
            var read = new LedgerImportRow(row.Row, row.Value.Date, row.Value.Amount, row.Value.Category, row.Value.Description, row.Value.ExternalReference,
                row.Value.Corrects, row.Unreadable);
            errors.Add(row.Row, check.Row(read));
            if (errors.Count == 0)
                await import.WriteAsync(LedgerLine.Book(booking, read.Date!.Value, read.Amount!.Value, read.Category!, read.Description, read.ExternalReference!, read.Corrects),
                    cancellationToken);
        }, cancellationToken);
        if (unreadable is not null)
            return Problems.Validation("$", unreadable);

        // a correction may name a line later in the file, or one the ledger holds: known only now
        var held = await import.HeldAsync(check.UnresolvedCorrections(), cancellationToken);
        foreach (var (row, field, messages, rowRejected) in check.MissingCorrections(held))
            errors.AddLater(row, field, messages, rowRejected);
        if (errors.Count > 0)
            return Imports.ImportFile.Rejected(errors, rows, "ledger-import-rejected");
        if (rows == 0)
            return Problems.Validation("$", "The file holds no ledger lines.");

        var result = await import.CompleteAsync(dryRun == true, cancellationToken);
        return TypedResults.Ok(new LedgerImportReport
        {
            DryRun = dryRun == true, Rows = rows, Added = result.Added, AlreadyRecorded = result.AlreadyRecorded, AddedTotal = result.AddedTotal,
            BookingId = dryRun == true ? null : booking.Id,
        });
    }

    public static async Task<IReadOnlyCollection<Guid>> PartiesAsync(RegisterDbContext db, Guid agreementId, CancellationToken cancellationToken) =>
        await db.Agreements.Where(a => a.Id == agreementId).Select(a => a.PartyIds).FirstAsync(cancellationToken);
}
