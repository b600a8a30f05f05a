using IntegrationGovernance.Domain.Common;

namespace IntegrationGovernance.Domain.PooledFunds;

public enum LedgerPeriodState
{
    Open,
    Closed,
}

/// <summary>
/// A month period of a fund's ledger that its host has closed (and perhaps an admin has reopened since). A period
/// with no such record is open. It is a register record: each close and reopening is a revision, audited and in the
/// change feed, so the periods read <c>asOf</c> a moment are those closed then. A closed period takes no new ledger
/// lines; a correction is booked in an open period, naming the line it corrects (<see cref="LedgerLine.Corrects"/>).
/// </summary>
public sealed class LedgerPeriod : IVersionedRecord
{
    public const int MaxReasonLength = 1000;

    private LedgerPeriod()
    {
    }

    public Guid Id { get; private set; }

    public Guid FundId { get; private set; }

    public int FinancialYearStart { get; private set; }

    /// <summary>P1 (April) to P12 (March).</summary>
    public int Period { get; private set; }

    public LedgerPeriodState State { get; private set; }

    /// <summary>When it was last closed.</summary>
    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>Who last closed it: the token subject.</summary>
    public string? ClosedBy { get; private set; }

    /// <summary>The organisation the closer acted for (the fund's host; none for an admin acting for no one).</summary>
    public Guid? ClosedByOrganisationId { get; private set; }

    /// <summary>When an admin last reopened it.</summary>
    public DateTimeOffset? ReopenedAt { get; private set; }

    public string? ReopenedBy { get; private set; }

    /// <summary>Why it was last reopened.</summary>
    public string? ReopenReason { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public uint Version { get; private set; }

    public MonthPeriod MonthPeriod => PooledFunds.MonthPeriod.Of(new FinancialYear(FinancialYearStart), Period);

    /// <summary>Only the fund's host closes its periods: a caller acting for it, or an admin.</summary>
    public static bool MayBeClosedBy(PooledFund fund, Actor actor) => actor.ActsFor(fund.HostOrganisationId);

    /// <summary>
    /// Closes <paramref name="period"/> of <paramref name="fund"/>: the record of it (<paramref name="recorded"/>, when it was
    /// closed before and reopened), or a new one. Who may close it is <see cref="MayBeClosedBy"/>, checked before.
    /// </summary>
    /// <exception cref="RegisterRuleException">The fund does not run in the period (422), or it is already closed (409).</exception>
    public static LedgerPeriod Close(LedgerPeriod? recorded, PooledFund fund, MonthPeriod period, string closedBy, Guid? closedFor, DateTimeOffset now)
    {
        if (!period.Overlaps(fund.StartsOn, fund.EndsOn))
            throw new RegisterRuleException("period-outside-fund",
                $"The fund runs from {fund.StartsOn:yyyy-MM-dd}{(fund.EndsOn is { } end ? $" to {end:yyyy-MM-dd}" : string.Empty)}: {period} is not one of its periods.", "period");
        if (recorded is { State: LedgerPeriodState.Closed })
            throw new RegisterRuleException("period-already-closed",
                $"{period} is already closed (since {recorded.ClosedAt:yyyy-MM-ddTHH:mm:ssZ}, by {recorded.ClosedBy}).", kind: RuleKind.Conflict);
        if (recorded is not null && (recorded.FundId != fund.Id || recorded.MonthPeriod != period))
            throw new ArgumentException("The record is of another period.", nameof(recorded));
        var closing = recorded ?? new LedgerPeriod
        {
            Id = Guid.CreateVersion7(now),
            FundId = fund.Id,
            FinancialYearStart = period.Year.StartYear,
            Period = period.Number,
            CreatedAt = now,
        };
        closing.State = LedgerPeriodState.Closed;
        closing.ClosedAt = now;
        closing.ClosedBy = closedBy;
        closing.ClosedByOrganisationId = closedFor;
        closing.UpdatedAt = now;
        return closing;
    }

    /// <summary>Why a reopening cannot be recorded with this reason (JSON names, without a path prefix).</summary>
    public static IEnumerable<(string Field, string Message)> ReopenProblems(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > MaxReasonLength)
            yield return ("reason", $"Why the period is reopened is required, at most {MaxReasonLength} characters.");
    }

    /// <summary>Reopens a closed period, saying why (see <see cref="ReopenProblems"/>); a period never closed, or open again, cannot be.</summary>
    /// <exception cref="RegisterRuleException">The period is not closed (409).</exception>
    public static LedgerPeriod Reopen(LedgerPeriod? recorded, MonthPeriod period, string reopenedBy, string reason, DateTimeOffset now)
    {
        if (ReopenProblems(reason).Any())
            throw new ArgumentException("A reopening says why.", nameof(reason));
        if (recorded is not { State: LedgerPeriodState.Closed })
            throw new RegisterRuleException("period-not-closed", $"{period} is open: only a closed period is reopened.", kind: RuleKind.Conflict);
        recorded.State = LedgerPeriodState.Open;
        recorded.ReopenedAt = now;
        recorded.ReopenedBy = reopenedBy;
        recorded.ReopenReason = reason.Trim();
        recorded.UpdatedAt = now;
        return recorded;
    }
}

/// <summary>A month period of a fund's year, with its record if it was ever closed: open unless that record says closed.</summary>
public sealed record LedgerPeriodStatus(Guid FundId, MonthPeriod Period, LedgerPeriod? Record)
{
    public LedgerPeriodState State => Record?.State ?? LedgerPeriodState.Open;

    /// <summary>The twelve periods of a fund's year, P1 to P12, each with its record among <paramref name="recorded"/>.</summary>
    public static IReadOnlyList<LedgerPeriodStatus> OfYear(Guid fundId, FinancialYear year, IEnumerable<LedgerPeriod> recorded)
    {
        var byPeriod = recorded.Where(p => p.FundId == fundId && p.FinancialYearStart == year.StartYear).ToDictionary(p => p.Period);
        return Enumerable.Range(1, 12).Select(n => new LedgerPeriodStatus(fundId, MonthPeriod.Of(year, n), byPeriod.GetValueOrDefault(n))).ToList();
    }
}

/// <summary>The periods of a fund closed now (or at a moment), for checking a booking's dates against.</summary>
public sealed class ClosedPeriods
{
    private readonly HashSet<MonthPeriod> _closed;

    public ClosedPeriods(IEnumerable<MonthPeriod> closed) => _closed = closed.ToHashSet();

    public static ClosedPeriods Of(IEnumerable<LedgerPeriod> recorded) =>
        new(recorded.Where(p => p.State == LedgerPeriodState.Closed).Select(p => p.MonthPeriod));

    public bool Contains(DateOnly day) => _closed.Contains(MonthPeriod.Of(day));

    /// <summary>Why a line dated <paramref name="day"/> cannot be booked, or null when its period is open.</summary>
    public string? Refusal(DateOnly? day) => day is { } on && Contains(on)
        ? $"{MonthPeriod.Of(on)} is closed and takes no new lines. Book a correction in an open period, with corrects naming the line it corrects."
        : null;

    /// <exception cref="RegisterRuleException">The day's period is closed (409, naming <c>$.date</c>).</exception>
    public void EnsureOpen(DateOnly day)
    {
        if (Refusal(day) is { } refusal)
            throw new RegisterRuleException("period-closed", refusal, "$.date", RuleKind.Conflict);
    }
}
