using System.ComponentModel.DataAnnotations;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Domain.PooledFunds;

namespace IntegrationGovernance.Api.PooledFunds;

/// <summary>The currencies funds are kept in: pounds sterling only.</summary>
public sealed class Currencies : IValueSet
{
    public static string SchemaName => "Currency";

    public static IReadOnlyList<string> All { get; } = [PooledFund.Pounds];
}

/// <summary>A new pooled fund under an agreement that uses the pooled-fund flexibility.</summary>
public sealed record PooledFundRequest
{
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f90</example>
    public required Guid AgreementId { get; init; }

    /// <example>0-5 public health pooled budget</example>
    [MaxLength(PooledFund.MaxTextLength)]
    public required string Name { get; init; }

    /// <summary>The agreement's Host party.</summary>
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70</example>
    public required Guid HostOrganisationId { get; init; }

    /// <summary>The pooled fund manager: a post title or name in the host.</summary>
    /// <example>Director of Public Health</example>
    [MaxLength(PooledFund.MaxTextLength)]
    public string? Manager { get; init; }

    /// <example>2015-10-01</example>
    public required DateOnly StartsOn { get; init; }

    /// <example>2016-03-31</example>
    public DateOnly? EndsOn { get; init; }
}

public sealed record PooledFundResponse
{
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6fa0</example>
    public required Guid Id { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f90</example>
    public required Guid AgreementId { get; init; }

    /// <example>0-5 public health pooled budget</example>
    [MaxLength(PooledFund.MaxTextLength)]
    public required string Name { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70</example>
    public required Guid HostOrganisationId { get; init; }

    /// <example>Director of Public Health</example>
    [MaxLength(PooledFund.MaxTextLength)]
    public string? Manager { get; init; }

    /// <example>GBP</example>
    [OneOf<Currencies>]
    public required string Currency { get; init; }

    /// <example>2015-10-01</example>
    public required DateOnly StartsOn { get; init; }

    /// <example>2016-03-31</example>
    public DateOnly? EndsOn { get; init; }

    [MaxLength(Domain.PooledFunds.FinancialYear.MaxYears)]

    public required IReadOnlyList<RiskShareResponse> RiskShares { get; init; }

    /// <example>2026-11-23T12:00:00+00:00</example>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <example>2026-11-23T12:00:00+00:00</example>
    public required DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>How a year-end overspend or underspend is split between partners.</summary>
public sealed record RiskShareRequest
{
    /// <example>Percentages</example>
    public required RiskShareMethod Method { get; init; }

    /// <summary>For Percentages: each partner's share, adding to 100 for an overspend and for an underspend.</summary>
    [MaxLength(RequestBounds.MaxParties)]
    public IReadOnlyList<PartnerShareContract> Shares { get; init; } = [];
}

public sealed record RiskShareResponse
{
    /// <example>2015-16</example>
    [MaxLength(Domain.PooledFunds.FinancialYear.Length)]
    [RegularExpression(Domain.PooledFunds.FinancialYear.Pattern, ErrorMessage = Domain.PooledFunds.FinancialYear.Problem)]
    public required string FinancialYear { get; init; }

    /// <example>Percentages</example>
    public required RiskShareMethod Method { get; init; }

    [MaxLength(RequestBounds.MaxParties)]

    public required IReadOnlyList<PartnerShareContract> Shares { get; init; }
}

public sealed record PartnerShareContract
{
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70</example>
    public required Guid OrganisationId { get; init; }

    /// <example>60</example>
    [Range(0, 100)]
    public required decimal OverspendPercent { get; init; }

    /// <example>50</example>
    [Range(0, 100)]
    public required decimal UnderspendPercent { get; init; }
}

/// <summary>A partner's contribution for a financial year.</summary>
public sealed record ContributionRequest
{
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70</example>
    public required Guid OrganisationId { get; init; }

    /// <example>2015-16</example>
    [MaxLength(Domain.PooledFunds.FinancialYear.Length)]
    public required string FinancialYear { get; init; }

    /// <example>Planned</example>
    public required ContributionKind Kind { get; init; }

    /// <example>Cash</example>
    public ContributionForm Form { get; init; } = ContributionForm.Cash;

    /// <summary>Pounds, 0 to 999,999,999,999.99, at most two decimal places.</summary>
    /// <example>2453000.00</example>
    [Range(typeof(decimal), "0", Money.MaxText, ParseLimitsInInvariantCulture = true, ErrorMessage = Domain.PooledFunds.Money.OutOfRange)]
    public required decimal Amount { get; init; }

    /// <example>Part-year allocation, October 2015 to March 2016</example>
    [MaxLength(RequestBounds.MaxTextLength)]
    public string? Note { get; init; }
}

public sealed record ContributionResponse
{
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6fb0</example>
    public required Guid Id { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6fa0</example>
    public required Guid FundId { get; init; }

    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70</example>
    public required Guid OrganisationId { get; init; }

    /// <example>2015-16</example>
    [MaxLength(Domain.PooledFunds.FinancialYear.Length)]
    [RegularExpression(Domain.PooledFunds.FinancialYear.Pattern, ErrorMessage = Domain.PooledFunds.FinancialYear.Problem)]
    public required string FinancialYear { get; init; }

    /// <example>Planned</example>
    public required ContributionKind Kind { get; init; }

    /// <example>Cash</example>
    public required ContributionForm Form { get; init; }

    /// <example>2453000.00</example>
    public required decimal Amount { get; init; }

    /// <example>Part-year allocation, October 2015 to March 2016</example>
    [MaxLength(Contribution.MaxNoteLength)]
    public string? Note { get; init; }

    /// <example>2026-11-23T12:00:00+00:00</example>
    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>One ledger line: spend positive, income negative.</summary>
public sealed record LedgerLineRequest
{
    /// <example>2015-10-31</example>
    [Required(ErrorMessage = "A date (yyyy-mm-dd) is required.")]
    public DateOnly? Date { get; init; }

    /// <summary>Pounds, spend positive and income negative, non-zero, at most 999,999,999,999.99 either way and two decimal places.</summary>
    /// <example>204416.67</example>
    [Range(typeof(decimal), Money.MinText, Money.MaxText, ParseLimitsInInvariantCulture = true, ErrorMessage = Domain.PooledFunds.Money.OutOfRange)]
    [Required(ErrorMessage = "An amount is required.")]
    public decimal? Amount { get; init; }

    /// <example>Health visiting</example>
    [MaxLength(LedgerLine.MaxCategoryLength)]
    [Required(ErrorMessage = "A category or scheme is required.")]
    public string? Category { get; init; }

    /// <example>October contract payment to BCPFT</example>
    [MaxLength(LedgerLine.MaxDescriptionLength)]
    public string? Description { get; init; }

    /// <summary>The ledger's own reference, unique within the fund.</summary>
    /// <example>AP-2015-10-0042</example>
    [MaxLength(LedgerLine.MaxReferenceLength)]
    [Required(ErrorMessage = "The ledger's own reference for the line is required.")]
    public string? ExternalReference { get; init; }

    /// <summary>
    /// For a correction: the external reference of the line of this fund it corrects (perhaps in a closed period, which
    /// takes no new lines). The correction itself is dated in an open period. Leave out (or blank) for an ordinary line.
    /// </summary>
    /// <example>AP-2015-06-0017</example>
    [MaxLength(LedgerLine.MaxReferenceLength)]
    public string? Corrects { get; init; }
}

public sealed record LedgerLineResponse
{
    /// <example>1042</example>
    [Range(typeof(long), "1", "9223372036854775807")]
    public required long Id { get; init; }

    /// <example>2015-10-31</example>
    public required DateOnly Date { get; init; }

    /// <example>204416.67</example>
    public required decimal Amount { get; init; }

    /// <example>Health visiting</example>
    [MaxLength(LedgerLine.MaxCategoryLength)]
    public required string Category { get; init; }

    /// <example>October contract payment to BCPFT</example>
    [MaxLength(LedgerLine.MaxDescriptionLength)]
    public string? Description { get; init; }

    /// <example>AP-2015-10-0042</example>
    [MaxLength(LedgerLine.MaxReferenceLength)]
    public required string ExternalReference { get; init; }

    /// <example>2015-16</example>
    [MaxLength(Domain.PooledFunds.FinancialYear.Length)]
    [RegularExpression(Domain.PooledFunds.FinancialYear.Pattern, ErrorMessage = Domain.PooledFunds.FinancialYear.Problem)]
    public required string FinancialYear { get; init; }

    /// <example>7</example>
    [Range(PeriodRange.First, PeriodRange.Last)]
    public required int Period { get; init; }

    /// <summary>The booking the line came in with (one line, or one import): its entry in the audit trail and the change feed is under <c>ledger_bookings</c> and this id. Null for lines booked before bookings were kept.</summary>
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6fd0</example>
    public Guid? BookingId { get; init; }

    /// <summary>For a correction, the external reference of the line of this fund it corrects; null otherwise.</summary>
    /// <example>AP-2015-06-0017</example>
    [MaxLength(LedgerLine.MaxReferenceLength)]
    public string? Corrects { get; init; }
}

/// <summary>The report of a bulk import: what was added, what the ledger already held, or every rejected row.</summary>
public sealed record LedgerImportReport
{
    /// <example>false</example>
    public required bool DryRun { get; init; }

    /// <example>10000</example>
    [Range(0, Imports.ImportFile.MaxRows)]
    public required int Rows { get; init; }

    /// <example>9990</example>
    [Range(0, Imports.ImportFile.MaxRows)]
    public required int Added { get; init; }

    /// <summary>Rows whose external reference the ledger already held: a repeated import adds nothing.</summary>
    /// <example>10</example>
    [Range(0, Imports.ImportFile.MaxRows)]
    public required int AlreadyRecorded { get; init; }

    /// <example>1234567.89</example>
    public required decimal AddedTotal { get; init; }

    /// <summary>The booking the lines came in with, audited and in the change feed under <c>ledger_bookings</c>; null on a dry run.</summary>
    /// <example>0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6fd0</example>
    public Guid? BookingId { get; init; }
}
