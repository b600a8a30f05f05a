using NpgsqlTypes;

namespace IntegrationGovernance.Infrastructure.Agreements;

/// <summary>What every period row holds, so the questions of a day are asked the same way of periods and of their parties.</summary>
public interface IAgreementPeriod
{
    Guid AgreementId { get; }

    /// <summary>The days of the period: [from, until).</summary>
    NpgsqlRange<DateOnly> Valid { get; }

    string Reference { get; }

    bool Active { get; }
}
