using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Domain.People;
using IntegrationGovernance.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Api.People;

/// <summary>
/// Who holds a post is personal data. It is shown to an admin, and to a <c>people:read</c> caller acting for the post's
/// organisation, or for the other side of a secondment of its holder (the body hosting them, or employing them when the
/// post is the host's); to anyone else it is null. The past is judged by the same rule, now: a holder a post had in an
/// earlier revision, or at an <c>asOf</c> moment, is shown only to a caller who may see that holder today.
/// </summary>
public static class HolderVisibility
{
    public static async Task<bool> MaySeeAsync(Post post, HttpContext http, RegisterDbContext db, CancellationToken cancellationToken) =>
        post.HolderReference is { } holder
        && (await VisibleAsync(post.Id, post.OrganisationId, [holder], http, db, cancellationToken)).Contains(holder);

    /// <summary>Which of <paramref name="holders"/>, each once the holder of the post, the caller may see now. One query at most.</summary>
    public static async Task<IReadOnlySet<string>> VisibleAsync(Guid postId, Guid organisationId, IEnumerable<string?> holders, HttpContext http,
        RegisterDbContext db, CancellationToken cancellationToken)
    {
        var named = holders.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (named.Count == 0 || !http.User.HasScope(Scopes.PeopleRead))
            return new HashSet<string>();
        var actor = await http.RequestServices.GetRequiredService<CallerOrganisation>().ActorAsync(cancellationToken);
        if (actor.IsAdministrator || actor.ActsFor(organisationId))
            return named.ToHashSet(StringComparer.Ordinal);
        if (actor.OrganisationId is not { } caller)
            return new HashSet<string>();
        var seconded = await db.Secondments.AsNoTracking()
            .Where(s => named.Contains(s.HolderReference)
                && ((s.EmployerId == organisationId && s.HostId == caller) || (s.HostPostId == postId && s.EmployerId == caller)))
            .Select(s => s.HolderReference).Distinct().ToListAsync(cancellationToken);
        return seconded.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>A post's revisions as the caller is shown them: every holder the caller may not see now left out.</summary>
    public static async Task<IReadOnlyList<PostResponse>?> HistoryViewAsync(Guid id, IReadOnlyList<Post> records, HttpContext http, CancellationToken cancellationToken)
    {
        var mapper = http.RequestServices.GetRequiredService<AutoMapper.IMapper>();
        if (records.Count == 0)
            return [];
        var db = http.RequestServices.GetRequiredService<RegisterDbContext>();
        var visible = await VisibleAsync(id, records[0].OrganisationId, records.Select(r => r.HolderReference), http, db, cancellationToken);
        return [.. records.Select(r => mapper.Map<PostResponse>(r) is var response && r.HolderReference is { } holder && visible.Contains(holder)
            ? response
            : response with { HolderReference = null })];
    }
}
