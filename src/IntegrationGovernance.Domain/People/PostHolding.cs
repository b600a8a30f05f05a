using IntegrationGovernance.Domain.Common;

namespace IntegrationGovernance.Domain.People;

/// <summary>How a person holds a post for a period.</summary>
public enum HoldingKind
{
    /// <summary>
    /// Appointed to the post: its own holder, at most one at a time. They stay its holder while away (on leave, or acting in
    /// another post), when an acting or interim holder may cover for them.
    /// </summary>
    Substantive,

    /// <summary>
    /// Covering the post for a time, usually from a substantive post of their own to which they return
    /// (<see cref="PostHolding.ReturnsToPostId"/>): Hertfordshire 2007's "acting" Service Leads, who "return to their
    /// previous substantive roles" when the new posts are filled.
    /// </summary>
    Acting,

    /// <summary>Engaged to fill the post for a time while it is vacant or its holder away, often from outside (an interim director).</summary>
    Interim,
}

/// <summary>
/// Who held a post, how, from a day to a day (open while it runs on). The holder reference is personal data. The rules a
/// holding keeps with the post's other holdings are <see cref="HoldingRules"/>.
/// </summary>
public sealed class PostHolding : IVersionedRecord
{
    private PostHolding()
    {
    }

    public Guid Id { get; private set; }

    public Guid PostId { get; private set; }

    /// <summary>A staff number or name: personal data, shown only to callers who may see the post's holders.</summary>
    public string HolderReference { get; private set; } = string.Empty;

    public HoldingKind Kind { get; private set; }

    public DateOnly StartsOn { get; private set; }

    public DateOnly? EndsOn { get; private set; }

    /// <summary>For an acting holding: the holder's substantive post, to which they return the day after it ends.</summary>
    public Guid? ReturnsToPostId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public uint Version { get; private set; }

    public DateRange Period => new(StartsOn, EndsOn);

    /// <summary>True for an acting or interim holding: one that covers the post beside (or instead of) its substantive holder.</summary>
    public bool Covers => Kind is HoldingKind.Acting or HoldingKind.Interim;

    /// <summary>The day the holder is back in <see cref="ReturnsToPostId"/>: the day after the holding ends (null while it runs on).</summary>
    public DateOnly? ReturnsOn => ReturnsToPostId is null ? null : EndsOn?.AddDays(1);

    public bool InForceOn(DateOnly day) => StartsOn <= day && (EndsOn is null || EndsOn >= day);

    /// <summary>True when the holding runs on some day from <paramref name="startsOn"/> to <paramref name="endsOn"/> (open when null).</summary>
    public bool Overlaps(DateOnly startsOn, DateOnly? endsOn) => StartsOn <= (endsOn ?? DateOnly.MaxValue) && (EndsOn ?? DateOnly.MaxValue) >= startsOn;

    /// <summary>True when the holding still runs on some day after <paramref name="day"/>.</summary>
    public bool RunsPast(DateOnly day) => EndsOn is null || EndsOn > day;

    /// <summary>
    /// The request's own faults (HTTP 400): a holder named within bounds, a known kind, dates in order, and a post to return
    /// to only for an acting holding, another than the post held.
    /// </summary>
    public static IReadOnlyList<RuleViolation> Check(Guid postId, string? holder, HoldingKind kind, DateOnly startsOn, DateOnly? endsOn, Guid? returnsToPostId)
    {
        var problems = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(holder) || holder.Length > 200)
            problems.Add(new("$.holderReference", "A holder reference (staff number or name) is required, at most 200 characters."));
        if (!Enum.IsDefined(kind))
            problems.Add(new("$.kind", "Unknown kind of holding: Substantive, Acting or Interim."));
        if (endsOn is { } end && end < startsOn)
            problems.Add(new("$.endsOn", "The end date is before the start date."));
        if (returnsToPostId is { } back)
        {
            if (kind != HoldingKind.Acting)
                problems.Add(new("$.returnsToPostId", "Only an acting holding names the substantive post its holder returns to."));
            else if (back == postId)
                problems.Add(new("$.returnsToPostId", "An acting holder returns to another post than the one they act in."));
        }
        return problems;
    }

    /// <summary>The request's own fault in a new end date: before the start.</summary>
    public IReadOnlyList<RuleViolation> CheckEndDate(DateOnly? endsOn) =>
        endsOn < StartsOn ? [new("$.endsOn", $"The holding starts on {StartsOn:yyyy-MM-dd}; it cannot end before it starts.")] : [];

    /// <summary>
    /// Ends, shortens or extends the holding (null: no end date). A longer holding claims days it did not hold, so the caller
    /// checks it again with <see cref="HoldingRules"/> first (<see cref="ProposedHolding.Of"/> with the new end).
    /// </summary>
    /// <returns>True when the holding now runs longer than before.</returns>
    public bool ChangeEndDate(DateOnly? endsOn, DateTimeOffset now)
    {
        var longer = EndsOn is { } before && (endsOn is null || endsOn > before);
        EndsOn = endsOn;
        UpdatedAt = now;
        return longer;
    }

    /// <summary>Ends the holding with its post, on the post's last day, when it ran past it.</summary>
    public void EndWithPost(DateOnly lastDay, DateTimeOffset now)
    {
        if (!RunsPast(lastDay))
            return;
        EndsOn = lastDay;
        UpdatedAt = now;
    }

    public static PostHolding Create(Guid postId, string holder, HoldingKind kind, DateOnly startsOn, DateOnly? endsOn, Guid? returnsToPostId, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        PostId = postId,
        HolderReference = holder.Trim(),
        Kind = kind,
        StartsOn = startsOn,
        EndsOn = endsOn,
        ReturnsToPostId = returnsToPostId,
        CreatedAt = now,
        UpdatedAt = now,
    };

    /// <summary>The substantive holding of the holder named when the post was created: for the post's whole period.</summary>
    public static PostHolding? FirstOf(Post post, DateTimeOffset now) =>
        post.FirstHolder is { } holder ? Create(post.Id, holder, HoldingKind.Substantive, post.StartsOn, post.EndsOn, null, now) : null;
}
