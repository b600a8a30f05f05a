using AutoMapper;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.RecordKeeping;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Domain.Successions;
using IntegrationGovernance.Infrastructure.Agreements;
using IntegrationGovernance.Infrastructure.Organisations;
using IntegrationGovernance.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Api.Organisations;

/// <summary>Successions: when bodies are abolished, merged, split or renamed, their rights and duties pass on.</summary>
public static class SuccessionsEndpoints
{
    public static RouteGroupBuilder MapSuccessionsEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/successions").WithTags("Organisations");
        group.MapPost("/", CreateSuccession)
            .WithSummary("Record a succession")
            .WithDescription("Predecessors must have ended before the date and successors be operational on it; a succession that would make a cycle, "
                + "or fall out of date order with recorded ones, is refused. The agreements of the predecessors pass to the successors as novations "
                + "from the date: everything to a sole successor, otherwise as `transfers` names.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireScope(Scopes.Admin);
        group.MapPost("/{id:guid}/transfers", NameTransfer)
            .WithSummary("Name which successor takes a predecessor's place in an agreement")
            .WithDescription("For a succession with several successors (a split, or PCTs into CCGs and NHS England), as the transfer scheme "
                + "said. The successor becomes a party from the succession's date; the agreement records it as a novation.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireScope(Scopes.Admin);
        group.MapGet("/{id:guid}", GetSuccession)
            .WithName(nameof(GetSuccession))
            .WithSummary("Read one succession")
            .RequireScope(Scopes.RegisterRead);
        group.MapHistory<Succession, SuccessionResponse>("succession")
            .RequireScope(Scopes.RegisterRead);
        return api;
    }

    public static async Task<Results<Created<SuccessionResponse>, ValidationProblem>> CreateSuccession(
        SuccessionRequest body, RegisterDbContext db, SuccessionChains chains, AgreementTransfers transfers, IMapper mapper, TimeProvider clock,
        HttpRequest request, CancellationToken cancellationToken)
    {
        var details = mapper.Map<SuccessionDetails>(body);
        return await db.InTransactionAsync<Results<Created<SuccessionResponse>, ValidationProblem>>(async token =>
        {
            await chains.LockAsync(token);
            var named = details.PredecessorIds.Concat(details.SuccessorIds).Distinct().ToList();
            var organisations = await db.Organisations.Where(o => named.Contains(o.Id)).ToDictionaryAsync(o => o.Id, token);
            if (SuccessionRules.Check(details, organisations) is [_, ..] problems)
                return Problems.Validation(problems);
            await chains.GuardAsync(details, token);

            var succession = Succession.Create(details, clock.GetUtcNow());
            if (await NameTransfersAsync(succession, body.Transfers, db, token) is [_, ..] transferProblems)
                return Problems.Validation(transferProblems);
            db.Successions.Add(succession);
            await db.SaveChangesAsync(token);
            await transfers.ApplyAsync(succession, token);
            await db.SaveChangesAsync(token);
            return TypedResults.Created(request.HttpContext.PathTo(nameof(GetSuccession), new { id = succession.Id }), mapper.Map<SuccessionResponse>(succession));
        }, cancellationToken);
    }

    public static async Task<Results<Ok<SuccessionResponse>, ValidationProblem, ProblemHttpResult>> NameTransfer(
        Guid id, SuccessionTransferContract body, RegisterDbContext db, AgreementTransfers transfers, IMapper mapper, CancellationToken cancellationToken) =>
        await db.InTransactionAsync<Results<Ok<SuccessionResponse>, ValidationProblem, ProblemHttpResult>>(async token =>
        {
            var succession = await db.Successions.Include(s => s.Parties).FirstOrDefaultAsync(s => s.Id == id, token);
            if (succession is null)
                return Problems.NotFound("succession", id);
            if (await NameTransfersAsync(succession, [body], db, token, "$") is [_, ..] problems)
                return Problems.Validation(problems);
            await db.SaveChangesAsync(token);
            await transfers.ApplyAsync(succession, token);
            await db.SaveChangesAsync(token);
            return TypedResults.Ok(mapper.Map<SuccessionResponse>(succession));
        }, cancellationToken);

    public static async Task<Results<Ok<SuccessionResponse>, ProblemHttpResult>> GetSuccession(
        Guid id, RegisterDbContext db, IMapper mapper, CancellationToken cancellationToken)
    {
        var succession = await db.Successions.AsNoTracking().Include(s => s.Parties).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        return succession is null ? Problems.NotFound("succession", id) : TypedResults.Ok(mapper.Map<SuccessionResponse>(succession));
    }

    /// <summary>Checks each named transfer against the register and records it on the succession; returns what is wrong.</summary>
    private static async Task<IReadOnlyList<Domain.Common.RuleViolation>> NameTransfersAsync(
        Succession succession, IReadOnlyList<SuccessionTransferContract> named, RegisterDbContext db, CancellationToken cancellationToken,
        string path = "$.transfers")
    {
        var ids = named.Select(t => t.AgreementId).Distinct().ToList();
        var agreements = await db.Agreements.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
        var problems = new List<Domain.Common.RuleViolation>();
        for (var i = 0; i < named.Count; i++)
        {
            var (transfer, at) = (named[i], path == "$" ? "$" : $"{path}[{i}]");
            if (!agreements.TryGetValue(transfer.AgreementId, out var agreement))
                problems.Add(new($"{at}.agreementId", "No agreement with this id."));
            else if (!agreement.NeedsTransfer(transfer.PredecessorId, succession.EffectiveOn)
                     && !agreement.UnassignedTransfers.Any(v => v.SuccessionId == succession.Id && v.Parties[0].OrganisationId == transfer.PredecessorId))
                problems.Add(new($"{at}.predecessorId", $"The predecessor is not a party to this agreement on {succession.EffectiveOn:yyyy-MM-dd}, with the agreement still in being."));
            else
            {
                try
                {
                    succession.NameTransfer(new SuccessionTransfer(transfer.AgreementId, transfer.PredecessorId, transfer.SuccessorId));
                }
                catch (Domain.Common.RegisterRuleException refusal) when (refusal.Field is { } field)
                {
                    problems.Add(new(at + field[1..], refusal.Message));
                }
            }
        }
        return problems;
    }
}
