using IntegrationGovernance.Domain.Agreements;

namespace IntegrationGovernance.Domain.People;

/// <summary>
/// Whether an agreement is the basis of something that joins two organisations' staff for a period: a line between
/// their posts, or a secondment of one's staff to the other. The agreement must be active on every day of the period
/// and name both as parties throughout, read from its periods, so a successor that took a party's place by novation
/// counts from the novation's date and the body it replaced no longer does. Under section 113 the direction matters
/// too: its Host is the body at whose disposal staff are placed, its Providers the bodies whose staff are placed.
/// </summary>
public static class PlacementBasis
{
    /// <summary>
    /// Why an agreement cannot be the basis of a line between posts of two organisations, or null when it can. Under
    /// section 113 one of them is the Host and the other a Provider, either way round: a placed officer may manage the
    /// host's staff or be managed by them.
    /// </summary>
    public static string? ForLine(Agreement? agreement, Guid first, Guid second, DateOnly startsOn, DateOnly? endsOn) =>
        Problem(agreement, first, second, startsOn, endsOn, (period, from) =>
        {
            var (a, b) = (RoleOf(period, first), RoleOf(period, second));
            return (a, b) is (PartyRole.Host, PartyRole.Provider) or (PartyRole.Provider, PartyRole.Host)
                ? null
                : $"Under section 113, agreement {agreement!.Reference} places staff of its Provider at the disposal of its Host; on {from:yyyy-MM-dd} "
                    + "these organisations are not its Host and a Provider.";
        });

    /// <summary>
    /// Why an agreement cannot be the basis of a secondment from <paramref name="employer"/> to <paramref name="host"/>,
    /// or null when it can. Under section 113 the employer is a Provider (its staff are placed) and the host the Host.
    /// </summary>
    public static string? ForSecondment(Agreement? agreement, Guid employer, Guid host, DateOnly startsOn, DateOnly? endsOn) =>
        Problem(agreement, employer, host, startsOn, endsOn, (period, from) =>
            RoleOf(period, employer) == PartyRole.Provider && RoleOf(period, host) == PartyRole.Host
                ? null
                : $"Under section 113, agreement {agreement!.Reference} places staff of its Provider at the disposal of its Host; on {from:yyyy-MM-dd} "
                    + "the employer is not a Provider of it or the host is not its Host, so it does not place these staff this way.");

    /// <summary>
    /// Why an agreement cannot be the basis of a post of <paramref name="employer"/> held jointly for <paramref name="partner"/>,
    /// or null when it can: as for a line across organisations, active and naming both on every day; under section 113 the
    /// employer is a Provider (its officer is placed) and the partner the Host (at whose disposal the officer is placed).
    /// </summary>
    public static string? ForJointPost(Agreement? agreement, Guid employer, Guid partner, DateOnly startsOn, DateOnly? endsOn) =>
        Problem(agreement, employer, partner, startsOn, endsOn, (period, from) =>
            RoleOf(period, employer) == PartyRole.Provider && RoleOf(period, partner) == PartyRole.Host
                ? null
                : $"Under section 113, agreement {agreement!.Reference} places staff of its Provider at the disposal of its Host; on {from:yyyy-MM-dd} "
                    + "the post's employer is not a Provider of it or the organisation it is held for is not its Host.",
            "A joint post needs a basis agreement between its employer and the organisation it is also held for; none was given.");

    private static string? Problem(Agreement? agreement, Guid first, Guid second, DateOnly startsOn, DateOnly? endsOn,
        Func<TermPeriod, DateOnly, string?> section113Direction,
        string none = "A line or placement across organisations needs a basis agreement between them (e.g. a section 113 arrangement); none was given.")
    {
        if (agreement is null)
            return none;
        var periods = agreement.Periods.Overlapping(startsOn, endsOn).ToList();
        if (periods.Count == 0 || periods[0].From > startsOn || !periods[0].Active)
            return $"Agreement {agreement.Reference} is not active on {startsOn:yyyy-MM-dd}, when this begins.";
        foreach (var period in periods)
        {
            var from = period.From > startsOn ? period.From : startsOn;
            if (!period.Active)
                return period.Status is AgreementStatus.Active
                    ? $"Agreement {agreement.Reference} is not active for the whole period{(endsOn is { } e ? $" (to {e:yyyy-MM-dd})" : " (this has no end date, the agreement does)")}."
                    : $"Agreement {agreement.Reference} is not active for the whole period: it became {period.Status} on {from:yyyy-MM-dd}.";
            if (!period.Parties.Any(p => p.OrganisationId == first) || !period.Parties.Any(p => p.OrganisationId == second))
                return $"Agreement {agreement.Reference} does not name both organisations as parties on {from:yyyy-MM-dd}.";
            if (agreement.Basis == StatutoryBasis.Section113LocalGovernmentAct1972 && section113Direction(period, from) is { } wrong)
                return wrong;
        }
        return null;
    }

    private static PartyRole? RoleOf(TermPeriod period, Guid organisation) =>
        period.Parties.FirstOrDefault(p => p.OrganisationId == organisation)?.Role;
}
