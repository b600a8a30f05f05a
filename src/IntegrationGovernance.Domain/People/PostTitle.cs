namespace IntegrationGovernance.Domain.People;

/// <summary>What a post is called, and the team or locality it sits in, from a date until the next change or the post's end.</summary>
public sealed record PostTitle(DateOnly From, string Title, string? Team);

/// <summary>One period of a post's title and team: its first and last day (null while the post runs on).</summary>
public sealed record PostTitlePeriod(DateOnly StartsOn, DateOnly? EndsOn, string Title, string? Team);
