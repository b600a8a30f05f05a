using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Common;
using IntegrationGovernance.Domain.Organisations;

namespace IntegrationGovernance.Domain.People;

/// <summary>
/// A line as it would stand: a new one, or an existing one (<see cref="Id"/>) over a new period. Its accountable side is a
/// post (<see cref="PostId"/>) or a governance body (<see cref="FromBodyId"/>), exactly one of them.
/// </summary>
public sealed record ProposedLine(
    Guid? Id, Guid? PostId, Guid? ToPostId, Guid? ToBodyId, AccountabilityKind Kind, DateOnly StartsOn, DateOnly? EndsOn, Guid? BasisAgreementId,
    Guid? FromBodyId = null)
{
    /// <summary>The accountable side: the post's id, or the body's.</summary>
    public Guid From => PostId ?? FromBodyId ?? Guid.Empty;

    /// <summary>The side it is accountable to: the post's id, or the body's.</summary>
    public Guid To => ToPostId ?? ToBodyId ?? Guid.Empty;

    public static ProposedLine Of(AccountabilityLine line) =>
        new(line.Id, line.PostId, line.ToPostId, line.ToBodyId, line.Kind, line.StartsOn, line.EndsOn, line.BasisAgreementId, line.FromBodyId);
}

/// <summary>
/// The rules every accountability line keeps, new or changed, given the facts the caller loaded from the register:
/// the posts it joins, the accountable post's other lines, whether it would close a circle (a question of the whole
/// graph, answered by the database) and its basis agreement.
/// </summary>
public static class AccountabilityRules
{
    /// <summary>
    /// The line's own faults (HTTP 400), from a post or from a board: a known kind, dates in order, exactly one existing post
    /// or body to be accountable to, not the post itself, both posts existing for the whole period; and for a line from a board, that it is a governance body operating for the whole period, accountable by a kind that
    /// suits a body (<see cref="AccountabilityLine.SuitsABody"/>: a board is never line-managed), and not to itself.
    /// </summary>
    /// <param name="line">The line as it would stand.</param>
    /// <param name="post">The accountable post, when the line is from a post and it exists.</param>
    /// <param name="fromBody">The accountable board, when the line is from a body and it exists.</param>
    /// <param name="toPost">The post it is accountable to, when one is named and exists.</param>
    /// <param name="toBodyKnown">Whether the body it is accountable to, when one is named, exists.</param>
    public static IReadOnlyList<RuleViolation> Check(ProposedLine line, Post? post, Organisation? fromBody, Post? toPost, bool toBodyKnown)
    {
        var problems = new List<RuleViolation>();
        if (!Enum.IsDefined(line.Kind))
            problems.Add(new("$.kind", "Unknown kind of line."));
        else if (line.FromBodyId is not null && line.PostId is null && !AccountabilityLine.SuitsABody(line.Kind))
            problems.Add(new("$.kind", $"A board is accountable by GovernanceReporting or StatutoryDelegation, not {line.Kind}: a board is not line-managed, "
                + "managed day to day, supervised or professionally accountable; its members' posts are."));
        if (line.EndsOn is { } end && end < line.StartsOn)
            problems.Add(new("$.endsOn", "The end date is before the start date."));
        if ((line.PostId is null) == (line.FromBodyId is null))
            problems.Add(new("$.postId", "Give exactly one of postId (a post) and fromBodyId (a board) as the accountable side."));
        else if (line.PostId is not null)
        {
            if (post is null)
                problems.Add(new("$.postId", "No post with this id."));
            else if (!post.Period.Contains(line.StartsOn))
                problems.Add(new("$.startsOn", "The post does not exist on this date."));
            else if (post.EndsOn is { } postEnds && (line.EndsOn is null || line.EndsOn > postEnds))
                problems.Add(new("$.endsOn", $"The post ends on {postEnds:yyyy-MM-dd}; a line from it ends by then."));
        }
        else if (fromBody is null)
            problems.Add(new("$.fromBodyId", "No organisation or board with this id."));
        else if (!fromBody.TypeOn(line.StartsOn).IsGovernanceBody())
            problems.Add(new("$.fromBodyId", "Only a governance body (type PartnershipBoard or HealthAndWellbeingBoard: a board, a Cabinet) is the accountable "
                + "side of a line; an organisation is accountable through its posts and boards."));
        else if (fromBody.OperationalFrom is { } opens && opens > line.StartsOn)
            problems.Add(new("$.startsOn", $"The board operates from {opens:yyyy-MM-dd}; a line from it starts then or later."));
        else if (fromBody.OperationalTo is { } closes && (line.EndsOn is null || line.EndsOn > closes))
            problems.Add(new("$.endsOn", $"The board stopped operating on {closes:yyyy-MM-dd}; a line from it ends by then."));
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
        else if (line.ToBodyId == line.FromBodyId)
            problems.Add(new("$.toBodyId", "A board is not accountable to itself."));
        return problems;
    }

    /// <summary>
    /// The organisation one side of a line counts as: a post's organisation; a board's, the organisation it is part of; an
    /// organisation named as a body, itself. Null for a partnership board that is part of no organisation (a Children's Trust
    /// Board, a strategic partnership): made by organisations under an agreement and no party to one, it answers for none of them.
    /// </summary>
    public static Guid? SideOrganisation(Post? post, Organisation? body) =>
        post?.OrganisationId ?? body?.PartOfId ?? (body is null || body.Type.IsGovernanceBody() ? null : body.Id);

    /// <summary>
    /// Why the line cannot rest on <paramref name="basis"/>, or null when it can or needs none. Between two organisations
    /// (each side's, <see cref="SideOrganisation"/>) that differ, the basis is that of any line across organisations
    /// (<see cref="PlacementBasis.ForLine"/>). A side that is a partnership board of no organisation is no party to an
    /// agreement: a line between it and an organisation rests on an agreement naming that organisation, active throughout
    /// (Stockton 2007: the Children's Trust Board reports to the Cabinet and the PCT Board under the children's trust
    /// arrangement between the council and the PCT); a line between two such boards needs none.
    /// </summary>
    public static string? BasisProblem(ProposedLine line, Guid? from, Guid? to, Agreement? basis) => (from, to) switch
    {
        ({ } a, { } b) when a != b => PlacementBasis.ForLine(basis, a, b, line.StartsOn, line.EndsOn),
        ({ } a, null) => PlacementBasis.ForLine(basis, a, a, line.StartsOn, line.EndsOn),
        (null, { } b) => PlacementBasis.ForLine(basis, b, b, line.StartsOn, line.EndsOn),
        _ => null,
    };

    /// <summary>
    /// Whether a circle is possible at all, so whether the graph need be asked (<c>closesCycle</c> below): a hierarchy from
    /// post to post (lines to boards end there), or governance reporting, which runs between posts and boards alike.
    /// </summary>
    public static bool MayCloseCycle(ProposedLine line) =>
        (AccountabilityLine.IsHierarchy(line.Kind) && line.ToPostId is not null) || line.Kind == AccountabilityKind.GovernanceReporting;

    /// <summary>
    /// The rules a line keeps with the rest of the register, each refusal typed (<see cref="RegisterRuleException"/>): the
    /// same line not recorded twice for overlapping days (409 <c>duplicate-line</c>), one line manager at a time (422
    /// <c>second-line-manager</c>), no hierarchy in a circle (422 <c>accountability-cycle</c>), and across organisations a
    /// basis agreement (422 <c>basis-agreement-required</c>, see <see cref="PlacementBasis.ForLine"/>).
    /// For a line from a post or a board: <paramref name="from"/> and <paramref name="to"/> are the organisations its sides count as
    /// (<see cref="SideOrganisation"/>), and the basis is asked of <see cref="BasisProblem"/>. A board's reporting lines
    /// never run in a circle either.
    /// </summary>
    public static void Ensure(ProposedLine line, Guid? from, Guid? to, IEnumerable<AccountabilityLine> lines, bool closesCycle, Agreement? basis)
    {
        var overlapping = lines.Where(l => l.Id != line.Id && l.From == line.From && l.Overlaps(line.StartsOn, line.EndsOn)).ToList();
        if (overlapping.Any(l => l.Kind == line.Kind && l.ToPostId == line.ToPostId && l.ToBodyId == line.ToBodyId))
            throw new RegisterRuleException("duplicate-line", $"This {line.Kind} line is already recorded for part of this period.", "$.startsOn", RuleKind.Conflict);
        if (line.Kind == AccountabilityKind.LineManagement && overlapping.FirstOrDefault(l => l.Kind == AccountabilityKind.LineManagement) is { } manager)
            throw new RegisterRuleException("second-line-manager",
                $"The post already has a line manager for part of this period (line {manager.Id}, from {manager.StartsOn:yyyy-MM-dd}"
                + $"{(manager.EndsOn is { } e ? $" to {e:yyyy-MM-dd}" : "")}); end that line first.", "$.kind");
        if (MayCloseCycle(line) && closesCycle)
            throw new RegisterRuleException("accountability-cycle",
                $"The {(line.PostId is null ? "board" : "post")} would end up accountable to itself by {line.Kind} during this period.",
                line.ToPostId is null ? "$.toBodyId" : "$.toPostId");
        if (BasisProblem(line, from, to, basis) is { } missing)
            throw new RegisterRuleException("basis-agreement-required", missing, "$.basisAgreementId");
    }
}
