using IntegrationGovernance.Domain.Common;

namespace IntegrationGovernance.Domain.People;

public enum KeptBy
{
    Employer,
    Host,
}

/// <summary>
/// A person employed by one organisation and seconded to, or placed at the disposal of, another under an
/// agreement that names both. The employer keeps terms and conditions and professional supervision unless
/// the record says otherwise. The holder reference is personal data.
/// </summary>
public sealed class Secondment : IVersionedRecord
{
    private Secondment()
    {
    }

    public Guid Id { get; private set; }

    public string HolderReference { get; private set; } = string.Empty;

    public Guid EmployerId { get; private set; }

    public Guid HostId { get; private set; }

    public Guid AgreementId { get; private set; }

    public DateOnly StartsOn { get; private set; }

    public DateOnly? EndsOn { get; private set; }

    public decimal Fte { get; private set; }

    public KeptBy TermsAndConditionsKeptBy { get; private set; }

    public KeptBy ProfessionalSupervisionKeptBy { get; private set; }

    public Guid? HostPostId { get; private set; }

    /// <summary>What the host pays back each year, in pounds, if recharged by amount.</summary>
    public decimal? RechargePerYear { get; private set; }

    /// <summary>The share of the cost the host pays back, in percent, if recharged by share.</summary>
    public decimal? RechargePercent { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public uint Version { get; private set; }

    /// <summary>True when the secondment still runs on some day after <paramref name="day"/>.</summary>
    public bool RunsPast(DateOnly day) => EndsOn is null || EndsOn > day;

    /// <summary>Why a secondment cannot run in a host post from <paramref name="startsOn"/> to <paramref name="endsOn"/>, or null when it can.</summary>
    public static string? HostPostProblem(Post hostPost, DateOnly startsOn, DateOnly? endsOn)
    {
        if (!hostPost.Period.Contains(startsOn))
            return $"The host post does not exist on {startsOn:yyyy-MM-dd}, when the secondment begins.";
        if (hostPost.EndsOn is { } last && (endsOn is null || endsOn > last))
            return $"The host post ends on {last:yyyy-MM-dd}; the secondment in it ends by then.";
        return null;
    }

    /// <summary>The request's own fault in a new end date: before the start.</summary>
    public IReadOnlyList<RuleViolation> CheckEndDate(DateOnly? endsOn) =>
        endsOn < StartsOn ? [new("$.endsOn", $"The secondment starts on {StartsOn:yyyy-MM-dd}; it cannot end before it starts.")] : [];

    /// <summary>
    /// Ends, shortens or extends the secondment (null: no end date). Shortening is always allowed: it claims no day the
    /// register did not already hold. A longer secondment must, for its whole new period, rest on its authorising agreement
    /// (<see cref="PlacementBasis.ForSecondment"/>) and fit in its host post.
    /// </summary>
    /// <param name="endsOn">The new last day, or null for none.</param>
    /// <param name="agreement">The authorising agreement, as the register holds it now.</param>
    /// <param name="hostPost">The host post, when the secondment is placed in one.</param>
    /// <param name="now">When the change is made.</param>
    public void ChangeEndDate(DateOnly? endsOn, Agreements.Agreement? agreement, Post? hostPost, DateTimeOffset now)
    {
        var longer = EndsOn is { } before && (endsOn is null || endsOn > before);
        if (longer)
        {
            if (PlacementBasis.ForSecondment(agreement, EmployerId, HostId, StartsOn, endsOn) is { } missing)
                throw new RegisterRuleException("authorising-agreement-required", missing, "$.endsOn");
            if (hostPost is not null && HostPostProblem(hostPost, StartsOn, endsOn) is { } outside)
                throw new RegisterRuleException("outside-host-post", outside, "$.endsOn");
        }
        EndsOn = endsOn;
        UpdatedAt = now;
    }

    public static IReadOnlyList<RuleViolation> Check(string holder, Guid employer, Guid host, DateOnly startsOn, DateOnly? endsOn, decimal fte,
        decimal? rechargePerYear, decimal? rechargePercent)
    {
        var problems = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(holder) || holder.Length > 200)
            problems.Add(new("$.holderReference", "A holder reference (staff number or name) is required, at most 200 characters."));
        if (employer == host)
            problems.Add(new("$.hostId", "A secondment is to another organisation than the employer."));
        if (endsOn is { } end && end < startsOn)
            problems.Add(new("$.endsOn", "The end date is before the start date."));
        if (fte is <= 0 or > 1 || decimal.Round(fte, 2) != fte)
            problems.Add(new("$.fte", "FTE is more than 0 and at most 1.00, to two places."));
        if (rechargePerYear is not null && rechargePercent is not null)
            problems.Add(new("$.rechargePercent", "Give a recharge as an amount per year or as a percentage of cost, not both."));
        if (rechargePerYear is < 0 || (rechargePerYear is { } amount && !PooledFunds.Money.IsAccepted(amount)))
            problems.Add(new("$.rechargePerYear", $"A recharge is an amount in pounds from 0 to {PooledFunds.Money.MaxWritten}, to the penny."));
        if (rechargePercent is < 0 or > 100)
            problems.Add(new("$.rechargePercent", "A recharge share is between 0 and 100 percent."));
        return problems;
    }

    public static Secondment Create(string holder, Guid employer, Guid host, Guid agreement, DateOnly startsOn, DateOnly? endsOn, decimal fte,
        KeptBy terms, KeptBy supervision, Guid? hostPost, decimal? rechargePerYear, decimal? rechargePercent, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        HolderReference = holder.Trim(),
        EmployerId = employer,
        HostId = host,
        AgreementId = agreement,
        StartsOn = startsOn,
        EndsOn = endsOn,
        Fte = fte,
        TermsAndConditionsKeptBy = terms,
        ProfessionalSupervisionKeptBy = supervision,
        HostPostId = hostPost,
        RechargePerYear = rechargePerYear,
        RechargePercent = rechargePercent,
        CreatedAt = now,
        UpdatedAt = now,
    };
}
