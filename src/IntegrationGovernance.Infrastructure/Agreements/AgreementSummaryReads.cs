using IntegrationGovernance.Domain.Agreements;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Infrastructure.Agreements;

/// <summary>An agreement's own columns, without its history, and its period in force on a day (none before commencement).</summary>
public sealed record AgreementSummaryRow(
    Guid Id, string Reference, string Title, StatutoryBasis Basis, AgreementStatus Status, DateOnly CommencesOn, DateOnly? LatestEndsOn,
    DateOnly? LatestReviewOn, List<Guid> PartyIds, Guid? ParentId, bool Illustrative, InForceRow? InForce);

/// <summary>What an agreement's period row (<see cref="AgreementTermRow"/>) says is in force.</summary>
public sealed record InForceRow(
    bool Active, AgreementStatus Status, string[] PartyRoles, Guid? HostId, string[] Services, DateOnly? EndsOn, DateOnly? ReviewOn,
    int? NoticeMonths, int? VariationNumber)
{
    /// <summary>The parties, read from the row's <c>organisation-id:Role</c> pairs (as the database writes them).</summary>
    public IReadOnlyList<AgreementParty> Parties => PartyRoles.Select(pair =>
    {
        var colon = pair.IndexOf(':');
        return new AgreementParty(Guid.Parse(pair.AsSpan(0, colon)), Enum.Parse<PartyRole>(pair.AsSpan(colon + 1)));
    }).ToList();
}

public static class AgreementSummaryReads
{
    /// <summary>
    /// The summaries of <paramref name="agreements"/>, in reference order, each with its period containing <paramref name="day"/> among
    /// <paramref name="terms"/> (now, or as the register stood): one statement, no history column read.
    /// </summary>
    public static Task<List<AgreementSummaryRow>> SummariesAsync(
        this IQueryable<Agreement> agreements, IQueryable<AgreementTermRow> terms, DateOnly day, CancellationToken cancellationToken) =>
        // a left join, not a FirstOrDefault, so PostgreSQL looks up each agreement's period by its index: an agreement's periods
        // never overlap, so at most one holds the day
        (from a in agreements
         join period in terms.Where(t => t.Valid.Contains(day)) on a.Id equals period.AgreementId into held
         from t in held.DefaultIfEmpty()
         orderby a.Reference
         select new AgreementSummaryRow(
             a.Id, a.Reference, a.Title, a.Basis, a.Status, a.CommencesOn, a.LatestEndsOn, a.LatestReviewOn, a.PartyIds, a.ParentId, a.Illustrative,
             t == null ? null : new InForceRow(t.Active, t.Status, t.PartyRoles, t.HostId, t.Services, t.EndsOn, t.ReviewOn, t.NoticeMonths, t.VariationNumber)))
        .ToListAsync(cancellationToken);

    /// <summary>The variations of each of <paramref name="ids"/> among <paramref name="agreements"/> (to say through whom a party came to be one).</summary>
    public static Task<Dictionary<Guid, List<Variation>>> VariationsAsync(
        this IQueryable<Agreement> agreements, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        agreements.Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.Variations }).ToDictionaryAsync(a => a.Id, a => a.Variations, cancellationToken);
}
