using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Domain.PooledFunds;
using IntegrationGovernance.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Api.PooledFunds;

/// <summary>
/// The access rule of what only a fund's host does (closing its ledger's periods): the caller acts for the host of the
/// fund named by the route's <c>id</c>, or is an admin. Another party is told it is not the host; anyone else that it is
/// not a party at all (both 403).
/// </summary>
public static class FundHostRule
{
    public static RouteHandlerBuilder RequireHostOfFund(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new PartyRule(PooledFundsEndpoints.Resource, "host")).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (!Guid.TryParse(http.GetRouteValue("id")?.ToString(), out var id))
                return await next(context);
            var fund = await http.RequestServices.GetRequiredService<RegisterDbContext>().PooledFunds.AsNoTracking()
                .FirstOrDefaultAsync(f => f.Id == id, http.RequestAborted);
            if (fund is null)
                return await next(context); // the handler answers 404
            var actor = await http.RequestServices.GetRequiredService<CallerOrganisation>().ActorAsync(http.RequestAborted);
            if (LedgerPeriod.MayBeClosedBy(fund, actor))
                return await next(context);
            var parties = await http.RequestServices.GetRequiredService<IRecordParties<PooledFund>>().PartiesAsync(id, http.RequestAborted);
            return actor.OrganisationId is { } organisation && parties?.Contains(organisation) == true
                ? NotTheHost()
                : AccessRuleExtensions.NotAParty(PooledFundsEndpoints.Resource);
        });

    /// <summary>403: the caller acts for a party to the fund's agreement, but not for the fund's host.</summary>
    public static ProblemHttpResult NotTheHost() => TypedResults.Problem(
        "Only the fund's host, acting through a token whose org claim names it, closes the periods of its ledger; your organisation is another party to the fund's agreement.",
        title: "Your organisation is not the fund's host.",
        statusCode: StatusCodes.Status403Forbidden,
        type: ProblemTypes.ForRule("not-the-fund-host"));
}
