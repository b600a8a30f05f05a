using AutoMapper;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Domain.PooledFunds;
using IntegrationGovernance.Infrastructure.Persistence;
using IntegrationGovernance.Infrastructure.PooledFunds;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Api.PooledFunds;

/// <summary>A financial year's pooled funds, aligned budgets and transfer payments in one export, each apart, as JSON or CSV.</summary>
public static class FinanceExport
{
    /// <summary>The most agreements with aligned budgets, and with transfer payments, one export covers: more is refused (422 too-large).</summary>
    public const int MaxAgreements = 500;

    public static RouteGroupBuilder MapFinanceExportEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/finance/export", ExportFinance)
            .WithTags("Pooled funds")
            .WithSummary("A financial year's pooled funds, aligned budgets and transfer payments, side by side")
            .WithDescription("Pooled funds exactly as `GET /finance/summaries` gives them for the whole year; aligned budgets (each partner's latest report, not pooled), "
                + "and section 256 and section 76 payments (those that stand), each apart, with totals summed by PostgreSQL. Filtered by agreement or by an organisation "
                + "party to the agreements. With `asOf`, exactly as the register gave it at that moment. Send `Accept: text/csv` for CSV: one row per figure, "
                + "`section` (pooled_fund, aligned_budget, transfer_payment, totals) and `figure` saying which, `amount` a plain number, the other columns naming what it is of "
                + "(an empty organisation_id is a fund's or agreement's own total; a `period` is a month's spend). A text cell that begins with `=`, `+`, `-`, `@`, a tab or a "
                + "carriage return (or with single quotes and then one of these) is written with a single quote before it.")
            .WithMetadata(new OpenApi.AlsoAsCsv(FinanceExportCsv.Columns, FinanceExportCsv.MaxLength))
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireScope(Scopes.FinanceRead);
        return api;
    }

    /// <param name="financialYear">e.g. 2015-16.</param>
    /// <param name="agreementId">Only this agreement's funds, aligned budgets and payments.</param>
    /// <param name="organisationId">Only those of agreements this organisation is a party to.</param>
    /// <param name="asOf">Exactly as the register gave it at this moment (UTC date-time): later bookings, contributions, reports and payments left out.</param>
    public static async Task<Results<Ok<FinanceExportResponse>, ValidationProblem, ProblemHttpResult, EmptyHttpResult>> ExportFinance(
        string financialYear, Guid? agreementId, Guid? organisationId, DateTimeOffset? asOf, RegisterDbContext db, RecordHistory history, IMapper mapper,
        HttpContext http, CancellationToken cancellationToken)
    {
        if (!FinancialYear.TryParse(financialYear, out var parsed))
            return Problems.Validation("financialYear", FinancialYear.Problem);
        var year = parsed.Value;
        var finance = await db.FinanceAtAsync(history, asOf, cancellationToken);
        var arrangements = finance.ArrangementsBeside(db, history, asOf);
        if (await FundReports.SummariesAsync(finance, agreementId, organisationId, year, PeriodRange.WholeYear, mapper, cancellationToken) is not { } pooled)
            return FundReports.TooManyFunds();
        var agreements = await SelectedAsync(finance, agreementId, organisationId, cancellationToken);
        var aligned = await arrangements.AlignedAsync(year, agreements, withReplaced: false, cancellationToken);
        var transfers = await arrangements.TransfersAsync(year, agreements, withCorrected: false, cancellationToken);
        if (aligned.Count > MaxAgreements || transfers.Count > MaxAgreements)
            return Problems.TooLarge($"More than {MaxAgreements} agreements have aligned budgets or payments in the year; filter by agreementId or organisationId.");
        var totals = await arrangements.TotalsAsync(year, agreements, cancellationToken);
        var export = new FinanceExportResponse
        {
            FinancialYear = year.ToString(),
            PooledFunds = pooled,
            AlignedBudgets = aligned.Select(a => AlignedBudgetsEndpoints.ToResponse(a, year, mapper)).ToList(),
            TransferPayments = transfers.Select(t => TransferPaymentsEndpoints.ToResponse(t, year, mapper)).ToList(),
            Totals = new FinanceExportTotalsResponse
            {
                AlignedBudget = totals.AlignedBudget,
                AlignedSpend = totals.AlignedSpend,
                AlignedVariance = totals.AlignedVariance,
                NhsToLocalAuthority = totals.NhsToLocalAuthority,
                LocalAuthorityToNhs = totals.LocalAuthorityToNhs,
            },
        };
        if (http.Request.WantsCsv())
        {
            if (await FinanceExportCsv.LengthAsync(export, cancellationToken) > FinanceExportCsv.MaxLength)
                return Problems.TooLarge($"The CSV would hold more than {FinanceExportCsv.MaxLength:N0} characters; filter by agreementId or organisationId.");
            await FinanceExportCsv.WriteAsync(http.Response, export, cancellationToken);
            return TypedResults.Empty;
        }
        return TypedResults.Ok(export);
    }

    /// <summary>The agreements asked for, as <see cref="FundReports.SummariesAsync"/> selects funds by them; null for every agreement.</summary>
    private static async Task<IReadOnlyCollection<Guid>?> SelectedAsync(FinanceSources sources, Guid? agreementId, Guid? organisationId, CancellationToken cancellationToken)
    {
        if (organisationId is not { } organisation)
            return agreementId is { } only ? [only] : null;
        var agreements = sources.Agreements.Where(a => a.PartyIds.Contains(organisation));
        if (agreementId is { } one)
            agreements = agreements.Where(a => a.Id == one);
        return await agreements.Select(a => a.Id).ToListAsync(cancellationToken);
    }
}
