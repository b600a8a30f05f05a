using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Common;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationGovernance.Api.Agreements;

/// <summary>
/// The questions the agreements list answers (<c>GET /agreements</c>); they combine, each judged by what was in force on the
/// day it names, and with <c>asOf</c> by the register as it stood then.
/// </summary>
public sealed record AgreementFilters
{
    public const int MaxWithinDays = RequestBounds.MaxWithinDays;

    /// <summary>Only agreements active on this date (status, term and parties then in force).</summary>
    [FromQuery(Name = "activeOn")]
    public DateOnly? ActiveOn { get; init; }

    /// <summary>Only agreements this organisation is a party to (on <c>activeOn</c>, when given).</summary>
    [FromQuery(Name = "organisationId")]
    public Guid? OrganisationId { get; init; }

    /// <summary>With organisationId: only where it has this role (on <c>activeOn</c>, when given).</summary>
    [FromQuery(Name = "role")]
    public PartyRole? Role { get; init; }

    /// <summary>Only agreements under this statutory basis.</summary>
    [FromQuery(Name = "basis")]
    public StatutoryBasis? Basis { get; init; }

    /// <summary>Only agreements whose recorded status (the latest transition, whatever its date) is this.</summary>
    [FromQuery(Name = "status")]
    public AgreementStatus? Status { get; init; }

    /// <summary>Only agreements providing this service (e.g. health visiting): on <c>activeOn</c> when given, among the services then in force (as varied); else among those first agreed.</summary>
    [FromQuery(Name = "service")]
    public string? Service { get; init; }

    /// <summary>Only the agreements directly under this over-arching agreement.</summary>
    [FromQuery(Name = "parentId")]
    public Guid? ParentId { get; init; }

    /// <summary>Only agreements running on <c>on</c> whose end date then in force falls within this many days of it (0 to 3660).</summary>
    [FromQuery(Name = "expiringWithinDays")]
    public int? ExpiringWithinDays { get; init; }

    /// <summary>Only agreements not finished on <c>on</c> whose review date then in force falls within this many days of it (0 to 3660).</summary>
    [FromQuery(Name = "reviewWithinDays")]
    public int? ReviewWithinDays { get; init; }

    /// <summary>Only agreements still running on <c>on</c> past the end date then in force, with no termination or expiry recorded.</summary>
    [FromQuery(Name = "overdue")]
    public bool? Overdue { get; init; }

    /// <summary>The day the expiring, review and overdue questions count from (default: today in London).</summary>
    [FromQuery(Name = "on")]
    public DateOnly? On { get; init; }

    /// <summary>Full-text search over reference, title, purpose and services; results ranked best first.</summary>
    [FromQuery(Name = "q")]
    public string? Q { get; init; }

    /// <summary>Read the register as it stood at this moment (UTC date-time).</summary>
    [FromQuery(Name = "asOf")]
    public DateTimeOffset? AsOf { get; init; }

    /// <summary>Whether any question is asked of the agreements themselves, beyond their periods (dates, parties, roles).</summary>
    public bool AsksOfAgreements => Basis is not null || Status is not null || !string.IsNullOrWhiteSpace(Service) || ParentId is not null
        || ExpiringWithinDays is not null || ReviewWithinDays is not null || Overdue == true;

    public IEnumerable<RuleViolation> Validate()
    {
        if (ExpiringWithinDays is < 0 or > MaxWithinDays)
            yield return new RuleViolation("expiringWithinDays", $"Between 0 and {MaxWithinDays} days.");
        if (ReviewWithinDays is < 0 or > MaxWithinDays)
            yield return new RuleViolation("reviewWithinDays", $"Between 0 and {MaxWithinDays} days.");
        if (Role is not null && OrganisationId is null)
            yield return new RuleViolation("role", "A role filter needs organisationId.");
    }
}

/// <summary>Which of the agreements that bind an organisation to list (<c>GET /organisations/{id}/agreements</c>).</summary>
public sealed record BindingAgreementFilters
{
    /// <summary>Only agreements active on this date with the organisation a party that day.</summary>
    [FromQuery(Name = "activeOn")]
    public DateOnly? ActiveOn { get; init; }

    /// <summary>Include agreements the organisation took over from predecessors by novation (default true).</summary>
    [FromQuery(Name = "includePredecessors")]
    public bool? IncludePredecessors { get; init; }

    /// <summary>Answer as the register stood at this moment (UTC date-time).</summary>
    [FromQuery(Name = "asOf")]
    public DateTimeOffset? AsOf { get; init; }
}
