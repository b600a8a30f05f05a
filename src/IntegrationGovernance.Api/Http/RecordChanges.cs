using AutoMapper;
using IntegrationGovernance.Domain.Common;
using IntegrationGovernance.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Api.Http;

/// <summary>
/// The shape of every change to an existing record: one transaction; 404 if it is not there; If-Match
/// (428 missing, 412 stale); the change itself, refused with 400 if it breaks a rule; the new ETag. A resource whose
/// responses depend on the caller (a post's holder) gives <c>respond</c>.
/// </summary>
public static class RecordChanges
{
    public static Task<Results<Ok<TResponse>, ValidationProblem, ProblemHttpResult>> ChangeAsync<TEntity, TResponse>(
        RegisterDbContext db,
        Guid id,
        string resource,
        HttpContext http,
        IMapper mapper,
        Func<TEntity, CancellationToken, Task<IReadOnlyList<RuleViolation>>> change,
        CancellationToken cancellationToken,
        Func<CancellationToken, Task>? first = null,
        Func<TEntity, CancellationToken, Task<TResponse>>? respond = null)
        where TEntity : class, IVersionedRecord =>
        db.InTransactionAsync<Results<Ok<TResponse>, ValidationProblem, ProblemHttpResult>>(async token =>
        {
            if (first is not null)
                await first(token);
            var record = await db.Set<TEntity>().FirstOrDefaultAsync(r => r.Id == id, token);
            if (record is null)
                return Problems.NotFound(resource, id);
            switch (ETags.CheckIfMatch(http.Request, record.Version))
            {
                case IfMatchResult.Missing: return Problems.PreconditionRequired();
                case IfMatchResult.Stale: return Problems.PreconditionFailed();
            }
            if (await change(record, token) is [_, ..] problems)
                return Problems.Validation(problems);
            await db.SaveChangesAsync(token);
            ETags.Set(http.Response, record.Version);
            return TypedResults.Ok(respond is null ? mapper.Map<TResponse>(record) : await respond(record, token));
        }, cancellationToken);
}
