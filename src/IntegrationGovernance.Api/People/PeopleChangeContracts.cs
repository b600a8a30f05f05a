using System.ComponentModel.DataAnnotations;
using IntegrationGovernance.Domain.People;

namespace IntegrationGovernance.Api.People;

/// <summary>The last day of a post, an accountability line or a joint arrangement.</summary>
public sealed record EndRequest
{
    /// <summary>The last day it runs.</summary>
    /// <example>2020-03-31</example>
    public required DateOnly EndsOn { get; init; }

    /// <summary>
    /// True when a later end than the one already recorded is meant. Without it, ending a record that had already ended
    /// earlier is refused: it would bring the record back for the days between.
    /// </summary>
    /// <example>false</example>
    public bool Extend { get; init; }
}

/// <summary>A post's new title or team, or both, from a date until the next change recorded after it (or the post's end).</summary>
public sealed record PostChangeRequest
{
    /// <summary>The first day of the new title or team, within the post's period. A change from a day that already has one replaces it.</summary>
    /// <example>2020-04-01</example>
    public required DateOnly EffectiveOn { get; init; }

    /// <summary>The title from that day; left out, the title in force that day stays.</summary>
    /// <example>Head of Integrated Commissioning</example>
    [MaxLength(Post.MaxTextLength)]
    public string? Title { get; init; }

    /// <summary>The team from that day; left out, the team in force that day stays; empty, the post has no team from then.</summary>
    /// <example>Keynsham locality</example>
    [MaxLength(Post.MaxTextLength)]
    public string? Team { get; init; }
}

/// <summary>One title and team of a post, and the days it held.</summary>
public sealed record PostTitleResponse
{
    /// <example>2013-04-01</example>
    public required DateOnly StartsOn { get; init; }

    /// <summary>The day before the next change, or the post's last day; null while it runs on.</summary>
    /// <example>2020-03-31</example>
    public DateOnly? EndsOn { get; init; }

    /// <example>Clinical Services Manager</example>
    [MaxLength(Post.MaxTextLength)]
    public required string Title { get; init; }

    /// <example>Dacorum locality</example>
    [MaxLength(Post.MaxTextLength)]
    public string? Team { get; init; }
}

/// <summary>A secondment's new end date.</summary>
public sealed record SecondmentEndDateRequest
{
    /// <summary>The new last day: earlier to end or shorten it, later to extend it; null for no end date.</summary>
    /// <example>2016-03-31</example>
    public required DateOnly? EndsOn { get; init; }
}
