using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Infrastructure.Persistence;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Infrastructure.Agreements;

/// <summary>
/// The questions legal teams ask, as SQL over the agreements' periods (<see cref="AgreementTermRow"/>): each is "is
/// there a period of this agreement, containing the day asked about, in which ...", served by the indexes on them.
/// </summary>
public static class AgreementQueries
{
    private static readonly AgreementStatus[] Running = [AgreementStatus.Active, AgreementStatus.Suspended];

    /// <summary>
    /// The periods in force now, or, with <paramref name="asOf"/>, as the register stood then: for each agreement, the
    /// rows of the latest revision that had become visible by that moment.
    /// </summary>
    public static IQueryable<AgreementTermRow> TermsAt(this RegisterDbContext db, DateTimeOffset? asOf) => asOf is not { } moment
        ? db.AgreementTerms.AsNoTracking().Where(t => t.SupersededIn == null)
        : db.AgreementTerms.FromSqlRaw(KnownAt("agreement_terms"), moment.ToUniversalTime()).AsNoTracking();

    /// <summary>The parties of the periods in force now, or as the register stood at <paramref name="asOf"/>.</summary>
    public static IQueryable<AgreementPartyTermRow> PartyTermsAt(this RegisterDbContext db, DateTimeOffset? asOf) => asOf is not { } moment
        ? db.AgreementPartyTerms.AsNoTracking().Where(t => t.SupersededIn == null)
        : db.AgreementPartyTerms.FromSqlRaw(KnownAt("agreement_party_terms"), moment.ToUniversalTime()).AsNoTracking();

    // the rows of each agreement's latest revision committed by the moment ({0}); the table is one kept beside agreements
    private static string KnownAt(string table) => $"""
        SELECT t.*
        FROM {table} t
        JOIN revisions known ON known.record_id = t.agreement_id AND {RecordHistory.IsLatestAt("known", "agreements", "{0}")}
        WHERE t.recorded_in <= known.revision AND (t.superseded_in IS NULL OR t.superseded_in > known.revision)
        """;

    /// <summary>The agreements' search documents now, or as the register stood at <paramref name="asOf"/>.</summary>
    public static IQueryable<AgreementSearchRow> SearchAt(this RegisterDbContext db, DateTimeOffset? asOf) => asOf is not { } moment
        ? db.AgreementSearch.AsNoTracking().Where(t => t.SupersededIn == null)
        : db.AgreementSearch.FromSqlRaw(KnownAt("agreement_search"), moment.ToUniversalTime()).AsNoTracking();

    /// <summary>Periods containing <paramref name="day"/>.</summary>
    public static IQueryable<T> On<T>(this IQueryable<T> terms, DateOnly day) where T : IAgreementPeriod =>
        terms.Where(t => t.Valid.Contains(day));

    /// <summary>Periods in which the agreement is active (commenced, within its term as then varied, status Active).</summary>
    public static IQueryable<T> Active<T>(this IQueryable<T> terms) where T : IAgreementPeriod => terms.Where(t => t.Active);

    /// <summary>The organisation's part in the periods, in any role or in <paramref name="role"/>.</summary>
    public static IQueryable<AgreementPartyTermRow> Of(this IQueryable<AgreementPartyTermRow> parties, Guid organisationId, PartyRole? role) =>
        role is { } wanted
            ? parties.Where(p => p.OrganisationId == organisationId && p.Role == wanted)
            : parties.Where(p => p.OrganisationId == organisationId);

    /// <summary>Periods in which any of <paramref name="organisationIds"/> is a party (array overlap, served by a GIN index).</summary>
    public static IQueryable<AgreementTermRow> WithAnyParty(this IQueryable<AgreementTermRow> terms, Guid[] organisationIds) =>
        terms.Where(t => t.PartyIds.Any(id => organisationIds.Contains(id)));

    /// <summary>Periods whose services in force include <paramref name="service"/> (as the register keeps them: trimmed, lower case).</summary>
    public static IQueryable<AgreementTermRow> WithService(this IQueryable<AgreementTermRow> terms, string service) =>
        terms.Where(t => t.Services.Contains(service));

    /// <summary>Running (active or suspended) on the day, with the end date then in force within the window.</summary>
    public static IQueryable<AgreementTermRow> Expiring(this IQueryable<AgreementTermRow> terms, DateOnly on, DateOnly until) =>
        terms.On(on).Where(t => Running.Contains(t.Status) && t.EndsOn >= on && t.EndsOn <= until);

    /// <summary>Not finished on the day, with the review date then in force within the window.</summary>
    public static IQueryable<AgreementTermRow> ReviewDue(this IQueryable<AgreementTermRow> terms, DateOnly on, DateOnly until) =>
        terms.On(on).Where(t => t.Status != AgreementStatus.Terminated && t.Status != AgreementStatus.Expired && t.ReviewOn >= on && t.ReviewOn <= until);

    /// <summary>
    /// Agreements not finished on the day with the review date then in force within the window. The periods start at
    /// commencement; before it an agreement is a draft or approved, never finished, and its terms are those first agreed
    /// (variations take effect from commencement, novations change only parties), so its own review date answers.
    /// </summary>
    public static IQueryable<Agreement> ReviewDue(this IQueryable<Agreement> agreements, IQueryable<AgreementTermRow> terms, DateOnly on, DateOnly until)
    {
        var periods = terms.ReviewDue(on, until);
        return agreements.Where(a => periods.Any(t => t.AgreementId == a.Id) || (on < a.CommencesOn && a.ReviewOn >= on && a.ReviewOn <= until));
    }

    /// <summary>Still running on the day although the end date then in force has passed, with no termination or expiry recorded.</summary>
    public static IQueryable<AgreementTermRow> Overdue(this IQueryable<AgreementTermRow> terms, DateOnly on) =>
        terms.On(on).Where(t => Running.Contains(t.Status) && t.EndsOn < on);

    /// <summary>
    /// A page of the agreements with at least one of these periods, in reference order after <paramref name="afterReference"/>:
    /// found among the period rows, which carry their agreement's reference, so only the page's agreements are read.
    /// </summary>
    /// <param name="agreements">The agreements, now or as the register stood.</param>
    /// <param name="periods">The periods asked about.</param>
    /// <param name="oneDay">True when the periods hold one day: an agreement then has at most one of them.</param>
    /// <param name="afterReference">The last reference of the previous page.</param>
    /// <param name="take">At most this many.</param>
    public static IQueryable<Agreement> PageOfPeriods<T>(this IQueryable<Agreement> agreements, IQueryable<T> periods,
        bool oneDay, string? afterReference, int take) where T : IAgreementPeriod
    {
        var keys = periods.Select(t => new { t.AgreementId, t.Reference });
        if (!oneDay)
            keys = keys.Distinct();
        if (afterReference is not null)
            keys = keys.Where(k => string.Compare(k.Reference, afterReference) > 0);
        return keys.OrderBy(k => k.Reference).Take(take)
            .Join(agreements, k => k.AgreementId, a => a.Id, (k, a) => new { Agreement = a, k.Reference })
            .OrderBy(x => x.Reference)
            .Select(x => x.Agreement);
    }

    /// <summary>Agreements with at least one of these periods.</summary>
    public static IQueryable<Agreement> Having<T>(this IQueryable<Agreement> agreements, IQueryable<T> periods) where T : IAgreementPeriod =>
        agreements.Where(a => periods.Any(t => t.AgreementId == a.Id));

    /// <summary>
    /// The ids of every agreement under an over-arching one, at any depth up to <paramref name="maxDepth"/> levels, read level
    /// by level from <paramref name="agreements"/> (now, or as the register stood), so each level is one indexed query of ids alone.
    /// </summary>
    public static async Task<List<Guid>> DescendantIdsAsync(this IQueryable<Agreement> agreements, Guid id, int maxDepth, CancellationToken cancellationToken)
    {
        var found = new List<Guid>();
        var seen = new HashSet<Guid> { id };
        var parents = new[] { id };
        for (var depth = 0; depth < maxDepth && parents.Length > 0; depth++)
        {
            var level = await agreements.Where(a => a.ParentId != null && parents.Contains(a.ParentId.Value)).Select(a => a.Id).ToListAsync(cancellationToken);
            parents = level.Where(seen.Add).ToArray();
            found.AddRange(parents);
        }
        return found;
    }
}
