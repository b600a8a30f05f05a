namespace IntegrationGovernance.Domain.PooledFunds;

/// <summary>
/// One partner's contributions of one form (cash or in kind) for a financial year, as they now stand: the latest
/// recorded figure of each kind. A later figure of a kind replaces the earlier one, whether it is a revision or a
/// correction; figures are never added together. Null is a kind with no figure recorded.
/// </summary>
public sealed record ContributionFigures(decimal? Planned, decimal? Revised, decimal? Actual)
{
    public static readonly ContributionFigures None = new(null, null, null);

    /// <summary>The figure that counts: the actual if one is recorded, else the revised, else the planned, else nothing.</summary>
    public decimal Effective => Actual ?? Revised ?? Planned ?? 0m;

    /// <summary>The kind <see cref="Effective"/> comes from, or null when nothing is recorded.</summary>
    public ContributionKind? EffectiveKind =>
        Actual is not null ? ContributionKind.Actual
        : Revised is not null ? ContributionKind.Revised
        : Planned is not null ? ContributionKind.Planned
        : null;

    /// <summary>
    /// The latest figure of each kind among <paramref name="recorded"/>, all of one partner, year and form: latest
    /// by when it was recorded (then by id, for two recorded in the same microsecond).
    /// </summary>
    public static ContributionFigures Latest(IEnumerable<Contribution> recorded)
    {
        var latest = recorded
            .GroupBy(c => c.Kind)
            .ToDictionary(g => g.Key, g => g.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).Last().Amount);
        return new ContributionFigures(
            latest.TryGetValue(ContributionKind.Planned, out var planned) ? planned : null,
            latest.TryGetValue(ContributionKind.Revised, out var revised) ? revised : null,
            latest.TryGetValue(ContributionKind.Actual, out var actual) ? actual : null);
    }
}
