using IntegrationGovernance.Domain.Common;

namespace IntegrationGovernance.Domain.PooledFunds;

/// <summary>
/// A partner's contribution to a fund for a financial year. Contributions are not edited: a changed figure
/// is a new Revised contribution, and the outturn an Actual one.
/// </summary>
public sealed class Contribution
{
    /// <summary>The most contributions one partner records to a fund for a year (a partner's funds and their contributions are read whole).</summary>
    public const int MaxPerPartnerYear = 500;

    /// <summary>The longest note a contribution keeps.</summary>
    public const int MaxNoteLength = 1000;

    private Contribution()
    {
    }

    /// <summary>Refuses a contribution beyond the <see cref="MaxPerPartnerYear"/> the partner has <paramref name="recorded"/> for the year.</summary>
    public static void EnsureRoom(int recorded)
    {
        if (recorded >= MaxPerPartnerYear)
            throw new RegisterRuleException("too-many-entries",
                $"A partner records at most {MaxPerPartnerYear} contributions to a fund for a year, and this one holds as many.", "$.organisationId");
    }

    public Guid Id { get; private set; }

    public Guid FundId { get; private set; }

    public Guid OrganisationId { get; private set; }

    public int FinancialYearStart { get; private set; }

    public ContributionKind Kind { get; private set; }

    public ContributionForm Form { get; private set; }

    public decimal Amount { get; private set; }

    public string? Note { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public FinancialYear FinancialYear => new(FinancialYearStart);

    public static Contribution Record(Guid fundId, Guid organisationId, FinancialYear year, ContributionKind kind, ContributionForm form,
        decimal amount, string? note, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        FundId = fundId,
        OrganisationId = organisationId,
        FinancialYearStart = year.StartYear,
        Kind = kind,
        Form = form,
        Amount = amount,
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
        CreatedAt = now,
    };

    /// <summary>A contribution exactly as the register stored it, for a read that takes its columns straight from PostgreSQL.</summary>
    public static Contribution Stored(Guid id, Guid fundId, Guid organisationId, int financialYearStart, ContributionKind kind, ContributionForm form,
        decimal amount, string? note, DateTimeOffset createdAt) => new()
    {
        Id = id,
        FundId = fundId,
        OrganisationId = organisationId,
        FinancialYearStart = financialYearStart,
        Kind = kind,
        Form = form,
        Amount = amount,
        Note = note,
        CreatedAt = createdAt,
    };
}

/// <summary>
/// One line of a fund's ledger: spending (a positive amount) or income (negative), on a date, unique by its
/// external reference within the fund, so importing a ledger twice never doubles a line.
/// </summary>
public sealed class LedgerLine
{
    public const int MaxReferenceLength = 100;
    public const int MaxCategoryLength = 100;
    public const int MaxDescriptionLength = 500;

    private LedgerLine()
    {
    }

    public long Id { get; private set; }

    public Guid FundId { get; private set; }

    public DateOnly BookedOn { get; private set; }

    public decimal Amount { get; private set; }

    public string Category { get; private set; } = string.Empty;

    public string? Description { get; private set; }

    public string ExternalReference { get; private set; } = string.Empty;

    public int FinancialYearStart { get; private set; }

    /// <summary>P1 (April) to P12 (March).</summary>
    public int Period { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The booking (one line, or one import) the line came in with; null for lines booked before bookings were kept.</summary>
    public Guid? BookingId { get; private set; }

    /// <summary>
    /// The external reference of the line of the same fund this one corrects, when it is a correction: a closed period
    /// takes no new lines, so a line found wrong there is put right by one booked in an open period that names it.
    /// </summary>
    public string? Corrects { get; private set; }

    public static LedgerLine Book(LedgerBooking booking, DateOnly on, decimal amount, string category, string? description, string externalReference,
        string? corrects = null)
    {
        var line = new LedgerLine
        {
            FundId = booking.FundId,
            BookingId = booking.Id,
            BookedOn = on,
            Amount = amount,
            Category = category.Trim(),
            Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim(),
            ExternalReference = externalReference.Trim(),
            FinancialYearStart = FinancialYear.Of(on).StartYear,
            Period = FinancialYear.PeriodOf(on),
            CreatedAt = booking.CreatedAt,
            Corrects = string.IsNullOrWhiteSpace(corrects) ? null : corrects.Trim(),
        };
        booking.Count(line);
        return line;
    }

    /// <summary>Why a line cannot be booked to a fund, field by field (JSON names, without a path prefix).</summary>
    public static IEnumerable<(string Field, string Message)> Problems(
        DateOnly? on, decimal? amount, string? category, string? description, string? externalReference, DateOnly fundStarts, DateOnly? fundEnds)
    {
        if (on is not { } day)
            yield return ("date", "A date (yyyy-mm-dd) is required.");
        else if (day < fundStarts || (fundEnds is { } end && day > end))
            yield return ("date", $"The fund runs from {fundStarts:yyyy-MM-dd}{(fundEnds is { } e ? $" to {e:yyyy-MM-dd}" : string.Empty)}.");
        if (amount is not { } money || money == 0 || !Money.IsAccepted(money))
            yield return ("amount", $"A non-zero amount in pounds, at most {Money.MaxWritten} either way, with at most two decimal places (spend positive, income negative).");
        if (string.IsNullOrWhiteSpace(category) || category.Length > MaxCategoryLength)
            yield return ("category", $"A category or scheme is required, at most {MaxCategoryLength} characters.");
        if (description is { Length: > MaxDescriptionLength })
            yield return ("description", $"A description is at most {MaxDescriptionLength} characters.");
        if (string.IsNullOrWhiteSpace(externalReference) || externalReference.Length > MaxReferenceLength)
            yield return ("externalReference", $"The ledger's own reference for the line is required, at most {MaxReferenceLength} characters.");
    }

    /// <summary>Why <paramref name="corrects"/> cannot name the line a line corrects (JSON names); blank is no correction.</summary>
    public static IEnumerable<(string Field, string Message)> CorrectionProblems(string? corrects, string? externalReference)
    {
        if (string.IsNullOrWhiteSpace(corrects))
            yield break;
        if (corrects.Trim().Length > MaxReferenceLength)
            yield return ("corrects", $"The external reference of the line corrected is at most {MaxReferenceLength} characters.");
        else if (string.Equals(corrects.Trim(), externalReference?.Trim(), StringComparison.Ordinal))
            yield return ("corrects", "A line does not correct itself: name the external reference of the line it corrects.");
    }

    /// <summary>What a correction is told when the fund's ledger (or the file it comes in) holds no line it could correct.</summary>
    public static string CorrectedLineMissing(string corrects, bool inImport = false) =>
        $"{(inImport ? "Neither the fund's ledger nor this file holds a" : "The fund's ledger holds no")} line with external reference '{corrects.Trim()}': "
        + "a correction names a line of the same fund.";

    /// <exception cref="RegisterRuleException">The line named is not in the fund's ledger (422, naming <c>$.corrects</c>).</exception>
    public static void EnsureCorrectedLineHeld(string? corrects, bool held)
    {
        if (!string.IsNullOrWhiteSpace(corrects) && !held)
            throw new RegisterRuleException("corrected-line-not-found", CorrectedLineMissing(corrects), "$.corrects");
    }
}
