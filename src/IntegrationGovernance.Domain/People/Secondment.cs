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
