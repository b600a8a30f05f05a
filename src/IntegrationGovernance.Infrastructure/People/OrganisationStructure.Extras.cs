using IntegrationGovernance.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Infrastructure.People;

/// <summary>The parts of a structure beside its management lines: joint posts, boards' lines and holders, each bounded.</summary>
public sealed partial class OrganisationStructure
{
    /// <summary>The structure's joint posts, boards' lines and holders on the day, or null when a part holds more than <see cref="MaxRows"/>.</summary>
    /// <param name="sources">The register now, or as it stood.</param>
    /// <param name="organisationId">The organisation.</param>
    /// <param name="day">The structure's date.</param>
    /// <param name="shown">The posts shown so far: the organisation's own and those placed with it.</param>
    private static async Task<StructureExtras?> ExtrasAsync(StructureSources sources, Guid organisationId, DateOnly day, List<Guid> shown,
        CancellationToken cancellationToken)
    {
        // the joint arrangements in force that day of its own posts, and those by which other organisations' posts are held
        // for it: read alone first (no joins), so a structure with none reads nothing more, now or as the register stood
        var arrangements = await sources.Joints
            .Where(a => a.StartsOn <= day && (a.EndsOn == null || a.EndsOn >= day) && (a.OrganisationId == organisationId || shown.Contains(a.PostId)))
            .OrderBy(a => a.Id).Take(MaxRows + 1).ToListAsync(cancellationToken);
        if (arrangements.Count > MaxRows)
            return null;
        var jointPosts = new List<StructurePost>();
        var joints = new List<StructureJoint>();
        if (arrangements.Count > 0)
        {
            var postIds = arrangements.Select(a => a.PostId).Distinct().ToList();
            var posts = (await sources.Posts.Where(p => postIds.Contains(p.Id)).ToListAsync(cancellationToken))
                .Where(p => p.StartsOn <= day && (p.EndsOn == null || p.EndsOn >= day)).ToDictionary(p => p.Id);
            var organisationIds = arrangements.Select(a => a.OrganisationId).Concat(posts.Values.Select(p => p.OrganisationId)).Distinct().ToList();
            var names = await sources.Organisations.Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
            var basisIds = arrangements.Select(a => a.BasisAgreementId).Distinct().ToList();
            var bases = await sources.Agreements.Where(g => basisIds.Contains(g.Id))
                .Select(g => new { g.Id, g.Reference, g.Basis }).ToDictionaryAsync(g => g.Id, cancellationToken);
            foreach (var a in arrangements.Where(a => posts.ContainsKey(a.PostId) && bases.ContainsKey(a.BasisAgreementId)))
            {
                var post = posts[a.PostId];
                joints.Add(new StructureJoint(a.Id, a.PostId, a.OrganisationId, names.GetValueOrDefault(a.OrganisationId) ?? "", a.BasisAgreementId,
                    bases[a.BasisAgreementId].Reference, bases[a.BasisAgreementId].Basis));
                if (a.OrganisationId == organisationId && post.OrganisationId != organisationId && jointPosts.All(p => p.Id != post.Id))
                    jointPosts.Add(At(post, names.GetValueOrDefault(post.OrganisationId) ?? "", day));
            }
            jointPosts = [.. jointPosts.OrderBy(p => p.Title, StringComparer.Ordinal).ThenBy(p => p.Id)];
        }
        var jointIds = jointPosts.Select(p => p.Id).ToList();
        var managersOfJoint = jointIds.Count == 0 ? new List<StructureLine>() : await LinesAsync(sources, Lines.FromPosts, organisationId, jointIds, day, cancellationToken);
        if (managersOfJoint.Count > MaxRows)
            return null;

        var governance = await GovernanceAsync(sources, organisationId, day, cancellationToken);
        if (governance is null)
            return null;

        // the holdings in force that day of every post shown; the rules allow each post two (substantive, and covering)
        var ids = shown.Concat(jointIds).Distinct().ToList();
        var holdings = await sources.Holdings
            .Where(h => ids.Contains(h.PostId) && h.StartsOn <= day && (h.EndsOn == null || h.EndsOn >= day))
            .OrderBy(h => h.PostId).ThenBy(h => h.Id)
            .Take(2 * ids.Count + 1).ToListAsync(cancellationToken);
        var holders = holdings.GroupBy(h => h.PostId).Select(g => HoldingRules.InForce(g, day)!)
            .Select(h => new StructureHolder(h.PostId, h.Id, h.HolderReference, h.Kind)).ToList();
        return new StructureExtras { JointPosts = jointPosts, Joints = joints, ManagersOfJointPosts = managersOfJoint, Governance = governance, Holders = holders };
    }

    /// <summary>
    /// The lines in force on the day from or to a board of the organisation (a body part of it, or the organisation itself),
    /// with both sides named: at most <see cref="MaxRows"/>, else null.
    /// </summary>
    private static async Task<List<StructureGovernanceLine>?> GovernanceAsync(StructureSources sources, Guid organisationId, DateOnly day,
        CancellationToken cancellationToken)
    {
        var boards = await sources.Organisations.Where(o => o.Id == organisationId || o.PartOfId == organisationId).Select(o => (Guid?)o.Id)
            .Take(MaxRows + 1).ToListAsync(cancellationToken);
        if (boards.Count > MaxRows)
            return null;
        var lines = await sources.Lines
            .Where(l => (l.FromBodyId != null || l.ToBodyId != null) && l.StartsOn <= day && (l.EndsOn == null || l.EndsOn >= day))
            .Where(l => boards.Contains(l.FromBodyId) || boards.Contains(l.ToBodyId))
            .OrderBy(l => l.Id).Take(MaxRows + 1).ToListAsync(cancellationToken);
        if (lines.Count > MaxRows)
            return null;
        if (lines.Count == 0)
            return [];
        var postIds = lines.SelectMany(l => new[] { l.PostId, l.ToPostId }).OfType<Guid>().Distinct().ToList();
        var posts = await sources.Posts.Where(p => postIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var bodyIds = lines.SelectMany(l => new[] { l.FromBodyId, l.ToBodyId }).OfType<Guid>().Concat(posts.Values.Select(p => p.OrganisationId)).Distinct().ToList();
        var organisations = await sources.Organisations.Where(o => bodyIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        var owners = organisations.Values.Select(o => o.PartOfId).OfType<Guid>().Where(id => !organisations.ContainsKey(id)).Distinct().ToList();
        if (owners.Count > 0)
            foreach (var owner in await sources.Organisations.Where(o => owners.Contains(o.Id)).ToListAsync(cancellationToken))
                organisations[owner.Id] = owner;
        var basisIds = lines.Select(l => l.BasisAgreementId).OfType<Guid>().Distinct().ToList();
        var bases = basisIds.Count == 0 ? new Dictionary<Guid, string>() : await sources.Agreements.Where(a => basisIds.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => a.Reference, cancellationToken);

        StructureSide Side(Guid? postId, Guid? bodyId)
        {
            if (postId is { } p && posts.TryGetValue(p, out var post))
                return new(p, null, post.TitleOn(day).Title, post.OrganisationId, organisations.GetValueOrDefault(post.OrganisationId)?.Name ?? "");
            if (bodyId is not { } b || !organisations.TryGetValue(b, out var body))
                return new(postId, bodyId, "", Guid.Empty, "");
            var owner = body.PartOfId is { } of && organisations.TryGetValue(of, out var found) ? found : body;
            return new(null, body.Id, body.Name, owner.Id, owner.Name);
        }
        return [.. lines.Select(l => new StructureGovernanceLine(l.Id, l.Kind, Side(l.PostId, l.FromBodyId), Side(l.ToPostId, l.ToBodyId), l.BasisAgreementId,
            l.BasisAgreementId is { } basis ? bases.GetValueOrDefault(basis) : null))];
    }
}
