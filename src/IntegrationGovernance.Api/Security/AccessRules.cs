using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Api.Security;

/// <summary>The scope an operation requires (also shown in the OpenAPI document).</summary>
public sealed record RequiredScope(string Scope);

/// <summary>
/// Marks an operation whose caller must act for a party of the record in the path (unless admin); with a
/// <paramref name="Role"/>, for the party in that role only (a fund's host).
/// </summary>
public sealed record PartyRule(string Resource, string? Role = null);

/// <summary>Marks an operation on records a caller sees only if its organisation is a party (404 otherwise; lists are filtered).</summary>
public sealed record VisibilityRule(string Resource);

/// <summary>Which organisations are parties to a record of a resource; null when there is no such record.</summary>
public interface IRecordParties<TEntity>
{
    Task<IReadOnlyCollection<Guid>?> PartiesAsync(Guid id, CancellationToken cancellationToken);
}

/// <summary>
/// Who is a party to a record is defined once, by the database's <c>record_parties()</c>, which the change feed and
/// webhooks read too: an organisation is its own party, an agreement's are the organisations it names, a fund's are its
/// agreement's, and so on.
/// </summary>
public sealed class RecordParties<TEntity>(RegisterDbContext db) : IRecordParties<TEntity> where TEntity : class
{
    public async Task<IReadOnlyCollection<Guid>?> PartiesAsync(Guid id, CancellationToken cancellationToken)
    {
        // the table's name comes from the model, never from the request
        var table = db.Model.FindEntityType(typeof(TEntity))?.GetTableName()
            ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not a table of the register.");
        var sql = "SELECT record_parties({0}, id) AS \"Value\" FROM \"" + table + "\" WHERE id = {1}";
        var found = await db.Database.SqlQueryRaw<Guid[]>(sql, table, id).ToListAsync(cancellationToken);
        return found.Count == 0 ? null : found[0];
    }
}

/// <summary>Every access rule is declared on the endpoint with these, and enforced here, not in handlers.</summary>
public static class AccessRuleExtensions
{
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(scope).WithMetadata(new RequiredScope(scope));

    /// <summary>The caller must act for a party of the record named by the route's <c>id</c>: otherwise 403 (it may see the record, not change it).</summary>
    public static RouteHandlerBuilder RequirePartyOf<TEntity>(this RouteHandlerBuilder builder, string resource) =>
        builder.RequireParty<TEntity>(resource, async (caller, token) => (await caller.ActorAsync(token)).OrganisationId);

    /// <summary>
    /// Only a party to the record named by the route's <c>id</c> reads this part of it (a fund's ledger, which may name
    /// payments to people): otherwise 403. A body that has closed still reads what it was party to.
    /// </summary>
    public static RouteHandlerBuilder RequirePartyToRead<TEntity>(this RouteHandlerBuilder builder, string resource) =>
        builder.RequireParty<TEntity>(resource, (caller, token) => caller.IdAsync(token));

    private static RouteHandlerBuilder RequireParty<TEntity>(this RouteHandlerBuilder builder, string resource,
        Func<CallerOrganisation, CancellationToken, Task<Guid?>> actingFor) =>
        builder.WithMetadata(new PartyRule(resource)).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (http.User.HasScope(Scopes.Admin) || !Guid.TryParse(http.GetRouteValue("id")?.ToString(), out var id))
                return await next(context);
            var parties = await http.RequestServices.GetRequiredService<IRecordParties<TEntity>>().PartiesAsync(id, http.RequestAborted);
            if (parties is null)
                return await next(context); // the handler answers 404
            var caller = await actingFor(http.RequestServices.GetRequiredService<CallerOrganisation>(), http.RequestAborted);
            if (caller is { } organisation && parties.Contains(organisation))
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
        services.AddScoped(typeof(IRecordParties<>), typeof(RecordParties<>));
}
