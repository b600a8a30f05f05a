using IntegrationGovernance.Domain.Common;

namespace IntegrationGovernance.Domain.People;

/// <summary>
/// A role in an organisation, e.g. Clinical Services Manager. Who held it, and when, is recorded in its holdings
/// (<see cref="PostHolding"/>), personal data; a post held for another organisation too is a joint post
/// (<see cref="JointArrangement"/>).
/// </summary>
public sealed class Post : IVersionedRecord
{
    private Post()
    {
    }

    public Guid Id { get; private set; }

    public Guid OrganisationId { get; private set; }

    public string Title { get; private set; } = string.Empty;

    /// <summary>Team or locality, e.g. "Dacorum locality".</summary>
    public string? Team { get; private set; }

    /// <summary>
    /// The holder named when the post was created, never stored on the post: the caller records them as its substantive
    /// holder for its whole period (<see cref="PostHolding.FirstOf"/>). Null for a post read from the register.
    /// </summary>
    public string? FirstHolder { get; private set; }

    public DateOnly StartsOn { get; private set; }

    public DateOnly? EndsOn { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public uint Version { get; private set; }

    /// <summary>
    /// The post's titles and teams from their dates, oldest first, the first from <see cref="StartsOn"/>; null for a post
    /// recorded before titles were dated, whose <see cref="Title"/> and <see cref="Team"/> hold for its whole period.
    /// Kept whole in the post's row, so each revision holds them as they then stood.
    /// </summary>
    public List<PostTitle>? DatedTitles { get; private set; }

    /// <summary>The most dated titles a post records (every read of it returns them all).</summary>
    public const int MaxTitles = 500;

    /// <summary>The longest title, team or holder reference a post keeps.</summary>
    public const int MaxTextLength = 200;

    public DateRange Period => new(StartsOn, EndsOn);

    /// <summary>Every title and team from its date, oldest first. <see cref="Title"/> and <see cref="Team"/> are the last of them.</summary>
    public IReadOnlyList<PostTitle> Titles => DatedTitles is [_, ..] dated ? dated : [new PostTitle(StartsOn, Title, Team)];

    /// <summary>The title and team in force on a day (before the post starts, its first).</summary>
    public PostTitle TitleOn(DateOnly day)
    {
        var titles = Titles;
        return titles.LastOrDefault(t => t.From <= day) ?? titles[0];
    }

    /// <summary>Each title and team with its first and last day: until the day before the next, the last until the post ends.</summary>
    public IReadOnlyList<PostTitlePeriod> TitlePeriods()
    {
        var titles = Titles;
        return [.. titles.Select((t, i) => new PostTitlePeriod(t.From, i + 1 < titles.Count ? titles[i + 1].From.AddDays(-1) : EndsOn, t.Title, t.Team))];
    }

    public static IReadOnlyList<RuleViolation> Check(string title, string? team, string? holder, DateOnly startsOn, DateOnly? endsOn)
    {
        var problems = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(title) || title.Length > MaxTextLength)
            problems.Add(new("$.title", $"A title is required, at most {MaxTextLength} characters."));
        if (team is { Length: > MaxTextLength })
            problems.Add(new("$.team", $"A team is at most {MaxTextLength} characters."));
        if (holder is { Length: > MaxTextLength })
            problems.Add(new("$.holderReference", $"A holder reference is at most {MaxTextLength} characters."));
        if (endsOn is { } end && end < startsOn)
            problems.Add(new("$.endsOn", "The end date is before the start date."));
        return problems;
    }

    /// <summary>The request's own faults in a change of title or team: one of them at least, each within bounds.</summary>
    public static IReadOnlyList<RuleViolation> CheckChange(string? title, string? team)
    {
        var problems = new List<RuleViolation>();
        if (title is null && team is null)
            problems.Add(new("$.title", "Give a new title, a new team, or both."));
        if (title is not null && (string.IsNullOrWhiteSpace(title) || title.Length > MaxTextLength))
            problems.Add(new("$.title", $"A title is not blank, and at most {MaxTextLength} characters."));
        if (team is { Length: > MaxTextLength })
            problems.Add(new("$.team", $"A team is at most {MaxTextLength} characters."));
        return problems;
    }

    /// <summary>
    /// From <paramref name="effectiveOn"/>, the post has this title and team, until the next change recorded after that day (or its end).
    /// A field left null keeps what was in force on that day; an empty team removes it. A change from a day that already has
    /// one replaces it; a change from the first day corrects the title as first recorded.
    /// </summary>
    public void ChangeTitle(DateOnly effectiveOn, string? title, string? team, DateTimeOffset now)
    {
        if (!Period.Contains(effectiveOn))
            throw new RegisterRuleException("change-outside-post",
                $"The post runs from {StartsOn:yyyy-MM-dd}{(EndsOn is { } end ? $" to {end:yyyy-MM-dd}" : "")}; a change takes effect within that.", "$.effectiveOn");
        var before = TitleOn(effectiveOn);
        var changed = new PostTitle(effectiveOn, title?.Trim() ?? before.Title, team is null ? before.Team : string.IsNullOrWhiteSpace(team) ? null : team.Trim());
        if (changed.Title == before.Title && changed.Team == before.Team)
            throw new RegisterRuleException("change-changes-nothing",
                $"On {effectiveOn:yyyy-MM-dd} the post is already titled \"{before.Title}\"{(before.Team is { } t ? $" in {t}" : " with no team")}.", "$.effectiveOn");
        var titles = Titles.Where(t => t.From != effectiveOn).Append(changed).OrderBy(t => t.From).ToList();
        // a period the same as the one before it is no change: restating the earlier title removes a change
        List<PostTitle> dated = [.. titles.Where((t, i) => i == 0 || t.Title != titles[i - 1].Title || t.Team != titles[i - 1].Team)];
        if (dated.Count > MaxTitles)
            throw new RegisterRuleException("too-many-entries",
                $"A post records at most {MaxTitles} titles over its life, and this one holds as many: record a new post instead.", "$.effectiveOn");
        DatedTitles = dated;
        (Title, Team) = (DatedTitles[^1].Title, DatedTitles[^1].Team);
        UpdatedAt = now;
    }

    /// <summary>The request's own fault in ending the post: a last day before its first.</summary>
    public IReadOnlyList<RuleViolation> CheckEnd(DateOnly endsOn) =>
        endsOn < StartsOn ? [new("$.endsOn", $"The post starts on {StartsOn:yyyy-MM-dd}; it cannot end before it starts.")] : [];

    /// <summary>
    /// Records the post's last day. Refused when the post had already ended earlier (that would bring it back for the days
    /// between; <paramref name="extend"/> says it is meant), when its title changes after that day, or while a line from or
    /// to it, or a secondment placed in it, runs past that day: those are ended first, each by its own change, never silently.
    /// A joint arrangement running past the day is refused like a line (it is the other
    /// organisation's too, and is ended by its own change); so is a holding that starts after the day, or an acting holding
    /// elsewhere whose holder returns to this post after it. The post's holdings that run past the day end with it, on that
    /// day, each change kept in the holding's history.
    /// </summary>
    /// <param name="endsOn">The last day of the post.</param>
    /// <param name="extend">True when a later end than the one recorded is meant.</param>
    /// <param name="lines">The lines from and to the post (others are ignored).</param>
    /// <param name="placements">The secondments placed in the post (others are ignored).</param>
    /// <param name="holdings">The holdings of the post, and those returning to it (others are ignored); those of the post running past the day are ended.</param>
    /// <param name="arrangements">The post's joint arrangements (others are ignored).</param>
    /// <param name="now">When the change is made.</param>
    public void End(DateOnly endsOn, bool extend, IEnumerable<AccountabilityLine> lines, IEnumerable<Secondment> placements,
        IEnumerable<PostHolding> holdings, IEnumerable<JointArrangement> arrangements, DateTimeOffset now)
    {
        if (EndsOn is { } ended && endsOn > ended && !extend)
            throw new RegisterRuleException("post-already-ended",
                $"The post already ended on {ended:yyyy-MM-dd}; ending it on {endsOn:yyyy-MM-dd} would bring it back for the days between. Send \"extend\": true if that is meant.",
                "$.endsOn", RuleKind.Conflict);
        if (Titles.FirstOrDefault(t => t.From > endsOn) is { } later)
            throw new RegisterRuleException("post-changes-after-end",
                $"The post's title or team changes on {later.From:yyyy-MM-dd}, after {endsOn:yyyy-MM-dd}; restate the earlier title from that day, or end the post later.",
                "$.endsOn", RuleKind.Conflict);
        var running = lines.Where(l => (l.PostId == Id || l.ToPostId == Id) && l.RunsPast(endsOn)).Select(l => l.Id).Order().ToList();
        var placed = placements.Where(s => s.HostPostId == Id && s.RunsPast(endsOn)).Select(s => s.Id).Order().ToList();
        var held = holdings.ToList();
        var afterEnd = held.Where(h => (h.PostId == Id && h.StartsOn > endsOn) || (h.ReturnsToPostId == Id && h.PostId != Id && (h.ReturnsOn is null || h.ReturnsOn > endsOn)))
            .Select(h => h.Id).Order().ToList();
        var joint = arrangements.Where(a => a.PostId == Id && a.RunsPast(endsOn)).Select(a => a.Id).Order().ToList();
        if (running.Count > 0 || placed.Count > 0 || afterEnd.Count > 0 || joint.Count > 0)
        {
            var named = new[] { Named("accountability line", running), Named("secondment", placed), Named("holding", afterEnd), Named("joint arrangement", joint) }
                .Where(n => n is not null);
            throw new RegisterRuleException("post-still-in-use",
                $"Still running after {endsOn:yyyy-MM-dd}: {string.Join("; ", named)}. End each on or before that day first, then end the post.",
                "$.endsOn", RuleKind.Conflict);
        }
        foreach (var holding in held.Where(h => h.PostId == Id))
            holding.EndWithPost(endsOn, now);
        EndsOn = endsOn;
        UpdatedAt = now;
    }

    // at most ten named, so the refusal stays short however many there are
    private static string? Named(string what, IReadOnlyList<Guid> ids) => ids.Count switch
    {
        0 => null,
        1 => $"{what} {ids[0]}",
        <= 10 => $"{what}s {string.Join(", ", ids)}",
        _ => $"{what}s {string.Join(", ", ids.Take(10))} and {ids.Count - 10} more",
    };

    public static Post Create(Guid organisationId, string title, string? team, string? holder, DateOnly startsOn, DateOnly? endsOn, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        OrganisationId = organisationId,
        Title = title.Trim(),
        Team = string.IsNullOrWhiteSpace(team) ? null : team.Trim(),
        FirstHolder = string.IsNullOrWhiteSpace(holder) ? null : holder.Trim(),
        StartsOn = startsOn,
        EndsOn = endsOn,
        DatedTitles = [new PostTitle(startsOn, title.Trim(), string.IsNullOrWhiteSpace(team) ? null : team.Trim())],
        CreatedAt = now,
        UpdatedAt = now,
    };
}
