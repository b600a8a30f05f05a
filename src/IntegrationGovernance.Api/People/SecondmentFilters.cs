using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Domain.Common;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationGovernance.Api.People;

/// <summary>The compliance questions the secondments list answers (<c>GET /secondments</c>); they combine.</summary>
public sealed record SecondmentFilters
{
    /// <summary>Only secondments of this organisation.</summary>
    [FromQuery(Name = "organisationId")]
    public Guid? OrganisationId { get; init; }

    /// <summary>With organisationId: In (it hosts), Out (it employs) or Either (default).</summary>
    [FromQuery(Name = "direction")]
    public SecondmentDirection? Direction { get; init; }

    /// <summary>Only secondments running on this date.</summary>
    [FromQuery(Name = "activeOn")]
    public DateOnly? ActiveOn { get; init; }

    /// <summary>Only secondments that outlast their authorising agreement: it is not active on their last day (it ends, is terminated or expires before).</summary>
    [FromQuery(Name = "agreementEndsFirst")]
    public bool? AgreementEndsFirst { get; init; }

    /// <summary>Only secondments ending within this many days of <c>on</c> (0 to 3660).</summary>
    [FromQuery(Name = "endingWithinDays")]
    public int? EndingWithinDays { get; init; }

    /// <summary>The day endingWithinDays counts from (default today in London).</summary>
    [FromQuery(Name = "on")]
    public DateOnly? On { get; init; }

    /// <summary>Answer as the register stood at this moment (UTC date-time): the secondments and agreements as then recorded.</summary>
    [FromQuery(Name = "asOf")]
    public DateTimeOffset? AsOf { get; init; }

    public IEnumerable<RuleViolation> Validate()
    {
        if (EndingWithinDays is < 0 or > RequestBounds.MaxWithinDays)
            yield return new RuleViolation("endingWithinDays", $"Between 0 and {RequestBounds.MaxWithinDays} days.");
    }
}

public enum SecondmentDirection
{
    Either,
    In,
    Out,
}
