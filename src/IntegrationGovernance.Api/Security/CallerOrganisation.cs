using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Api.Security;

/// <summary>The register id of the organisation the caller acts for: its token's <c>org</c> claim, an id or an ODS/GSS code.</summary>
public sealed class CallerOrganisation(IHttpContextAccessor http, RegisterDbContext db)
{
    private Guid? _id;
    private bool _resolved;

    public async Task<Guid?> IdAsync(CancellationToken cancellationToken)
    {
        if (_resolved)
            return _id;
        var claim = http.HttpContext?.User.FindFirst(Scopes.OrganisationClaim)?.Value;
        if (Guid.TryParse(claim, out var id))
            _id = await db.Organisations.AnyAsync(o => o.Id == id, cancellationToken) ? id : null;
        else if (OrganisationCodes.Normalise(claim) is { } code)
            _id = await db.Organisations.Where(o => o.OdsCode == code || o.GssCode == code).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(cancellationToken);
        _resolved = true;
        return _id;
    }

    /// <summary>Who makes a change: the administrator, or the organisation the caller acts for.</summary>
    public async Task<Domain.Common.Actor> ActorAsync(CancellationToken cancellationToken) =>
        http.HttpContext?.User.HasScope(Scopes.Admin) == true
            ? Domain.Common.Actor.Administrator
            : new Domain.Common.Actor(await IdAsync(cancellationToken), false);
}
