using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Common;

namespace IntegrationGovernance.Domain.People;

/// <summary>
/// A joint post: a post of one organisation (its employer) held for another organisation too, for a period, under an
/// agreement between them. B&amp;NES 2012 (§2.2): "a single PCT Chief Executive/Director of Adult Social Services"; Stockton
/// 2007 (§3.6 chart): "Head of Strategy (Joint PCT/LA)". A post held for three organisations has two arrangements. The post
/// is shown in the structure of each organisation it is held for, marked with the agreement.
/// </summary>
public sealed class JointArrangement : IVersionedRecord
{
    private JointArrangement()
    {
    }

    public Guid Id { get; private set; }

    public Guid PostId { get; private set; }

    /// <summary>The organisation the post is also held for (not its employer).</summary>
    public Guid OrganisationId { get; private set; }

    /// <summary>The agreement between the employer and that organisation the joint post rests on.</summary>
    public Guid BasisAgreementId { get; private set; }

    public DateOnly StartsOn { get; private set; }

    public DateOnly? EndsOn { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public uint Version { get; private set; }

    public DateRange Period => new(StartsOn, EndsOn);

    public bool InForceOn(DateOnly day) => StartsOn <= day && (EndsOn is null || EndsOn >= day);

    public bool Overlaps(DateOnly startsOn, DateOnly? endsOn) => StartsOn <= (endsOn ?? DateOnly.MaxValue) && (EndsOn ?? DateOnly.MaxValue) >= startsOn;

    public bool RunsPast(DateOnly day) => EndsOn is null || EndsOn > day;

    /// <summary>
    /// The arrangement's own faults (HTTP 400): an existing organisation other than the post's employer, dates in order, and
    /// the post existing for the whole period.
    /// </summary>
    public static IReadOnlyList<RuleViolation> Check(Post post, Guid organisationId, bool organisationKnown, DateOnly startsOn, DateOnly? endsOn)
    {
        var problems = new List<RuleViolation>();
        if (!organisationKnown)
            problems.Add(new("$.organisationId", "No organisation with this id."));
        else if (organisationId == post.OrganisationId)
            problems.Add(new("$.organisationId", "A joint post is held for another organisation than the one that employs it."));
        if (endsOn is { } end && end < startsOn)
            problems.Add(new("$.endsOn", "The end date is before the start date."));
        else if (!post.Period.Contains(startsOn))
            problems.Add(new("$.startsOn", "The post does not exist on this date."));
        else if (post.EndsOn is { } postEnds && (endsOn is null || endsOn > postEnds))
            problems.Add(new("$.endsOn", $"The post ends on {postEnds:yyyy-MM-dd}; the joint arrangement ends by then."));
        return problems;
    }

    /// <summary>
    /// The rules an arrangement keeps with the register: not recorded twice for the same organisation over overlapping days
    /// (409 <c>duplicate-joint-arrangement</c>), and resting on its basis agreement as a line across organisations does
    /// (422 <c>basis-agreement-required</c>, <see cref="PlacementBasis.ForJointPost"/>: active and naming both on every day;
    /// under section 113 the employer is a Provider, whose officer is placed at the disposal of the Host).
    /// </summary>
    /// <param name="post">The post held jointly.</param>
    /// <param name="organisationId">The organisation it is also held for.</param>
    /// <param name="startsOn">The first day.</param>
    /// <param name="endsOn">The last day, or null.</param>
    /// <param name="basis">The basis agreement named, when it exists.</param>
    /// <param name="arrangements">The post's arrangements: at least those overlapping the period.</param>
    /// <param name="self">The arrangement itself, when an existing one is changed.</param>
    public static void Ensure(Post post, Guid organisationId, DateOnly startsOn, DateOnly? endsOn, Agreement? basis,
        IEnumerable<JointArrangement> arrangements, Guid? self = null)
    {
        if (arrangements.FirstOrDefault(a => a.Id != self && a.PostId == post.Id && a.OrganisationId == organisationId && a.Overlaps(startsOn, endsOn)) is { } twice)
            throw new RegisterRuleException("duplicate-joint-arrangement",
                $"The post is already held for this organisation from {twice.StartsOn:yyyy-MM-dd}{(twice.EndsOn is { } e ? $" to {e:yyyy-MM-dd}" : "")} (arrangement {twice.Id}).",
                "$.startsOn", RuleKind.Conflict);
        if (PlacementBasis.ForJointPost(basis, post.OrganisationId, organisationId, startsOn, endsOn) is { } missing)
            throw new RegisterRuleException("basis-agreement-required", missing, "$.basisAgreementId");
    }

    /// <summary>The request's own fault in ending the arrangement: a last day before its first.</summary>
    public IReadOnlyList<RuleViolation> CheckEnd(DateOnly endsOn) =>
        endsOn < StartsOn ? [new("$.endsOn", $"The arrangement starts on {StartsOn:yyyy-MM-dd}; it cannot end before it starts.")] : [];

    /// <summary>
    /// Records the arrangement's last day. Refused when it had already ended earlier, which would bring it back for the days
    /// between, unless <paramref name="extend"/> says that is meant.
    /// </summary>
    /// <returns>True when it now runs longer than before: <see cref="Ensure"/> then applies to it again.</returns>
    public bool End(DateOnly endsOn, bool extend, DateTimeOffset now)
    {
        if (EndsOn is { } ended && endsOn > ended && !extend)
            throw new RegisterRuleException("arrangement-already-ended",
                $"The arrangement already ended on {ended:yyyy-MM-dd}; ending it on {endsOn:yyyy-MM-dd} would bring it back for the days between. Send \"extend\": true if that is meant.",
                "$.endsOn", RuleKind.Conflict);
        var longer = EndsOn is { } before && endsOn > before;
        EndsOn = endsOn;
        UpdatedAt = now;
        return longer;
    }

    public static JointArrangement Create(Guid postId, Guid organisationId, Guid basisAgreementId, DateOnly startsOn, DateOnly? endsOn, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        PostId = postId,
        OrganisationId = organisationId,
        BasisAgreementId = basisAgreementId,
        StartsOn = startsOn,
        EndsOn = endsOn,
        CreatedAt = now,
        UpdatedAt = now,
    };
}
