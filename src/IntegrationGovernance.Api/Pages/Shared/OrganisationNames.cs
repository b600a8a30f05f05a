using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.Infrastructure.Persistence;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Api.Pages.Shared;

/// <summary>
/// The names pages show for the organisation ids the API's answers carry: as the register held them (at
/// <c>asOf</c>, when the page reads the register as it stood). Organisations are public to any reader, as in the API.
/// </summary>
public sealed class OrganisationNames(RegisterDbContext db, RecordHistory history)
{
    public async Task<IReadOnlyDictionary<Guid, string>> ForAsync(IEnumerable<Guid> ids, DateTimeOffset? asOf, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        if (wanted.Count == 0)
            return new Dictionary<Guid, string>();
        var source = asOf is { } moment ? await history.AsOfAsync<Organisation>(moment, cancellationToken) : db.Organisations.AsNoTracking();
        var names = await source.Where(o => wanted.Contains(o.Id)).Select(o => new { o.Id, o.Name }).ToListAsync(cancellationToken);
        return names.ToDictionary(n => n.Id, n => n.Name);
    }
}
