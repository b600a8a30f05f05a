using System.ComponentModel.DataAnnotations;
using IntegrationGovernance.Domain.People;

namespace IntegrationGovernance.Api.People;

/// <summary>A person holding a post for a period: substantively, acting or interim.</summary>
public sealed record PostHoldingRequest
{
    /// <summary>Staff number or name of the holder: personal data.</summary>
    /// <example>WHPCT-0201 (illustrative)</example>
    [MaxLength(Post.MaxTextLength)]
    public required string HolderReference { get; init; }

    /// <summary>Substantive (appointed; one at a time), Acting or Interim (covering the post; one at a time, beside the substantive holder).</summary>
    /// <example>Acting</example>
    public required HoldingKind Kind { get; init; }

    /// <summary>The first day, within the post's period.</summary>
    /// <example>2007-04-01</example>
    public required DateOnly StartsOn { get; init; }

    /// <summary>The last day, or null while it runs on (by the post's last day, if it ends).</summary>
    /// <example>2007-09-30</example>
    public DateOnly? EndsOn { get; init; }

    /// <summary>Only for an acting holding: the holder's substantive post, to which they return the day after it ends.</summary>
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6fc3</example>
    public Guid? ReturnsToPostId { get; init; }
}

/// <summary>
/// Who held a post, how and when. <c>holderReference</c> and <c>returnsToPostId</c> (which would point to the person) are
/// null for a caller who may not see the post's holders.
/// </summary>
public sealed record PostHoldingResponse
{
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6ff0</example>
    public required Guid Id { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6fc0</example>
    public required Guid PostId { get; init; }

    /// <summary>Personal data: null unless the caller may see the post's holders (see GetPost).</summary>
    /// <example>WHPCT-0201 (illustrative)</example>
    [MaxLength(Post.MaxTextLength)]
    public string? HolderReference { get; init; }

    /// <example>Acting</example>
    public required HoldingKind Kind { get; init; }

    /// <example>2007-04-01</example>
    public required DateOnly StartsOn { get; init; }

    /// <example>2007-09-30</example>
    public DateOnly? EndsOn { get; init; }

    /// <summary>For an acting holding, the holder's substantive post; null, like the holder, to a caller who may not see it.</summary>
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6fc3</example>
    public Guid? ReturnsToPostId { get; init; }
}

/// <summary>A holding's new end date.</summary>
public sealed record HoldingEndDateRequest
{
    /// <summary>The new last day: earlier to end or shorten it, later to extend it; null for no end date.</summary>
    /// <example>2007-09-30</example>
    public required DateOnly? EndsOn { get; init; }
}
