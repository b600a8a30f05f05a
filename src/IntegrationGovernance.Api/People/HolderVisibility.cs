using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Api.People;

/// <summary>A holder of a post, as a caller may or may not be shown it.</summary>
public readonly record struct HeldPost(Guid PostId, Guid OrganisationId, string Holder);

/// <summary>
/// Who holds a post is personal data. It is shown to an admin, and to a <c>people:read</c> caller acting for the post's
/// organisation, for an organisation the post is jointly held for (a joint arrangement of it), or for the other side of a
/// secondment of its holder (the body hosting them, or employing them when the post is the host's); to anyone else it is
/// null. The rule applies to every holding, every list, every revision and every <c>asOf</c> read, and the past is judged
/// by it now: a holder a post had in an earlier revision, or at an <c>asOf</c> moment, is shown only to a caller who may
/// see that holder today.
/// </summary>
public static class HolderVisibility
{
    /// <summary>Which of <paramref name="held"/> the caller may see now. Two queries at most, whatever their number.</summary>
    public static async Task<IReadOnlySet<HeldPost>> VisibleAsync(IEnumerable<HeldPost> held, HttpContext http, RegisterDbContext db,
        CancellationToken cancellationToken)
    {
        var named = held.Where(h => !string.IsNullOrEmpty(h.Holder)).ToHashSet();
        if (named.Count == 0 || !http.User.HasScope(Scopes.PeopleRead))
            return new HashSet<HeldPost>();
        var actor = await http.RequestServices.GetRequiredService<CallerOrganisation>().ActorAsync(cancellationToken);
        if (actor.IsAdministrator)
            return named;
        if (actor.OrganisationId is not { } caller)
            return new HashSet<HeldPost>();
        var visible = named.Where(h => h.OrganisationId == caller).ToHashSet();
        var others = named.Except(visible).ToList();
        if (others.Count == 0)
            return visible;

        // held jointly for the caller's organisation
        var postIds = others.Select(h => h.PostId).Distinct().ToList();
        var joint = await db.JointArrangements.AsNoTracking().Where(a => a.OrganisationId == caller && postIds.Contains(a.PostId))
            .Select(a => a.PostId).Distinct().ToListAsync(cancellationToken);
        visible.UnionWith(others.Where(h => joint.Contains(h.PostId)));
        others.RemoveAll(visible.Contains);
        if (others.Count == 0)
            return visible;

        // the other side of a secondment of the holder: hosting the employer's staff, or employing the host post's holder
        var holders = others.Select(h => h.Holder).Distinct().ToList();
        var employers = others.Select(h => h.OrganisationId).Distinct().ToList();
        var hostPosts = others.Select(h => (Guid?)h.PostId).Distinct().ToList();
        var seconded = await db.Secondments.AsNoTracking()
            .Where(s => holders.Contains(s.HolderReference)
                && ((s.HostId == caller && employers.Contains(s.EmployerId)) || (s.EmployerId == caller && hostPosts.Contains(s.HostPostId))))
            .Select(s => new { s.HolderReference, s.EmployerId, s.HostId, s.HostPostId })
            .ToListAsync(cancellationToken);
        visible.UnionWith(others.Where(h => seconded.Any(s => s.HolderReference == h.Holder
            && ((s.HostId == caller && s.EmployerId == h.OrganisationId) || (s.EmployerId == caller && s.HostPostId == h.PostId)))));
        return visible;
    }

    /// <summary>Whether the caller may see <paramref name="holder"/> as the holder of the post.</summary>
    public static async Task<bool> MaySeeAsync(Guid postId, Guid organisationId, string? holder, HttpContext http, RegisterDbContext db,
        CancellationToken cancellationToken) =>
        holder is not null && (await VisibleAsync([new HeldPost(postId, organisationId, holder)], http, db, cancellationToken)).Count == 1;
}
