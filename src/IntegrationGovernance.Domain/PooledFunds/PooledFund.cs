using IntegrationGovernance.Domain.Common;

namespace IntegrationGovernance.Domain.PooledFunds;

/// <summary>
/// A pooled fund under an agreement that uses the pooled-fund flexibility, hosted by the agreement's Host
/// party, whose officer manages it. Partners contribute per financial year; spending is booked to its ledger.
/// </summary>
public sealed class PooledFund : IVersionedRecord
{
    /// <summary>The longest name or manager a fund keeps.</summary>
    public const int MaxTextLength = 200;

    /// <summary>Every fund is kept in pounds sterling.</summary>
    public const string Pounds = "GBP";

    private PooledFund()
    {
    }

    public Guid Id { get; private set; }

    public Guid AgreementId { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public Guid HostOrganisationId { get; private set; }

    /// <summary>The pooled fund manager: a post title or name in the host.</summary>
    public string? Manager { get; private set; }

    public string Currency { get; private set; } = Pounds;

    public DateOnly StartsOn { get; private set; }

    public DateOnly? EndsOn { get; private set; }

    /// <summary>The risk-share rule of each financial year that has one; the latest earlier one applies otherwise.</summary>
    public List<RiskShare> RiskShares { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public uint Version { get; private set; }

    public static PooledFund Create(Guid agreementId, string name, Guid host, string? manager, DateOnly startsOn, DateOnly? endsOn, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        AgreementId = agreementId,
        Name = name.Trim(),
        HostOrganisationId = host,
        Manager = string.IsNullOrWhiteSpace(manager) ? null : manager.Trim(),
        StartsOn = startsOn,
        EndsOn = endsOn,
        CreatedAt = now,
        UpdatedAt = now,
    };

    /// <summary>Sets the risk share for a financial year, replacing any earlier rule for that year.</summary>
    public IReadOnlyList<RuleViolation> SetRiskShare(RiskShare share, IReadOnlyCollection<Guid> parties, DateTimeOffset now)
    {
        var problems = PooledFundRules.CheckRiskShare(share, parties);
        if (problems.Count > 0)
            return problems;
        RiskShares.RemoveAll(r => r.FinancialYearStart == share.FinancialYearStart);
        RiskShares.Add(share);
        RiskShares.Sort((a, b) => a.FinancialYearStart.CompareTo(b.FinancialYearStart));
        UpdatedAt = now;
        return [];
    }

    /// <summary>The rule for a year: its own, else the latest earlier one, else in proportion to contributions.</summary>
    public RiskShare RiskShareFor(FinancialYear year) => RiskShare.For(RiskShares, year);

    /// <summary>What a statement of the fund's figures names it by, and its risk shares.</summary>
    public FundHeading Heading => new(Id, Name, AgreementId, RiskShares);
}
