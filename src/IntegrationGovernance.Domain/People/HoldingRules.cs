using IntegrationGovernance.Domain.Common;

namespace IntegrationGovernance.Domain.People;

/// <summary>A holding as it would stand: a new one, or an existing one (<see cref="Id"/>) over a new period.</summary>
public sealed record ProposedHolding(Guid? Id, Guid PostId, string HolderReference, HoldingKind Kind, DateOnly StartsOn, DateOnly? EndsOn, Guid? ReturnsToPostId)
{
    public static ProposedHolding Of(PostHolding holding) =>
        new(holding.Id, holding.PostId, holding.HolderReference, holding.Kind, holding.StartsOn, holding.EndsOn, holding.ReturnsToPostId);

    /// <summary>The day the holder is back in the post they return to: the day after the end, or (while open-ended) its first day.</summary>
    public DateOnly ReturnDay => EndsOn?.AddDays(1) ?? StartsOn;
}

/// <summary>
/// The rules of who holds a post, and when:
/// <list type="bullet">
/// <item>a holding lies within its post's period;</item>
/// <item>a post has at most one substantive holder on any day, and at most one acting or interim holder covering it; the
/// two may overlap, so an acting holder covers while the substantive holder is away (acting elsewhere, on leave), or while
/// the post is vacant;</item>
/// <item>one person holds a post once on any day (not substantive and acting at once);</item>
/// <item>an acting holder's substantive post, named to return to, runs on the day of return, and is not then held
/// substantively by someone else.</item>
/// </list>
/// The holder in force on a day is the one covering the post that day, else its substantive holder (<see cref="InForce"/>).
/// </summary>
public static class HoldingRules
{
    /// <summary>
    /// The holding's faults against the posts it names (HTTP 400): within its post's period, and the post it returns to, when
    /// named, existing on the day of return.
    /// </summary>
    /// <param name="holding">The holding as it would stand, having passed <see cref="PostHolding.Check"/>.</param>
    /// <param name="post">The post held.</param>
    /// <param name="returnsTo">The post named to return to, when one is named and exists.</param>
    public static IReadOnlyList<RuleViolation> Check(ProposedHolding holding, Post post, Post? returnsTo)
    {
        var problems = new List<RuleViolation>();
        if (!post.Period.Contains(holding.StartsOn))
            problems.Add(new("$.startsOn", $"The post runs from {post.StartsOn:yyyy-MM-dd}{Until(post.EndsOn)}; a holding starts within that."));
        else if (post.EndsOn is { } postEnds && (holding.EndsOn is null || holding.EndsOn > postEnds))
            problems.Add(new("$.endsOn", $"The post ends on {postEnds:yyyy-MM-dd}; a holding of it ends by then."));
        if (holding.ReturnsToPostId is not null)
        {
            if (returnsTo is null)
                problems.Add(new("$.returnsToPostId", "No post with this id."));
            else if (!returnsTo.Period.Contains(holding.ReturnDay))
                problems.Add(new("$.returnsToPostId",
                    $"The post to return to runs from {returnsTo.StartsOn:yyyy-MM-dd}{Until(returnsTo.EndsOn)}; it does not exist on {holding.ReturnDay:yyyy-MM-dd}, the day of return."));
        }
        return problems;
    }

    /// <summary>
    /// The rules a holding keeps with the rest of the register, each refusal typed (<see cref="RegisterRuleException"/>, 422):
    /// one substantive holder and one covering holder at a time (<c>holding-overlap</c>), a person holding the post once on any
    /// day (<c>holder-already-holds-post</c>), and a post to return to not held substantively by another on the day of return
    /// (<c>returns-to-post-held</c>). The refusals name holdings by id and dates, never by holder.
    /// </summary>
    /// <param name="holding">The holding as it would stand, having passed <see cref="Check"/>.</param>
    /// <param name="holdings">The post's holdings: at least every one overlapping the period (the holding itself is ignored).</param>
    /// <param name="returnPostHoldings">The holdings of the post returned to, when one is named: at least those on the day of return.</param>
    public static void Ensure(ProposedHolding holding, IEnumerable<PostHolding> holdings, IEnumerable<PostHolding> returnPostHoldings)
    {
        var overlapping = holdings.Where(h => h.Id != holding.Id && h.PostId == holding.PostId && h.Overlaps(holding.StartsOn, holding.EndsOn)).ToList();
        if (overlapping.FirstOrDefault(h => h.HolderReference == holding.HolderReference) is { } same)
            throw new RegisterRuleException("holder-already-holds-post",
                $"This holder already holds the post{Between(same)} (holding {same.Id}, {same.Kind}); one person holds a post once on any day: "
                + "change that holding's dates instead.", "$.holderReference");
        var covers = holding.Kind is HoldingKind.Acting or HoldingKind.Interim;
        if (overlapping.FirstOrDefault(h => h.Covers == covers) is { } other)
            throw new RegisterRuleException("holding-overlap",
                covers
                    ? $"The post already has an acting or interim holder{Between(other)} (holding {other.Id}); one holder covers a post at a time: end that holding first."
                    : $"The post already has a substantive holder{Between(other)} (holding {other.Id}); one substantive holder at a time: end that holding first, "
                        + "or record this one as Acting or Interim to cover while they are away.",
                "$.startsOn");
        if (holding.ReturnsToPostId is { } back
            && returnPostHoldings.FirstOrDefault(h => h.PostId == back && h.Kind == HoldingKind.Substantive && h.InForceOn(holding.ReturnDay)
                && h.HolderReference != holding.HolderReference) is { } taken)
            throw new RegisterRuleException("returns-to-post-held",
                $"On {holding.ReturnDay:yyyy-MM-dd}, the day of return, the post to return to has another substantive holder (holding {taken.Id}); "
                + "an acting holder returns to their own substantive post.", "$.returnsToPostId");
    }

    /// <summary>The holding in force on a day: the one covering the post (acting or interim), else its substantive holder; null if none.</summary>
    public static PostHolding? InForce(IEnumerable<PostHolding> holdings, DateOnly day) =>
        holdings.Where(h => h.InForceOn(day)).OrderBy(h => h.Covers ? 0 : 1).ThenBy(h => h.StartsOn).ThenBy(h => h.Id).FirstOrDefault();

    /// <summary>
    /// The day a post's holder is read for, when it is read on <paramref name="day"/>: that day, kept within the post's period
    /// as it stands, so a post that has ended answers with its holder on its last day, and one not yet begun with its first.
    /// </summary>
    public static DateOnly DayFor(Post post, DateOnly day) =>
        day < post.StartsOn ? post.StartsOn : post.EndsOn is { } last && day > last ? last : day;

    private static string Between(PostHolding holding) =>
        $" from {holding.StartsOn:yyyy-MM-dd}{(holding.EndsOn is { } end ? $" to {end:yyyy-MM-dd}" : "")}";

    private static string Until(DateOnly? endsOn) => endsOn is { } end ? $" to {end:yyyy-MM-dd}" : "";
}
