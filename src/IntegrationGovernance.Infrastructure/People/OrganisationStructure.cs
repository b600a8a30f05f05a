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
/// one of its posts manages (posts placed with it, under a section 113 or other arrangement).
/// </summary>
public sealed record StructureSource(Guid OrganisationId, DateOnly On, IReadOnlyList<StructurePost> Posts,
    IReadOnlyList<StructureLine> ManagersOfOwnPosts, IReadOnlyList<StructureLine> ManagersOfPlacedPosts);

/// <summary>Reads an organisation's structure on a date in at most four bounded queries, across organisations.</summary>
public sealed class OrganisationStructure(RegisterDbContext db)
{
    /// <summary>The most posts, and the most management lines, one structure reads; a larger one is refused, never cut short.</summary>
    public const int MaxRows = 5_000;

    /// <summary>The structure's rows, or null when any part of it holds more than <see cref="MaxRows"/> (never a structure cut short).</summary>
    public async Task<StructureSource?> ReadAsync(Guid organisationId, DateOnly day, CancellationToken cancellationToken)
    {
        var posts = await (
                from p in db.Posts.AsNoTracking()
                join o in db.Organisations.AsNoTracking() on p.OrganisationId equals o.Id
                where p.OrganisationId == organisationId && p.StartsOn <= day && (p.EndsOn == null || p.EndsOn >= day)
                orderby p.Title, p.Id
                select new StructurePost(p.Id, p.Title, p.Team, p.OrganisationId, o.Name))
            .Take(MaxRows + 1).ToListAsync(cancellationToken);
        if (posts.Count > MaxRows)
            return null;
        var own = await LinesAsync(Lines.FromOrganisation, organisationId, [], day, cancellationToken);
        if (own.Count > MaxRows)
            return null;
        var placedHere = await LinesAsync(Lines.PlacedWithOrganisation, organisationId, [], day, cancellationToken);
        if (placedHere.Count > MaxRows)
            return null;
        // every manager of a placed post (in its own organisation too), so its node says who line-manages it
        var placedIds = placedHere.Select(l => l.Post.Id).Distinct().ToList();
        var placed = placedIds.Count == 0 ? placedHere : await LinesAsync(Lines.FromPosts, organisationId, placedIds, day, cancellationToken);
        return placed.Count > MaxRows ? null : new StructureSource(organisationId, day, posts, own, placed);
    }

    private enum Lines
    {
        FromOrganisation,
        PlacedWithOrganisation,
        FromPosts,
    }

    private sealed class LineRow
    {
        public Guid LineId { get; init; }
        public AccountabilityKind Kind { get; init; }
        public Guid PostId { get; init; }
        public string PostTitle { get; init; } = string.Empty;
        public string? PostTeam { get; init; }
        public Guid PostOrganisationId { get; init; }
        public string PostOrganisationName { get; init; } = string.Empty;
        public Guid ManagerId { get; init; }
        public string ManagerTitle { get; init; } = string.Empty;
        public string? ManagerTeam { get; init; }
        public Guid ManagerOrganisationId { get; init; }
        public string ManagerOrganisationName { get; init; } = string.Empty;
        public Guid? BasisAgreementId { get; init; }
        public string? BasisReference { get; init; }
        public StatutoryBasis? Basis { get; init; }
    }

    // management lines (line or day to day: AccountabilityLine.IsManagement) in force on the day between two posts in
    // force on the day, with the agreement each rests on: those from the organisation's posts, those from other
    // organisations' posts to its posts, or those from the posts named
    private async Task<List<StructureLine>> LinesAsync(Lines which, Guid organisationId, List<Guid> postIds, DateOnly day, CancellationToken cancellationToken)
    {
        var rows = from l in db.AccountabilityLines.AsNoTracking()
                   where (l.Kind == AccountabilityKind.LineManagement || l.Kind == AccountabilityKind.OperationalManagement) && l.ToPostId != null && l.StartsOn <= day && (l.EndsOn == null || l.EndsOn >= day)
                   join p in db.Posts.AsNoTracking() on l.PostId equals p.Id
                   join m in db.Posts.AsNoTracking() on l.ToPostId equals (Guid?)m.Id
                   where p.StartsOn <= day && (p.EndsOn == null || p.EndsOn >= day) && m.StartsOn <= day && (m.EndsOn == null || m.EndsOn >= day)
                   join po in db.Organisations.AsNoTracking() on p.OrganisationId equals po.Id
                   join mo in db.Organisations.AsNoTracking() on m.OrganisationId equals mo.Id
                   join a in db.Agreements.AsNoTracking() on l.BasisAgreementId equals (Guid?)a.Id into bases
                   from a in bases.DefaultIfEmpty()
                   select new { l, p, m, po, mo, a };
        var filtered = which switch
        {
            Lines.FromOrganisation => rows.Where(r => r.p.OrganisationId == organisationId),
            Lines.PlacedWithOrganisation => rows.Where(r => r.m.OrganisationId == organisationId && r.p.OrganisationId != organisationId),
            _ => rows.Where(r => postIds.Contains(r.p.Id)),
        };
        var chosen = filtered.Select(r => new LineRow
        {
            LineId = r.l.Id,
            Kind = r.l.Kind,
            PostId = r.p.Id,
            PostTitle = r.p.Title,
            PostTeam = r.p.Team,
            PostOrganisationId = r.p.OrganisationId,
            PostOrganisationName = r.po.Name,
            ManagerId = r.m.Id,
            ManagerTitle = r.m.Title,
            ManagerTeam = r.m.Team,
            ManagerOrganisationId = r.m.OrganisationId,
            ManagerOrganisationName = r.mo.Name,
            BasisAgreementId = r.l.BasisAgreementId,
            BasisReference = r.a == null ? null : r.a.Reference,
            Basis = r.a == null ? null : r.a.Basis,
        });
        var found = await chosen.OrderBy(l => l.PostId).ThenBy(l => l.Kind).ThenBy(l => l.ManagerTitle).ThenBy(l => l.LineId)
            .Take(MaxRows + 1).ToListAsync(cancellationToken);
        return found.Select(r => new StructureLine(r.LineId, new StructurePost(r.PostId, r.PostTitle, r.PostTeam, r.PostOrganisationId, r.PostOrganisationName),
            new StructurePost(r.ManagerId, r.ManagerTitle, r.ManagerTeam, r.ManagerOrganisationId, r.ManagerOrganisationName), r.Kind, r.BasisAgreementId, r.BasisReference, r.Basis)).ToList();
    }
}
