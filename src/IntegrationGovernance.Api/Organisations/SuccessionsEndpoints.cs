using AutoMapper;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.RecordKeeping;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Domain.Successions;
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
            .WithDescription("Predecessors must have ended before the date and successors be operational on it; a succession that would make a cycle, or fall out of date order with recorded ones, is refused.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireScope(Scopes.Admin);
        group.MapGet("/{id:guid}", GetSuccession)
            .WithSummary("Read one succession")
            .RequireScope(Scopes.RegisterRead);
        group.MapHistory<Succession, SuccessionResponse>("succession")
            .RequireScope(Scopes.RegisterRead);
        return api;
    }

    public static async Task<Results<Created<SuccessionResponse>, ValidationProblem>> CreateSuccession(
        SuccessionRequest body, RegisterDbContext db, SuccessionChains chains, IMapper mapper, TimeProvider clock,
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
            db.Successions.Add(succession);
            await db.SaveChangesAsync(token);
            return TypedResults.Created($"{request.PathBase}/api/v1/successions/{succession.Id}", mapper.Map<SuccessionResponse>(succession));
        }, cancellationToken);
    }

    public static async Task<Results<Ok<SuccessionResponse>, ProblemHttpResult>> GetSuccession(
        Guid id, RegisterDbContext db, IMapper mapper, CancellationToken cancellationToken)
    {
        var succession = await db.Successions.AsNoTracking().Include(s => s.Parties).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        return succession is null ? Problems.NotFound("succession", id) : TypedResults.Ok(mapper.Map<SuccessionResponse>(succession));
    }
}
