using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Api.Security;

/// <summary>The scope an operation requires (also shown in the OpenAPI document).</summary>
public sealed record RequiredScope(string Scope);

/// <summary>Marks an operation whose caller must act for a party of the record in the path (unless admin).</summary>
public sealed record PartyRule(string Resource);

/// <summary>Marks an operation on records a caller sees only if its organisation is a party (404 otherwise; lists are filtered).</summary>
public sealed record VisibilityRule(string Resource);

/// <summary>Which organisations are parties to a record of a resource; null when there is no such record.</summary>
public interface IRecordParties<TEntity>
{
    Task<IReadOnlyCollection<Guid>?> PartiesAsync(Guid id, CancellationToken cancellationToken);
}

/// <summary>An organisation's only party is itself: only it (or an admin) changes what the register says of it.</summary>
public sealed class OrganisationParties(RegisterDbContext db) : IRecordParties<Organisation>
{
    public async Task<IReadOnlyCollection<Guid>?> PartiesAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Organisations.AnyAsync(o => o.Id == id, cancellationToken) ? [id] : null;
}

/// <summary>An agreement's parties are the organisations it names.</summary>
public sealed class AgreementParties(RegisterDbContext db) : IRecordParties<Domain.Agreements.Agreement>
{
    public async Task<IReadOnlyCollection<Guid>?> PartiesAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Agreements.Where(a => a.Id == id).Select(a => a.PartyIds).FirstOrDefaultAsync(cancellationToken);
}

/// <summary>A pooled fund's parties are its agreement's.</summary>
public sealed class PooledFundParties(RegisterDbContext db) : IRecordParties<Domain.PooledFunds.PooledFund>
{
    public async Task<IReadOnlyCollection<Guid>?> PartiesAsync(Guid id, CancellationToken cancellationToken) =>
        await db.PooledFunds.Where(f => f.Id == id)
            .Select(f => db.Agreements.Where(a => a.Id == f.AgreementId).Select(a => a.PartyIds).First())
            .FirstOrDefaultAsync(cancellationToken);
}

/// <summary>Every access rule is declared on the endpoint with these, and enforced here, not in handlers.</summary>
public static class AccessRuleExtensions
{
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(scope).WithMetadata(new RequiredScope(scope));

    /// <summary>The caller must act for a party of the record named by the route's <c>id</c>: otherwise 403 (it may see the record, not change it).</summary>
    public static RouteHandlerBuilder RequirePartyOf<TEntity>(this RouteHandlerBuilder builder, string resource) =>
        builder.WithMetadata(new PartyRule(resource)).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (http.User.HasScope(Scopes.Admin) || !Guid.TryParse(http.GetRouteValue("id")?.ToString(), out var id))
                return await next(context);
            var parties = await http.RequestServices.GetRequiredService<IRecordParties<TEntity>>().PartiesAsync(id, http.RequestAborted);
            if (parties is null)
                return await next(context); // the handler answers 404
            var caller = await http.RequestServices.GetRequiredService<CallerOrganisation>().ActorAsync(http.RequestAborted);
            if (caller.OrganisationId is { } organisation && parties.Contains(organisation))
                return await next(context);
            return NotAParty(resource);
        });

    /// <summary>True for an admin, or a caller acting (by its org claim) for one of <paramref name="organisations"/>.</summary>
    public static async Task<bool> ActsForAnyAsync(HttpContext http, IEnumerable<Guid> organisations, CancellationToken cancellationToken)
    {
        var actor = await http.RequestServices.GetRequiredService<CallerOrganisation>().ActorAsync(cancellationToken);
        return actor.IsAdministrator || organisations.Any(o => actor.ActsFor(o));
    }

    /// <summary>403: the caller may see the record but, not acting for one of its parties, may not change it.</summary>
    public static ProblemHttpResult NotAParty(string resource) => TypedResults.Problem(
        $"Only a party to this {resource}, acting through a token whose org claim names it, may change it.",
        title: "Your organisation is not a party to this record.",
        statusCode: StatusCodes.Status403Forbidden,
        type: Http.ProblemTypes.ForRule("not-a-party"));

    public static IServiceCollection AddRecordParties(this IServiceCollection services) =>
        services.AddScoped<IRecordParties<Organisation>, OrganisationParties>()
            .AddScoped<IRecordParties<Domain.Agreements.Agreement>, AgreementParties>()
            .AddScoped<IRecordParties<Domain.PooledFunds.PooledFund>, PooledFundParties>();
}
