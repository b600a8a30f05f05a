namespace IntegrationGovernance.Domain.Agreements;

/// <summary>
/// The one definition of what is in force on a day, and the same answer cut into periods. PostgreSQL answers the
/// legal questions from the periods; a property test checks that they agree with <see cref="TermsOn"/>.
/// </summary>
public sealed partial class Agreement
{
    /// <summary>The status in effect on a day: the latest transition in force by then, or Draft before any.</summary>
    public AgreementStatus StatusOn(DateOnly day) =>
        StatusChanges.Where(c => c.InForce && c.EffectiveOn <= day).OrderBy(c => c.EffectiveOn).ThenBy(c => c.Sequence).LastOrDefault()?.Status
        ?? AgreementStatus.Draft;

    /// <summary>
    /// Everything in force on a day: the terms as first agreed, then every variation and novation in force
    /// and effective by then (in date order, then number), then every standing notice effective by then.
    /// An agreement left with fewer than two parties has ended.
    /// </summary>
    public TermsInForce TermsOn(DateOnly day)
    {
        var parties = Parties.ToList();
        IReadOnlyList<Flexibility> flexibilities = Flexibilities;
        IReadOnlyList<string> services = Services, clientGroups = ClientGroups;
        IReadOnlyList<DocumentLink> documents = Documents;
        var (endsOn, reviewOn, noticeMonths) = (EndsOn, ReviewOn, NoticeMonths);
        int? number = null;
        foreach (var variation in Variations.Where(v => v.InForce && v.EffectiveOn <= day).OrderBy(v => v.EffectiveOn).ThenBy(v => v.Number))
        {
            ApplyPartyChanges(parties, variation.Parties);
            flexibilities = variation.Flexibilities ?? flexibilities;
            services = variation.Services ?? services;
            clientGroups = variation.ClientGroups ?? clientGroups;
            documents = variation.Documents ?? documents;
            endsOn = variation.EndsOn ?? endsOn;
            reviewOn = variation.ReviewOn ?? reviewOn;
            noticeMonths = variation.NoticeMonths ?? noticeMonths;
            number = variation.Number;
        }
        var status = StatusOn(day);
        foreach (var notice in Notices.Where(n => n.Standing && n.EffectiveOn <= day))
        {
            if (notice.Kind == NoticeKind.Termination)
                status = AgreementStatus.Terminated;
            else
                parties.RemoveAll(p => p.OrganisationId == notice.OrganisationId);
        }
        if (parties.Count < 2 && status is AgreementStatus.Active or AgreementStatus.Suspended)
            status = AgreementStatus.Terminated;
        var active = CommencesOn <= day && (endsOn is null || day <= endsOn) && status == AgreementStatus.Active;
        return new TermsInForce(status, active, parties, flexibilities, services, clientGroups, documents, endsOn, reviewOn, noticeMonths, number);
    }

    /// <summary>Active on a day: commenced, within its term as then varied, and Active on that day.</summary>
    public bool IsActiveOn(DateOnly day) => TermsOn(day).Active;

    /// <summary>
    /// <see cref="TermsOn"/> cut into periods from commencement: a new period starts on each day something can
    /// change (a transition, variation or notice takes effect, or the day after an end date in force).
    /// </summary>
    public List<TermPeriod> Timeline()
    {
        var changes = StatusChanges.Where(c => c.InForce).Select(c => c.EffectiveOn)
            .Concat(Variations.Where(v => v.InForce).Select(v => v.EffectiveOn))
            .Concat(Notices.Where(n => n.Standing).Select(n => n.EffectiveOn))
            .Append(CommencesOn)
            .Where(d => d >= CommencesOn)
            .ToHashSet();
        // an end date in force in any period makes the day after it a change too
        foreach (var end in changes.ToList().Select(d => TermsOn(d).EndsOn).Append(EndsOn))
        {
            if (end is { } last && last >= CommencesOn && last < DateOnly.MaxValue)
                changes.Add(last.AddDays(1));
        }
        var starts = changes.Order().ToList();
        var periods = new List<TermPeriod>();
        for (var i = 0; i < starts.Count; i++)
        {
            var terms = TermsOn(starts[i]);
            var period = new TermPeriod(starts[i], i + 1 < starts.Count ? starts[i + 1] : null, terms.Status, terms.Active,
                [.. terms.Parties], [.. terms.Flexibilities], [.. terms.Services], [.. terms.ClientGroups],
                terms.EndsOn, terms.ReviewOn, terms.NoticeMonths, terms.VariationNumber);
            if (periods.Count > 0 && SameTerms(periods[^1], period))
                periods[^1] = periods[^1] with { Until = period.Until };
            else
                periods.Add(period);
        }
        return periods;
    }

    /// <summary>The periods as kept; computed from the history for a revision recorded before they were kept.</summary>
    public IReadOnlyList<TermPeriod> Periods => Terms.Count > 0 ? Terms : Timeline();

    /// <summary>The end date in force in the last period: what the register's own checks look at.</summary>
    public DateOnly? LatestEndsOn { get; private set; }

    /// <summary>The review date in force in the last period.</summary>
    public DateOnly? LatestReviewOn { get; private set; }

    private static void ApplyPartyChanges(List<AgreementParty> parties, IEnumerable<PartyChange> changes)
    {
        foreach (var change in changes)
        {
            var index = parties.FindIndex(p => p.OrganisationId == (change.Replaces ?? change.OrganisationId));
            var existing = parties.FindIndex(p => p.OrganisationId == change.OrganisationId);
            if (change.Replaces is not null)
            {
                if (index < 0)
                    continue;
                var role = change.Role ?? parties[index].Role;
                parties.RemoveAt(index);
                existing = parties.FindIndex(p => p.OrganisationId == change.OrganisationId);
                if (existing >= 0)
                    parties[existing] = parties[existing] with { Role = change.Role ?? parties[existing].Role };
                else
                    parties.Insert(Math.Min(index, parties.Count), new AgreementParty(change.OrganisationId, role));
            }
            else if (change.Role is not { } newRole)
                parties.RemoveAll(p => p.OrganisationId == change.OrganisationId);
            else if (existing >= 0)
                parties[existing] = parties[existing] with { Role = newRole };
            else
                parties.Add(new AgreementParty(change.OrganisationId, newRole));
        }
    }

    private static bool SameTerms(TermPeriod a, TermPeriod b) =>
        a.Status == b.Status && a.Active == b.Active && a.EndsOn == b.EndsOn && a.ReviewOn == b.ReviewOn
        && a.NoticeMonths == b.NoticeMonths && a.VariationNumber == b.VariationNumber
        && a.Parties.SequenceEqual(b.Parties) && a.Flexibilities.SequenceEqual(b.Flexibilities)
        && a.Services.SequenceEqual(b.Services) && a.ClientGroups.SequenceEqual(b.ClientGroups);

    /// <summary>Computes the periods again from the history: for agreements recorded before the register kept them.</summary>
    public void RecomputePeriods(DateTimeOffset now) => Touch(now);

    /// <summary>Brings the periods, the parties of every period and the latest terms in step after any change.</summary>
    private void Touch(DateTimeOffset now)
    {
        Terms = Timeline();
        PartyIds = Parties.Select(p => p.OrganisationId)
            .Concat(Terms.SelectMany(t => t.Parties).Select(p => p.OrganisationId))
            .Concat(Variations.SelectMany(v => v.Parties).Select(p => p.OrganisationId)) // proposed parties too: they must be able to accept
            .Distinct().ToList();
        // nothing takes effect after the last period starts, so it holds the latest terms
        LatestEndsOn = Terms[^1].EndsOn;
        LatestReviewOn = Terms[^1].ReviewOn;
        UpdatedAt = now;
    }
}
