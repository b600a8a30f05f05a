using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Infrastructure.Agreements;

/// <summary>The questions legal teams ask, as SQL over the agreements table.</summary>
public static class AgreementQueries
{
    /// <summary>
    /// Active on a day, decided by PostgreSQL the way <see cref="Agreement.IsActiveOn"/> decides it: commenced,
    /// not past the end date in force that day (the latest variation setting one, else the original), and the
    /// latest status change effective by then is Active.
    /// </summary>
    public static IQueryable<Agreement> ActiveOn(this IQueryable<Agreement> agreements, DateOnly day) =>
        agreements.Where(a =>
            a.CommencesOn <= day
            && a.StatusChanges.Any(c => c.Status == AgreementStatus.Active && c.EffectiveOn <= day
                && !a.StatusChanges.Any(later => later.EffectiveOn <= day
                    && (later.EffectiveOn > c.EffectiveOn || (later.EffectiveOn == c.EffectiveOn && later.Sequence > c.Sequence))))
            && (a.Variations.Any(v => v.EffectiveOn <= day && v.EndsOn != null)
                ? a.Variations.Any(v => v.EffectiveOn <= day && v.EndsOn != null && v.EndsOn >= day
                    && !a.Variations.Any(later => later.EffectiveOn <= day && later.EndsOn != null && later.Number > v.Number))
                : a.EndsOn == null || a.EndsOn >= day));

    /// <summary>Agreements any of these organisations is a party to (array overlap, served by a GIN index).</summary>
    public static IQueryable<Agreement> WithAnyParty(this IQueryable<Agreement> agreements, Guid[] organisationIds) =>
        agreements.Where(a => a.PartyIds.Any(id => organisationIds.Contains(id)));

    /// <summary>Every agreement under an over-arching one, at any depth, in one recursive query.</summary>
    public static IQueryable<Agreement> Descendants(this RegisterDbContext db, Guid id) =>
        db.Agreements.FromSqlInterpolated($"""
            WITH RECURSIVE tree AS (
                SELECT id FROM agreements WHERE parent_id = {id}
              UNION
                SELECT a.id FROM agreements a JOIN tree t ON a.parent_id = t.id
            )
            SELECT *, xmin FROM agreements WHERE id IN (SELECT id FROM tree)
            """);
}
