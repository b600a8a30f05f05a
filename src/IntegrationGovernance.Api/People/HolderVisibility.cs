using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Domain.People;
using IntegrationGovernance.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Api.People;

/// <summary>
/// Who holds a post is personal data. It is shown to an admin, and to a <c>people:read</c> caller acting for the post's
/// organisation, or for the other side of a secondment of its holder (the body hosting them, or employing them when the
/// post is the host's); to anyone else it is null.
/// </summary>
public static class HolderVisibility
{
    public static async Task<bool> MaySeeAsync(Post post, HttpContext http, RegisterDbContext db, CancellationToken cancellationToken)
    {
        if (post.HolderReference is null || !http.User.HasScope(Scopes.PeopleRead))
            return false;
        var actor = await http.RequestServices.GetRequiredService<CallerOrganisation>().ActorAsync(cancellationToken);
        if (actor.IsAdministrator || actor.ActsFor(post.OrganisationId))
            return true;
        if (actor.OrganisationId is not { } caller)
            return false;
        return await db.Secondments.AsNoTracking().AnyAsync(s => s.HolderReference == post.HolderReference
            && ((s.EmployerId == post.OrganisationId && s.HostId == caller) || (s.HostPostId == post.Id && s.EmployerId == caller)), cancellationToken);
    }
}
