using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Common;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Infrastructure.DemoData;

/// <summary>
/// The demo posts, lines, secondments, holdings and joint arrangements. Each is added once: a record already in the register
/// (a post by its organisation, first title, team and first day; the others by what they join and their first day) is left
/// alone, so a register loaded before a record was added to the demo data gains it on the next load. Each goes through the
/// domain's rules as a request would.
/// </summary>
public sealed partial class DemoDataLoader
{
    private async Task PeopleAsync(PeopleSet set, Dictionary<string, Organisation> byKey, Dictionary<string, Agreement> byReference, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var organisations = set.Posts.Select(p => byKey[p.Organisation].Id).Distinct().ToList();
        var existing = await db.Posts.Where(p => organisations.Contains(p.OrganisationId)).ToListAsync(cancellationToken);
        var posts = new Dictionary<string, Post>();
        var existingIds = existing.Select(p => p.Id).ToList();
        var holdings = await db.PostHoldings.Where(h => existingIds.Contains(h.PostId)).ToListAsync(cancellationToken);
        foreach (var entry in set.Posts)
        {
            var organisation = byKey[entry.Organisation].Id;
            if (existing.FirstOrDefault(p => p.OrganisationId == organisation && p.StartsOn == entry.StartsOn
                    && p.Titles[0].Title == entry.Title && p.Titles[0].Team == entry.Team) is { } there)
            {
                posts[entry.Key] = there;
                continue;
            }
            Require(Post.Check(entry.Title, entry.Team, entry.HolderReference, entry.StartsOn, entry.EndsOn), entry.Key);
            var post = Post.Create(organisation, entry.Title, entry.Team, entry.HolderReference, entry.StartsOn, entry.EndsOn, now);
            posts[entry.Key] = post;
            db.Posts.Add(post);
            Provenance<Post>(post.Id, entry.Provenance, entry.Key);
            if (PostHolding.FirstOf(post, now) is { } first)
            {
                db.PostHoldings.Add(first);
                holdings.Add(first);
                Provenance<PostHolding>(first.Id, entry.Provenance, $"{entry.Key} holder");
            }
        }
        await LinesAsync(set.Lines, posts, byKey, byReference, now, cancellationToken);
        await SecondmentsAsync(set.Secondments, posts, byKey, byReference, now, cancellationToken);
        HoldingsOf(set.Holdings ?? [], posts, holdings, now);
        await JointArrangementsAsync(set.JointArrangements ?? [], posts, byKey, byReference, now, cancellationToken);
    }

    private async Task LinesAsync(IReadOnlyList<DemoLine> entries, Dictionary<string, Post> posts, Dictionary<string, Organisation> byKey,
        Dictionary<string, Agreement> byReference, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var postIds = posts.Values.Select(p => (Guid?)p.Id).ToList();
        var bodyIds = entries.Where(l => l.FromBody is not null).Select(l => (Guid?)byKey[l.FromBody!].Id).ToList();
        var recorded = await db.AccountabilityLines.Where(l => postIds.Contains(l.PostId) || bodyIds.Contains(l.FromBodyId)).ToListAsync(cancellationToken);
        foreach (var entry in entries)
        {
            var name = $"line {entry.Post ?? entry.FromBody} → {entry.ToPost ?? entry.ToBody}";
            var (from, fromBody) = (entry.Post is null ? null : posts[entry.Post], entry.FromBody is null ? null : byKey[entry.FromBody]);
            var (toPost, toBody) = (entry.ToPost is null ? null : posts[entry.ToPost], entry.ToBody is null ? null : byKey[entry.ToBody]);
            var basis = entry.Basis is null ? null : byReference[entry.Basis];
            var line = new ProposedLine(null, from?.Id, toPost?.Id, toBody?.Id, entry.Kind, entry.StartsOn, entry.EndsOn, basis?.Id, fromBody?.Id);
            if (recorded.Any(l => l.From == line.From && l.To == line.To && l.Kind == line.Kind && l.StartsOn == line.StartsOn))
                continue;
            Require(AccountabilityRules.Check(line, from, fromBody, toPost, toBody is not null), name);
            // the rules the API keeps with the recorded lines (duplicates, one line manager, the basis across organisations:
            // a board part of an organisation counts as it, a partnership board of none as none); the papers' lines are
            // not checked for circles, which the API asks of the graph
            try
            {
                AccountabilityRules.Ensure(line, AccountabilityRules.SideOrganisation(from, fromBody), AccountabilityRules.SideOrganisation(toPost, toBody),
                    recorded, closesCycle: false, basis);
            }
            catch (RegisterRuleException refusal)
            {
                throw new InvalidOperationException($"Demo {name}: {refusal.Message}", refusal);
            }
            var created = AccountabilityLine.Create(from?.Id, toPost?.Id, toBody?.Id, entry.Kind, entry.StartsOn, entry.EndsOn, basis?.Id, now, fromBody?.Id);
            db.AccountabilityLines.Add(created);
            recorded.Add(created);
            Provenance<AccountabilityLine>(created.Id, entry.Provenance, name);
        }
    }

    private async Task SecondmentsAsync(IReadOnlyList<DemoSecondment> entries, Dictionary<string, Post> posts, Dictionary<string, Organisation> byKey,
        Dictionary<string, Agreement> byReference, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var recorded = await db.Secondments.Select(s => new { s.EmployerId, s.HolderReference, s.StartsOn }).ToListAsync(cancellationToken);
        foreach (var entry in entries)
        {
            var (employer, host, agreement) = (byKey[entry.Employer].Id, byKey[entry.Host].Id, byReference[entry.Agreement]);
            if (recorded.Any(s => s.EmployerId == employer && s.HolderReference == entry.HolderReference && s.StartsOn == entry.StartsOn))
                continue;
            Require(Secondment.Check(entry.HolderReference, employer, host, entry.StartsOn, entry.EndsOn, entry.Fte, null, null), entry.HolderReference);
            if (PlacementBasis.ForSecondment(agreement, employer, host, entry.StartsOn, entry.EndsOn) is { } missing)
                throw new InvalidOperationException($"Demo secondment {entry.HolderReference}: {missing}");
            var secondment = Secondment.Create(entry.HolderReference, employer, host, agreement.Id, entry.StartsOn, entry.EndsOn, entry.Fte,
                KeptBy.Employer, KeptBy.Employer, entry.HostPost is null ? null : posts[entry.HostPost].Id, null, null, now);
            db.Secondments.Add(secondment);
            Provenance<Secondment>(secondment.Id, entry.Provenance, $"secondment under {entry.Agreement}");
        }
    }

    private void HoldingsOf(IReadOnlyList<DemoHolding> entries, Dictionary<string, Post> posts, List<PostHolding> holdings, DateTimeOffset now)
    {
        foreach (var entry in entries)
        {
            var (post, back) = (posts[entry.Post], entry.ReturnsToPost is null ? null : posts[entry.ReturnsToPost]);
            var name = $"holding of {entry.Post} from {entry.StartsOn:yyyy-MM-dd}";
            if (holdings.Any(h => h.PostId == post.Id && h.HolderReference == entry.HolderReference && h.Kind == entry.Kind && h.StartsOn == entry.StartsOn))
                continue;
            var holding = new ProposedHolding(null, post.Id, entry.HolderReference, entry.Kind, entry.StartsOn, entry.EndsOn, back?.Id);
            Require(PostHolding.Check(post.Id, entry.HolderReference, entry.Kind, entry.StartsOn, entry.EndsOn, back?.Id), name);
            Require(HoldingRules.Check(holding, post, back), name);
            HoldingRules.Ensure(holding, holdings, holdings);
            var created = PostHolding.Create(post.Id, entry.HolderReference, entry.Kind, entry.StartsOn, entry.EndsOn, back?.Id, now);
            db.PostHoldings.Add(created);
            holdings.Add(created);
            Provenance<PostHolding>(created.Id, entry.Provenance, name);
        }
    }

    private async Task JointArrangementsAsync(IReadOnlyList<DemoJointArrangement> entries, Dictionary<string, Post> posts, Dictionary<string, Organisation> byKey,
        Dictionary<string, Agreement> byReference, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var postIds = posts.Values.Select(p => p.Id).ToList();
        var recorded = await db.JointArrangements.Where(a => postIds.Contains(a.PostId)).ToListAsync(cancellationToken);
        foreach (var entry in entries)
        {
            var (post, organisation, basis) = (posts[entry.Post], byKey[entry.Organisation].Id, byReference[entry.Basis]);
            if (recorded.Any(a => a.PostId == post.Id && a.OrganisationId == organisation && a.StartsOn == entry.StartsOn))
                continue;
            var name = $"joint arrangement of {entry.Post} with {entry.Organisation}";
            Require(JointArrangement.Check(post, organisation, true, entry.StartsOn, entry.EndsOn), name);
            JointArrangement.Ensure(post, organisation, entry.StartsOn, entry.EndsOn, basis, recorded);
            var created = JointArrangement.Create(post.Id, organisation, basis.Id, entry.StartsOn, entry.EndsOn, now);
            db.JointArrangements.Add(created);
            recorded.Add(created);
            Provenance<JointArrangement>(created.Id, entry.Provenance, name);
        }
    }
}
