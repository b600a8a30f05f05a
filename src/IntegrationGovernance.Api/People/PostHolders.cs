using AutoMapper;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Domain.Common;
using IntegrationGovernance.Domain.People;
using IntegrationGovernance.Infrastructure.Persistence;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Api.People;

/// <summary>
/// A post's <c>holderReference</c>, derived from its holdings: the holder in force on the day the post is read (the day it
/// was in London at the moment of reading, or at the <c>asOf</c> moment), kept within the post's period, so an ended post
/// answers with its last holder. An acting or interim holder covering the post comes before its substantive holder
/// (<see cref="HoldingRules.InForce"/>). Shown only as <see cref="HolderVisibility"/> allows.
/// </summary>
public static class PostHolders
{
    // the most holding states a post's history reads to say who held it at each revision
    private const int MaxStates = 10_000;

    /// <summary>The post as the caller is shown it, read now or (<paramref name="asOf"/>) as the register stood at a moment.</summary>
    public static async Task<PostResponse> ResponseAsync(Post post, DateTimeOffset? asOf, HttpContext http, CancellationToken cancellationToken)
    {
        var services = http.RequestServices;
        var response = services.GetRequiredService<IMapper>().Map<PostResponse>(post);
        if (!http.User.HasScope(Scopes.PeopleRead))
            return response;
        var db = services.GetRequiredService<RegisterDbContext>();
        var moment = asOf ?? services.GetRequiredService<TimeProvider>().GetUtcNow();
        var day = HoldingRules.DayFor(post, RegisterCalendar.DayOf(moment));
        var source = asOf is { } at ? await services.GetRequiredService<RecordHistory>().AsOfAsync<PostHolding>(at, cancellationToken) : db.PostHoldings.AsNoTracking();
        var holding = HoldingRules.InForce(
            await source.Where(h => h.PostId == post.Id && h.StartsOn <= day && (h.EndsOn == null || h.EndsOn >= day)).ToListAsync(cancellationToken), day);
        return holding is not null && await HolderVisibility.MaySeeAsync(post.Id, post.OrganisationId, holding.HolderReference, http, db, cancellationToken)
            ? response with { HolderReference = holding.HolderReference, HolderKind = holding.Kind }
            : response;
    }

    /// <summary>
    /// A post's revisions as the caller is shown them: each with the holder a read would have answered when it became
    /// visible, from the post's holdings as they then stood; every holder the caller may not see now left out.
    /// </summary>
    public static async Task<IReadOnlyList<PostResponse>?> HistoryViewAsync(Guid id, IReadOnlyList<(Revision Revision, Post Record)> revisions, HttpContext http,
        CancellationToken cancellationToken)
    {
        if (revisions.Count == 0)
            return [];
        var services = http.RequestServices;
        var mapper = services.GetRequiredService<IMapper>();
        if (!http.User.HasScope(Scopes.PeopleRead))
            return [.. revisions.Select(r => mapper.Map<PostResponse>(r.Record))];
        var db = services.GetRequiredService<RegisterDbContext>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var moments = revisions.Select(r => r.Revision.CommittedAt ?? now).ToList();
        // holdings are never deleted, so the post's holdings now include every one it had then
        var holdingIds = await db.PostHoldings.AsNoTracking().Where(h => h.PostId == id).Select(h => h.Id).ToListAsync(cancellationToken);
        var states = (await services.GetRequiredService<RecordHistory>().StatesAsync<PostHolding>(holdingIds, moments.Max(), MaxStates, cancellationToken))
            .GroupBy(s => s.Record.Id).ToList();
        var held = revisions.Select((r, i) =>
        {
            var standing = states.Select(g => g.Where(s => s.CommittedAt <= moments[i]).Select(s => s.Record).LastOrDefault()).OfType<PostHolding>();
            return HoldingRules.InForce(standing, HoldingRules.DayFor(r.Record, RegisterCalendar.DayOf(moments[i])));
        }).ToList();
        var organisation = revisions[0].Record.OrganisationId;
        var visible = await HolderVisibility.VisibleAsync(held.OfType<PostHolding>().Select(h => new HeldPost(id, organisation, h.HolderReference)), http, db,
            cancellationToken);
        return [.. revisions.Select((r, i) => mapper.Map<PostResponse>(r.Record) is var response
                && held[i] is { } holding && visible.Contains(new HeldPost(id, organisation, holding.HolderReference))
            ? response with { HolderReference = holding.HolderReference, HolderKind = holding.Kind }
            : response)];
    }
}
