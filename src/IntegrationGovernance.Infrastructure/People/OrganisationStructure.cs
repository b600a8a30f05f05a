using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.People;
using IntegrationGovernance.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Infrastructure.People;

/// <summary>A post in force on the structure's date.</summary>
public sealed record StructurePost(Guid Id, string Title, string? Team, Guid OrganisationId, string OrganisationName);

/// <summary>
/// A management line (line or day to day) in force on the date, from <see cref="Post"/> to <see cref="Manager"/>, with
/// the agreement it rests on when it joins two organisations.
/// </summary>
public sealed record StructureLine(
    Guid LineId, StructurePost Post, StructurePost Manager, AccountabilityKind Kind, Guid? BasisAgreementId, string? BasisReference, StatutoryBasis? Basis);

/// <summary>
/// What an organisation's structure on a date is built from: its own posts in force that day, the management lines
/// from them (to posts of any organisation), and every management line from the posts of other organisations that
/// one of its posts manages (posts placed with it, under a section 113 or other arrangement); and (<see cref="Also"/>)
/// its joint posts, its boards' lines and the holders in force.
/// </summary>
public sealed record StructureSource(Guid OrganisationId, DateOnly On, IReadOnlyList<StructurePost> Posts,
    IReadOnlyList<StructureLine> ManagersOfOwnPosts, IReadOnlyList<StructureLine> ManagersOfPlacedPosts, StructureExtras? Extras = null)
{
    public StructureExtras Also => Extras ?? StructureExtras.None;
}

/// <summary>What a structure is read from: the register now, or the records as they stood at a moment.</summary>
public sealed record StructureSources(IQueryable<Post> Posts, IQueryable<AccountabilityLine> Lines, IQueryable<Domain.Organisations.Organisation> Organisations,
    IQueryable<Agreement> Agreements, IQueryable<PostHolding> Holdings, IQueryable<JointArrangement> Joints)
{
    public static StructureSources Now(RegisterDbContext db) =>
        new(db.Posts.AsNoTracking(), db.AccountabilityLines.AsNoTracking(), db.Organisations.AsNoTracking(), db.Agreements.AsNoTracking(),
            db.PostHoldings.AsNoTracking(), db.JointArrangements.AsNoTracking());
}

/// <summary>
/// Reads an organisation's structure on a date in a few bounded queries, across organisations: its posts and management
/// lines (four queries), then its joint posts, its boards' lines and the holders (<c>OrganisationStructure.Extras.cs</c>).
/// </summary>
public sealed partial class OrganisationStructure
{
    /// <summary>The most posts, and the most management lines, one structure reads; a larger one is refused, never cut short.</summary>
    public const int MaxRows = 5_000;

    /// <summary>The structure's rows, or null when any part of it holds more than <see cref="MaxRows"/> (never a structure cut short).</summary>
    public async Task<StructureSource?> ReadAsync(Guid organisationId, DateOnly day, StructureSources sources, CancellationToken cancellationToken)
    {
        var running = await (
                from p in sources.Posts
                join o in sources.Organisations on p.OrganisationId equals o.Id
                where p.OrganisationId == organisationId && p.StartsOn <= day && (p.EndsOn == null || p.EndsOn >= day)
                orderby p.Id
                select new { Post = p, Organisation = o.Name })
            .Take(MaxRows + 1).ToListAsync(cancellationToken);
        if (running.Count > MaxRows)
            return null;
        // each post with the title and team it had that day, in that title's order
        var posts = running.Select(r => At(r.Post, r.Organisation, day)).OrderBy(p => p.Title, StringComparer.Ordinal).ThenBy(p => p.Id).ToList();
        var own = await LinesAsync(sources, Lines.FromOrganisation, organisationId, [], day, cancellationToken);
        if (own.Count > MaxRows)
            return null;
        var placedHere = await LinesAsync(sources, Lines.PlacedWithOrganisation, organisationId, [], day, cancellationToken);
        if (placedHere.Count > MaxRows)
            return null;
        // every manager of a placed post (in its own organisation too), so its node says who line-manages it
        var placedIds = placedHere.Select(l => l.Post.Id).Distinct().ToList();
        var placed = placedIds.Count == 0 ? placedHere : await LinesAsync(sources, Lines.FromPosts, organisationId, placedIds, day, cancellationToken);
        if (placed.Count > MaxRows)
            return null;
        var extras = await ExtrasAsync(sources, organisationId, day, [.. posts.Select(p => p.Id), .. placedIds], cancellationToken);
        return extras is null ? null : new StructureSource(organisationId, day, posts, own, placed, extras);
    }

    private enum Lines
    {
        FromOrganisation,
        PlacedWithOrganisation,
        FromPosts,
    }

    // management lines (line or day to day: AccountabilityLine.IsManagement) in force on the day between two posts in
    // force on the day, with the agreement each rests on: those from the organisation's posts, those from other
    // organisations' posts to its posts, or those from the posts named
    private static async Task<List<StructureLine>> LinesAsync(
        StructureSources sources, Lines which, Guid organisationId, List<Guid> postIds, DateOnly day, CancellationToken cancellationToken)
    {
        var rows = from l in sources.Lines
                   where (l.Kind == AccountabilityKind.LineManagement || l.Kind == AccountabilityKind.OperationalManagement) && l.ToPostId != null && l.StartsOn <= day && (l.EndsOn == null || l.EndsOn >= day)
                   join p in sources.Posts on l.PostId equals (Guid?)p.Id
                   join m in sources.Posts on l.ToPostId equals (Guid?)m.Id
                   where p.StartsOn <= day && (p.EndsOn == null || p.EndsOn >= day) && m.StartsOn <= day && (m.EndsOn == null || m.EndsOn >= day)
                   join po in sources.Organisations on p.OrganisationId equals po.Id
                   join mo in sources.Organisations on m.OrganisationId equals mo.Id
                   join a in sources.Agreements on l.BasisAgreementId equals (Guid?)a.Id into bases
                   from a in bases.DefaultIfEmpty()
                   select new { l, p, m, po, mo, a };
        var filtered = which switch
        {
            Lines.FromOrganisation => rows.Where(r => r.p.OrganisationId == organisationId),
            Lines.PlacedWithOrganisation => rows.Where(r => r.m.OrganisationId == organisationId && r.p.OrganisationId != organisationId),
            _ => rows.Where(r => postIds.Contains(r.p.Id)),
        };
        var found = await filtered
            .Select(r => new
            {
                r.l.Id, r.l.Kind, r.l.BasisAgreementId, Post = r.p, PostOrganisation = r.po.Name, Manager = r.m, ManagerOrganisation = r.mo.Name,
                BasisReference = r.a == null ? null : r.a.Reference, Basis = r.a == null ? (StatutoryBasis?)null : r.a.Basis,
            })
            .OrderBy(r => r.Post.Id).ThenBy(r => r.Kind).ThenBy(r => r.Manager.Id).ThenBy(r => r.Id)
            .Take(MaxRows + 1).ToListAsync(cancellationToken);
        // titles as they were that day: a post's dated titles are read in C# (Post.TitleOn)
        return found
            .Select(r => new StructureLine(r.Id, At(r.Post, r.PostOrganisation, day), At(r.Manager, r.ManagerOrganisation, day), r.Kind, r.BasisAgreementId, r.BasisReference, r.Basis))
            .OrderBy(l => l.Post.Id).ThenBy(l => l.Kind).ThenBy(l => l.Manager.Title, StringComparer.Ordinal).ThenBy(l => l.LineId)
            .ToList();
    }

    internal static StructurePost At(Post post, string organisationName, DateOnly day)
    {
        var title = post.TitleOn(day);
        return new StructurePost(post.Id, title.Title, title.Team, post.OrganisationId, organisationName);
    }
}
