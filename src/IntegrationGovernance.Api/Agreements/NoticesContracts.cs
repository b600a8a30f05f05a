using System.ComponentModel.DataAnnotations;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Domain.Agreements;

namespace IntegrationGovernance.Api.Agreements;

/// <summary>
/// A party serves notice: of withdrawal (its own part ends) or of termination (the agreement ends). It takes effect
/// when the notice period in force on the day served has run, or on a later date given.
/// </summary>
public sealed record NoticeRequest
{
    /// <summary>The party serving notice; defaults to the organisation the caller acts for (only the administrator names another).</summary>
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70</example>
    public Guid? OrganisationId { get; init; }

    /// <example>Withdrawal</example>
    public required NoticeKind Kind { get; init; }

    /// <example>2025-01-15</example>
    public required DateOnly ServedOn { get; init; }

    /// <summary>A date on or after the end of the notice period; required when no notice period is in force.</summary>
    /// <example>2026-03-31</example>
    public DateOnly? EffectiveOn { get; init; }

    /// <example>Commissioning passes to the ICB's own team.</example>
    [MaxLength(RequestBounds.MaxTextLength)]
    public string? Reason { get; init; }
}

public sealed record NoticeResponse
{
    /// <example>1</example>
    [Range(1, AgreementRules.MaxEntries)]
    public required int Number { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70</example>
    public required Guid OrganisationId { get; init; }

    /// <example>Withdrawal</example>
    public required NoticeKind Kind { get; init; }

    /// <example>2025-01-15</example>
    public required DateOnly ServedOn { get; init; }

    /// <summary>From this day the party is no longer a party (withdrawal) or the agreement is Terminated (termination).</summary>
    /// <example>2026-01-15</example>
    public required DateOnly EffectiveOn { get; init; }

    /// <example>Commissioning passes to the ICB's own team.</example>
    [MaxLength(RequestBounds.MaxTextLength)]
    public string? Reason { get; init; }

    /// <summary>False once withdrawn.</summary>
    /// <example>true</example>
    public required bool Standing { get; init; }

    /// <example>2025-06-01T10:00:00+00:00</example>
    public DateTimeOffset? WithdrawnAt { get; init; }

    /// <example>2026-11-23T12:00:00+00:00</example>
    public required DateTimeOffset RecordedAt { get; init; }
}
