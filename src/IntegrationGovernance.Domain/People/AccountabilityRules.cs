using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Common;

namespace IntegrationGovernance.Domain.People;

/// <summary>A line as it would stand: a new one, or an existing one (<see cref="Id"/>) over a new period.</summary>
public sealed record ProposedLine(
    Guid? Id, Guid PostId, Guid? ToPostId, Guid? ToBodyId, AccountabilityKind Kind, DateOnly StartsOn, DateOnly? EndsOn, Guid? BasisAgreementId)
{
    public static ProposedLine Of(AccountabilityLine line) =>
        new(line.Id, line.PostId, line.ToPostId, line.ToBodyId, line.Kind, line.StartsOn, line.EndsOn, line.BasisAgreementId);
}

/// <summary>
/// The rules every accountability line keeps, new or changed, given the facts the caller loaded from the register:
/// the posts it joins, the accountable post's other lines, whether it would close a circle (a question of the whole
/// graph, answered by the database) and its basis agreement.
/// </summary>
public static class AccountabilityRules
{
    /// <summary>
    /// The line's own faults (HTTP 400): a known kind, dates in order, exactly one existing post or body to be accountable to,
    /// not the post itself, and both posts existing for the whole period.
    /// </summary>
    /// <param name="line">The line as it would stand.</param>
    /// <param name="post">The accountable post.</param>
    /// <param name="toPost">The post it is accountable to, when one is named and exists.</param>
    /// <param name="toBodyKnown">Whether the body named exists.</param>
    public static IReadOnlyList<RuleViolation> Check(ProposedLine line, Post post, Post? toPost, bool toBodyKnown)
    {
        var problems = new List<RuleViolation>();
        if (!Enum.IsDefined(line.Kind))
            problems.Add(new("$.kind", "Unknown kind of line."));
        if (line.EndsOn is { } end && end < line.StartsOn)
            problems.Add(new("$.endsOn", "The end date is before the start date."));
        if (!post.Period.Contains(line.StartsOn))
            problems.Add(new("$.startsOn", "The post does not exist on this date."));
        else if (post.EndsOn is { } postEnds && (line.EndsOn is null || line.EndsOn > postEnds))
            problems.Add(new("$.endsOn", $"The post ends on {postEnds:yyyy-MM-dd}; a line from it ends by then."));
        if ((line.ToPostId is null) == (line.ToBodyId is null))
            problems.Add(new("$.toPostId", "Give exactly one of toPostId (a post) and toBodyId (a governance body)."));
        else if (line.ToPostId is { } to)
        {
            if (to == line.PostId)
                problems.Add(new("$.toPostId", "A post is not accountable to itself."));
            else if (toPost is null)
                problems.Add(new("$.toPostId", "No post with this id."));
            else if (!toPost.Period.Contains(line.StartsOn))
                problems.Add(new("$.toPostId", $"The post it is accountable to does not exist on {line.StartsOn:yyyy-MM-dd}."));
            else if (toPost.EndsOn is { } toEnds && (line.EndsOn is null || line.EndsOn > toEnds))
                problems.Add(new("$.endsOn", $"The post it is accountable to ends on {toEnds:yyyy-MM-dd}; the line ends by then."));
        }
        else if (!toBodyKnown)
            problems.Add(new("$.toBodyId", "No organisation or board with this id."));
        return problems;
    }

    /// <summary>The organisation a line leads to: its post's, or the body itself. For a line that passed <see cref="Check"/>.</summary>
    /// <param name="line">The line.</param>
    /// <param name="toPost">The post it leads to, if it leads to a post.</param>
    /// <param name="boardAnswersFor">For a line to a board that is part of an organisation (a CCG's committee), that organisation.</param>
    public static Guid TargetOrganisation(ProposedLine line, Post? toPost, Guid? boardAnswersFor = null) =>
        toPost?.OrganisationId ?? boardAnswersFor ?? line.ToBodyId ?? throw new ArgumentException("The line leads nowhere.", nameof(line));

    /// <summary>Whether a circle is possible at all, so whether the graph need be asked (<c>closesCycle</c> below).</summary>
    public static bool MayCloseCycle(ProposedLine line) => AccountabilityLine.IsHierarchy(line.Kind) && line.ToPostId is not null;

    /// <summary>
    /// The rules a line keeps with the rest of the register, each refusal typed (<see cref="RegisterRuleException"/>): the
    /// same line not recorded twice for overlapping days (409 <c>duplicate-line</c>), one line manager at a time (422
    /// <c>second-line-manager</c>), no hierarchy in a circle (422 <c>accountability-cycle</c>), and across organisations a
    /// basis agreement (422 <c>basis-agreement-required</c>, see <see cref="PlacementBasis.ForLine"/>).
    /// </summary>
    /// <param name="line">The line as it would stand, having passed <see cref="Check"/>.</param>
    /// <param name="post">The accountable post.</param>
    /// <param name="toPost">The post it is accountable to, when it is one.</param>
    /// <param name="lines">The accountable post's lines: at least every one overlapping the period (the line itself is ignored).</param>
    /// <param name="closesCycle">Whether the line would close a circle on some day of its period (asked only when <see cref="MayCloseCycle"/>).</param>
    /// <param name="basis">The basis agreement named, when it exists.</param>
    /// <param name="boardAnswersFor">For a line to a board part of an organisation, that organisation: the basis must name it.</param>
    public static void Ensure(ProposedLine line, Post post, Post? toPost, IEnumerable<AccountabilityLine> lines, bool closesCycle, Agreement? basis,
        Guid? boardAnswersFor = null)
    {
        var overlapping = lines.Where(l => l.Id != line.Id && l.PostId == line.PostId && l.Overlaps(line.StartsOn, line.EndsOn)).ToList();
        if (overlapping.Any(l => l.Kind == line.Kind && l.ToPostId == line.ToPostId && l.ToBodyId == line.ToBodyId))
            throw new RegisterRuleException("duplicate-line", $"This {line.Kind} line is already recorded for part of this period.", "$.startsOn", RuleKind.Conflict);
        if (line.Kind == AccountabilityKind.LineManagement && overlapping.FirstOrDefault(l => l.Kind == AccountabilityKind.LineManagement) is { } manager)
            throw new RegisterRuleException("second-line-manager",
                $"The post already has a line manager for part of this period (line {manager.Id}, from {manager.StartsOn:yyyy-MM-dd}"
                + $"{(manager.EndsOn is { } e ? $" to {e:yyyy-MM-dd}" : "")}); end that line first.", "$.kind");
        if (MayCloseCycle(line) && closesCycle)
            throw new RegisterRuleException("accountability-cycle", $"The post would end up accountable to itself by {line.Kind} during this period.", "$.toPostId");
        var target = TargetOrganisation(line, toPost, boardAnswersFor);
        if (target != post.OrganisationId
            && PlacementBasis.ForLine(basis, post.OrganisationId, target, line.StartsOn, line.EndsOn) is { } missing)
            throw new RegisterRuleException("basis-agreement-required", missing, "$.basisAgreementId");
    }
}
