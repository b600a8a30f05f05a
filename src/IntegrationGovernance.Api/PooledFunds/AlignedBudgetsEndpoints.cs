using AutoMapper;
using IntegrationGovernance.Api.Agreements;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.OpenApi;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.PooledFunds;
using IntegrationGovernance.Infrastructure.Persistence;
using IntegrationGovernance.Infrastructure.PooledFunds;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Api.PooledFunds;

/// <summary>Budgets partners align to an agreement without pooling them, and their spend, by financial year as each partner reports it.</summary>
public static class AlignedBudgetsEndpoints
{
    public static RouteGroupBuilder MapAlignedBudgetsEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/agreements/{id:guid}/aligned-budgets").WithTags("Aligned budgets");
        group.MapPut("/{financialYear}/{organisationId:guid}", ReportAlignedBudget)
            .WithSummary("Report a partner's aligned budget and spend for a financial year")
            .WithDescription("Only the partner reports its own figures, acting for itself. Each report replaces the partner's previous one for the year as its next revision "
                + "(the ETag is the revision number); every report stays on record. Send `If-None-Match: *` with the first report, and `If-Match` with the latest report's ETag "
                + "with each one after, so a report made meanwhile is never overwritten unseen. Categories, if given, add up to the budget and the spend. "
                + "Not for a section 256 or 76 transfer (record its payments) nor a section 113 arrangement.")
            .ReturnsETag()
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireScope(Scopes.FinanceWrite)
            .RequirePartyOf<Agreement>(AgreementsEndpoints.Resource)
            .AddEndpointFilter(ActingForThePartner);
        group.MapGet("/{financialYear}/{organisationId:guid}", GetAlignedBudget)
            .WithName(nameof(GetAlignedBudget))
            .WithSummary("A partner's latest aligned budget report for a financial year")
            .WithDescription("With its ETag, to send in If-Match with the next report. With `asOf`, the report that was the latest at that moment.")
            .ReturnsETag()
            .RequireScope(Scopes.FinanceRead);
        group.MapGet("/", ListAlignedBudgets)
            .WithSummary("An agreement's aligned budgets for a financial year, partner by partner")
            .WithDescription("Each partner's latest report and the agreement's totals, summed by PostgreSQL. `withReplaced=true` lists every report, each replaced one naming the report that replaced it. "
                + "With `asOf`, exactly as the register gave them at that moment.")
            .RequireScope(Scopes.FinanceRead);
        return api;
    }

    /// <param name="id">The agreement.</param>
    /// <param name="financialYear">e.g. 2015-16.</param>
    /// <param name="organisationId">The partner reporting: the caller's own organisation.</param>
    /// <param name="ifNoneMatch">`*` with a partner's first report for the year: recorded only if it has none yet.</param>
    /// <param name="ifMatch">The ETag of the partner's latest report, with every report after the first.</param>
    public static async Task<Results<Created<AlignedBudgetReportResponse>, Ok<AlignedBudgetReportResponse>, ValidationProblem, ProblemHttpResult>> ReportAlignedBudget(
        Guid id, string financialYear, Guid organisationId, AlignedBudgetRequest body,
        [FromHeader(Name = "If-None-Match")] string? ifNoneMatch, [FromHeader(Name = "If-Match")] string? ifMatch,
        RegisterDbContext db, IMapper mapper, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var agreement = await db.Agreements.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (agreement is null)
            return Problems.NotFound(AgreementsEndpoints.Resource, id);
        AlignedBudgetRules.EnsureMayAlign(agreement);
        if (!FinancialYear.TryParse(financialYear, out var parsed))
            return Problems.Validation("financialYear", FinancialYear.Problem);
        var year = parsed.Value;
        var previous = await db.AlignedBudgetReports.AsNoTracking()
            .Where(r => r.AgreementId == id && r.OrganisationId == organisationId && r.FinancialYearStart == year.StartYear)
            .OrderByDescending(r => r.Revision).FirstOrDefaultAsync(cancellationToken);
        if (Precondition(http.Request, ifNoneMatch, ifMatch, previous) is { } refused)
            return refused;
        var figures = new AlignedBudgetFigures(body.Budget, body.Spend,
            body.Categories.Select(c => new AlignedBudgetCategory(c.Category, c.Budget, c.Spend)).ToList(), body.Note);
        if (AlignedBudgetRules.Check(agreement, organisationId, financialYear, figures) is [_, ..] problems)
            return Problems.Validation(problems);
        AlignedBudgetRules.EnsureRoom(previous);

        var report = await db.InsertAsync(AlignedBudgetReport.Report(id, organisationId, year, figures, previous, clock.GetUtcNow()), cancellationToken);
        ETags.Set(http.Response, (uint)report.Revision);
        var response = mapper.Map<AlignedBudgetReportResponse>(report);
        if (previous is not null)
            return TypedResults.Ok(response);
        var location = http.PathTo(nameof(GetAlignedBudget), new { id, financialYear = year.ToString(), organisationId });
        return TypedResults.Created(location, response);
    }

    /// <param name="id">The agreement.</param>
    /// <param name="financialYear">e.g. 2015-16.</param>
    /// <param name="organisationId">The partner.</param>
    /// <param name="asOf">The report that was the partner's latest at this moment (UTC date-time).</param>
    public static async Task<Results<Ok<AlignedBudgetReportResponse>, ValidationProblem, ProblemHttpResult>> GetAlignedBudget(
        Guid id, string financialYear, Guid organisationId, DateTimeOffset? asOf, RegisterDbContext db, RecordHistory history, IMapper mapper,
        HttpResponse response, CancellationToken cancellationToken)
    {
        if (!FinancialYear.TryParse(financialYear, out var year))
            return Problems.Validation("financialYear", FinancialYear.Problem);
        var sources = await db.ArrangementsAtAsync(history, asOf, cancellationToken);
        var report = await sources.Latest(sources.AlignedBudgets)
            .FirstOrDefaultAsync(r => r.AgreementId == id && r.OrganisationId == organisationId && r.FinancialYearStart == year.Value.StartYear, cancellationToken);
        if (report is null)
            return TypedResults.Problem($"No aligned budget of organisation {organisationId} for {year} under agreement {id}.",
                title: "Not found.", statusCode: StatusCodes.Status404NotFound, type: ProblemTypes.NotFound);
        if (asOf is null)
            ETags.Set(response, (uint)report.Revision);
        return TypedResults.Ok(mapper.Map<AlignedBudgetReportResponse>(report));
    }

    /// <param name="id">The agreement.</param>
    /// <param name="financialYear">e.g. 2015-16.</param>
    /// <param name="withReplaced">List every report, the replaced ones too; the totals count only each partner's latest.</param>
    /// <param name="asOf">The reports exactly as the register held them at this moment (UTC date-time): later reports left out.</param>
    public static async Task<Results<Ok<AlignedBudgetsResponse>, ValidationProblem, ProblemHttpResult>> ListAlignedBudgets(
        Guid id, string financialYear, bool? withReplaced, DateTimeOffset? asOf, RegisterDbContext db, RecordHistory history, IMapper mapper,
        CancellationToken cancellationToken)
    {
        if (!FinancialYear.TryParse(financialYear, out var year))
            return Problems.Validation("financialYear", FinancialYear.Problem);
        var sources = await db.ArrangementsAtAsync(history, asOf, cancellationToken);
        var reference = await sources.Agreements.Where(a => a.Id == id).Select(a => a.Reference).FirstOrDefaultAsync(cancellationToken);
        if (reference is null)
            return Problems.NotFound(AgreementsEndpoints.Resource, id);
        var figures = (await sources.AlignedAsync(year.Value, [id], withReplaced == true, cancellationToken)).SingleOrDefault();
        return TypedResults.Ok(figures is null
            ? new AlignedBudgetsResponse { AgreementId = id, AgreementReference = reference, FinancialYear = year.Value.ToString(), Partners = [], Budget = 0m, Spend = 0m, Variance = 0m }
            : ToResponse(figures, year.Value, mapper));
    }

    internal static AlignedBudgetsResponse ToResponse(AlignedYearFigures figures, FinancialYear year, IMapper mapper) => new()
    {
        AgreementId = figures.AgreementId,
        AgreementReference = figures.Reference,
        FinancialYear = year.ToString(),
        Partners = figures.Reports
            .Select(r => mapper.Map<AlignedBudgetReportResponse>(r) with { ReplacedBy = figures.ReplacedBy.TryGetValue(r.Id, out var by) ? by : null })
            .ToList(),
        Budget = figures.Budget,
        Spend = figures.Spend,
        Variance = figures.Variance,
    };

    /// <summary>
    /// A first report needs <c>If-None-Match: *</c>; a later one <c>If-Match</c> with the latest report's ETag (428 without, 412 when
    /// another report came first). Two reports racing past this both name the same revision, and the database keeps only one.
    /// </summary>
    private static ProblemHttpResult? Precondition(HttpRequest request, string? ifNoneMatch, string? ifMatch, AlignedBudgetReport? previous)
    {
        var createOnly = ifNoneMatch?.Split(',').Any(v => v.Trim() == "*") == true;
        if (previous is null)
            return createOnly ? null
                : ifMatch is not null ? Problems.PreconditionFailed()
                : Required("This partner has no report for the year yet: send If-None-Match: * with its first report.");
        if (createOnly)
            return Problems.PreconditionFailed();
        return ETags.CheckIfMatch(request, (uint)previous.Revision) switch
        {
            IfMatchResult.Missing => Required("This partner has reported for the year already: send the ETag of its latest report in If-Match, so a report made since is not overwritten."),
            IfMatchResult.Stale => Problems.PreconditionFailed(),
            _ => null,
        };
    }

    private static ProblemHttpResult Required(string detail) => TypedResults.Problem(detail,
        title: "A precondition is required.", statusCode: StatusCodes.Status428PreconditionRequired, type: ProblemTypes.PreconditionRequired);

    /// <summary>Only the partner reports its own aligned budget (an admin may record it for the partner): 403 otherwise.</summary>
    private static async ValueTask<object?> ActingForThePartner(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!Guid.TryParse(http.GetRouteValue("organisationId")?.ToString(), out var partner)
            || await AccessRuleExtensions.ActsForAnyAsync(http, [partner], http.RequestAborted))
            return await next(context);
        return TypedResults.Problem("Only the partner itself, acting through a token whose org claim names it, reports its aligned budget.",
            title: "Your organisation is not this partner.", statusCode: StatusCodes.Status403Forbidden, type: ProblemTypes.ForRule("not-a-party"));
    }
}
