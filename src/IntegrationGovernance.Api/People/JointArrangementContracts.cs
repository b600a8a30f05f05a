namespace IntegrationGovernance.Api.People;

/// <summary>A post held for another organisation too, under an agreement between them (a joint post).</summary>
public sealed record JointArrangementRequest
{
    /// <summary>The organisation the post is also held for (not its employer).</summary>
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70</example>
    public required Guid OrganisationId { get; init; }

    /// <summary>The agreement between the employer and that organisation, active and naming both on every day (under section 113 the employer is a Provider, the other the Host).</summary>
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f90</example>
    public required Guid BasisAgreementId { get; init; }

    /// <example>2008-04-01</example>
    public required DateOnly StartsOn { get; init; }

    /// <example>2011-06-30</example>
    public DateOnly? EndsOn { get; init; }
}

public sealed record JointArrangementResponse
{
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6fa0</example>
    public required Guid Id { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6fc0</example>
    public required Guid PostId { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70</example>
    public required Guid OrganisationId { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f90</example>
    public required Guid BasisAgreementId { get; init; }

    /// <example>2008-04-01</example>
    public required DateOnly StartsOn { get; init; }

    /// <example>2011-06-30</example>
    public DateOnly? EndsOn { get; init; }
}
