using AutoMapper;
using IntegrationGovernance.Api.Agreements;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.PooledFunds;
using IntegrationGovernance.Infrastructure.Persistence;
using IntegrationGovernance.Infrastructure.PooledFunds;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Api.PooledFunds;

/// <summary>Payments under section 256 and section 76 of the NHS Act 2006, recorded on their transfer agreement by financial year.</summary>
public static class TransferPaymentsEndpoints
{
    public const string Resource = "transfer payment";

    public static RouteGroupBuilder MapTransferPaymentsEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/agreements/{id:guid}/transfer-payments").WithTags("Transfer payments");
        group.MapPost("/", RecordTransferPayment)
            .WithSummary("Record a section 256 or section 76 payment for a financial year")
            .WithDescription("Under section 256 an NHS commissioner (PCT, CCG, ICB or NHS England) pays a local authority; under section 76 a local authority pays an NHS body. "
                + "Payer and payee are parties to the agreement in that year; a payment the wrong way is refused, naming the field. Payments are never changed: "
                + "to correct one, record the right figure with `corrects` naming it; the correction replaces it and both stay on record. A correction may be 0.00 (no payment was made after all).")
            .RequireScope(Scopes.FinanceWrite)
            .RequirePartyOf<Agreement>(AgreementsEndpoints.Resource);
        group.MapGet("/", ListTransferPayments)
            .WithSummary("A transfer agreement's payments for a financial year")
            .WithDescription("The payments that stand (none corrects them) in the order recorded, and their total summed by PostgreSQL. "
                + "`withCorrected=true` lists the corrected ones too, each naming the payment that corrected it. With `asOf`, exactly as the register gave them at that moment.")
            .RequireScope(Scopes.FinanceRead);
        group.MapGet("/{paymentId:guid}", GetTransferPayment)
            .WithName(nameof(GetTransferPayment))
            .WithSummary("Read one transfer payment")
            .RequireScope(Scopes.FinanceRead);
        return api;
    }

    /// <param name="id">The transfer agreement.</param>
    public static async Task<Results<Created<TransferPaymentResponse>, ValidationProblem, ProblemHttpResult>> RecordTransferPayment(
        Guid id, TransferPaymentRequest body, RegisterDbContext db, IMapper mapper, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var agreement = await db.Agreements.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (agreement is null)
            return Problems.NotFound(AgreementsEndpoints.Resource, id);
        TransferPaymentRules.EnsureTransferAgreement(agreement);
        var details = new TransferPaymentDetails(body.FinancialYear, body.PayerId, body.PayeeId, body.Amount, body.Purpose, body.Conditions, body.Corrects);
        var organisations = await db.Organisations.AsNoTracking().Where(o => o.Id == body.PayerId || o.Id == body.PayeeId).ToDictionaryAsync(o => o.Id, cancellationToken);
        var corrected = body.Corrects is { } corrects
            ? await db.TransferPayments.AsNoTracking().FirstOrDefaultAsync(p => p.Id == corrects && p.AgreementId == id, cancellationToken)
            : null;
        if (TransferPaymentRules.Check(agreement, details, organisations, corrected) is [_, ..] problems)
            return Problems.Validation(problems);
        FinancialYear.TryParse(body.FinancialYear, out var parsed);
        var year = parsed!.Value;
        if (corrected is not null)
            TransferPaymentRules.EnsureStanding(corrected, await db.TransferPayments.AsNoTracking().Where(p => p.CorrectsId == corrected.Id).ToListAsync(cancellationToken));
        TransferPaymentRules.EnsureRoom(await db.TransferPayments.CountAsync(p => p.AgreementId == id && p.FinancialYearStart == year.StartYear, cancellationToken));

        var payment = await db.InsertAsync(TransferPayment.Record(agreement, details, year, clock.GetUtcNow()), cancellationToken);
        var location = http.PathTo(nameof(GetTransferPayment), new { id, paymentId = payment.Id });
        return TypedResults.Created(location, mapper.Map<TransferPaymentResponse>(payment));
    }

    /// <param name="id">The transfer agreement.</param>
    /// <param name="financialYear">e.g. 2015-16.</param>
    /// <param name="withCorrected">List corrected payments too; the total counts only those that stand.</param>
    /// <param name="asOf">The payments exactly as the register held them at this moment (UTC date-time): later ones and later corrections left out.</param>
    public static async Task<Results<Ok<TransferPaymentsResponse>, ValidationProblem, ProblemHttpResult>> ListTransferPayments(
        Guid id, string financialYear, bool? withCorrected, DateTimeOffset? asOf, RegisterDbContext db, RecordHistory history, IMapper mapper,
        CancellationToken cancellationToken)
    {
        if (!FinancialYear.TryParse(financialYear, out var year))
            return Problems.Validation("financialYear", FinancialYear.Problem);
        var sources = await db.ArrangementsAtAsync(history, asOf, cancellationToken);
        var agreement = await sources.Agreements.Where(a => a.Id == id).Select(a => new { a.Reference, a.Basis }).FirstOrDefaultAsync(cancellationToken);
        if (agreement is null)
            return Problems.NotFound(AgreementsEndpoints.Resource, id);
        var figures = (await sources.TransfersAsync(year.Value, [id], withCorrected == true, cancellationToken)).SingleOrDefault();
        return TypedResults.Ok(figures is null
            ? new TransferPaymentsResponse { AgreementId = id, AgreementReference = agreement.Reference, Basis = agreement.Basis, FinancialYear = year.Value.ToString(), Payments = [], Total = 0m }
            : ToResponse(figures, year.Value, mapper));
    }

    /// <param name="id">The transfer agreement.</param>
    /// <param name="asOf">The payment as the register held it at this moment (UTC date-time): a correction made later is not shown.</param>
    public static async Task<Results<Ok<TransferPaymentResponse>, ProblemHttpResult>> GetTransferPayment(
        Guid id, Guid paymentId, DateTimeOffset? asOf, RegisterDbContext db, RecordHistory history, IMapper mapper, CancellationToken cancellationToken)
    {
        var sources = await db.ArrangementsAtAsync(history, asOf, cancellationToken);
        var payment = await sources.Payments.FirstOrDefaultAsync(p => p.Id == paymentId && p.AgreementId == id, cancellationToken);
        if (payment is null)
            return Problems.NotFound(Resource, paymentId);
        var correctedBy = await sources.Payments.Where(c => c.CorrectsId == paymentId).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);
        return TypedResults.Ok(mapper.Map<TransferPaymentResponse>(payment) with { CorrectedBy = correctedBy });
    }

    internal static TransferPaymentsResponse ToResponse(TransferYearFigures figures, FinancialYear year, IMapper mapper) => new()
    {
        AgreementId = figures.AgreementId,
        AgreementReference = figures.Reference,
        Basis = figures.Basis,
        FinancialYear = year.ToString(),
        Payments = figures.Payments
            .Select(p => mapper.Map<TransferPaymentResponse>(p) with { CorrectedBy = figures.CorrectedBy.TryGetValue(p.Id, out var by) ? by : null })
            .ToList(),
        Total = figures.Total,
    };

}
