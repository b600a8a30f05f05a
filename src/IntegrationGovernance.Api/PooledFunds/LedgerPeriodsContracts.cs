using System.ComponentModel.DataAnnotations;
using IntegrationGovernance.Api.RecordKeeping;
using IntegrationGovernance.Domain.PooledFunds;

namespace IntegrationGovernance.Api.PooledFunds;

/// <summary>
/// One month period of a fund's ledger: open, or closed by the fund's host (and perhaps reopened since by an admin).
/// A closed period takes no new ledger lines.
/// </summary>
public sealed record LedgerPeriodResponse
{
    /// <summary>The record of the period's close, under <c>ledger_periods</c> in the audit trail and the change feed (its history: <c>/ledger-periods/{id}/history</c>); null for a period never closed.</summary>
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6fe0</example>
    public Guid? Id { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6fa0</example>
    public required Guid FundId { get; init; }

    /// <example>2015-16</example>
    [MaxLength(Domain.PooledFunds.FinancialYear.Length)]
    [RegularExpression(Domain.PooledFunds.FinancialYear.Pattern, ErrorMessage = Domain.PooledFunds.FinancialYear.Problem)]
    public required string FinancialYear { get; init; }

    /// <summary>1 (April) to 12 (March).</summary>
    /// <example>3</example>
    [Range(PeriodRange.First, PeriodRange.Last)]
    public required int Period { get; init; }

    /// <example>2015-06-01</example>
    public required DateOnly StartsOn { get; init; }

    /// <example>2015-06-30</example>
    public required DateOnly EndsOn { get; init; }

    /// <example>Closed</example>
    public required LedgerPeriodState State { get; init; }

    /// <summary>When it was last closed.</summary>
    /// <example>2015-07-10T16:30:00+00:00</example>
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>Who last closed it: the token subject.</summary>
    /// <example>finance-officer</example>
    [MaxLength(Revisions.MaxActorLength)]
    public string? ClosedBy { get; init; }

    /// <summary>The organisation the closer acted for: the fund's host (null for an admin acting for no organisation).</summary>
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70</example>
    public Guid? ClosedByOrganisationId { get; init; }

    /// <summary>When an admin last reopened it.</summary>
    /// <example>2015-07-20T09:00:00+00:00</example>
    public DateTimeOffset? ReopenedAt { get; init; }

    /// <example>register-admin</example>
    [MaxLength(Revisions.MaxActorLength)]
    public string? ReopenedBy { get; init; }

    /// <example>The June payroll journal was posted to the wrong cost centre.</example>
    [MaxLength(LedgerPeriod.MaxReasonLength)]
    public string? ReopenReason { get; init; }
}

/// <summary>Why a closed period is reopened: kept with the period's record and in the audit trail.</summary>
public sealed record ReopenLedgerPeriodRequest
{
    /// <example>The June payroll journal was posted to the wrong cost centre.</example>
    [MaxLength(LedgerPeriod.MaxReasonLength)]
    public required string Reason { get; init; }
}
