using IntegrationGovernance.Domain.Common;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Api.Security;

/// <summary>The register id of the organisation the caller acts for: its token's <c>org</c> claim, an id or an ODS/GSS code.</summary>
public sealed class CallerOrganisation(IHttpContextAccessor http, RegisterDbContext db, TimeProvider clock)
{
    private Guid? _id;
    private DateOnly? _closedAfter;
    private bool _resolved;

    public async Task<Guid?> IdAsync(CancellationToken cancellationToken)
    {
        if (_resolved)
            return _id;
        var claim = http.HttpContext?.User.FindFirst(Scopes.OrganisationClaim)?.Value;
        var named = Guid.TryParse(claim, out var id) ? db.Organisations.Where(o => o.Id == id)
            : OrganisationCodes.Normalise(claim) is { } code ? db.Organisations.Where(o => o.OdsCode == code || o.GssCode == code)
            : null;
        if (named is not null
            && await named.Select(o => new { o.Id, o.OperationalTo }).FirstOrDefaultAsync(cancellationToken) is { } found)
            (_id, _closedAfter) = (found.Id, found.OperationalTo);
        _resolved = true;
        return _id;
    }

    /// <summary>
    /// Who makes a change: the administrator, or the organisation the caller acts for. A closed organisation still
    /// reads what it was party to, but acts for no one: its token changes nothing.
    /// </summary>
    public async Task<Domain.Common.Actor> ActorAsync(CancellationToken cancellationToken)
    {
        if (http.HttpContext?.User.HasScope(Scopes.Admin) == true)
            return Domain.Common.Actor.Administrator;
        var id = await IdAsync(cancellationToken);
        return new Domain.Common.Actor(_closedAfter < RegisterCalendar.Today(clock) ? null : id, false);
    }
}
