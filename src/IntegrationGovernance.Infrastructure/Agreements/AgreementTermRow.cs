using IntegrationGovernance.Domain.Agreements;
using NpgsqlTypes;

namespace IntegrationGovernance.Infrastructure.Agreements;

/// <summary>
/// One period of an agreement's terms (<see cref="TermPeriod"/>) as an indexed row, written by the database from the
/// agreement's own row in the same transaction. Rows are never changed but to be superseded: a row recorded in
/// revision <see cref="RecordedIn"/> of the agreement holds until revision <see cref="SupersededIn"/>, so the
/// periods can be read as the register stood at any moment.
/// </summary>
public sealed class AgreementTermRow : IAgreementPeriod
{
    public long Id { get; private set; }

    public Guid AgreementId { get; private set; }

    public int RecordedIn { get; private set; }

    public int? SupersededIn { get; private set; }

    /// <summary>The days of the period: [from, until).</summary>
    public NpgsqlRange<DateOnly> Valid { get; private set; }

    public string Reference { get; private set; } = string.Empty;

    public StatutoryBasis Basis { get; private set; }

    public AgreementStatus Status { get; private set; }

    public bool Active { get; private set; }

    public Guid[] PartyIds { get; private set; } = [];

    /// <summary>Each party as <c>organisation-id:Role</c>; the questions of one organisation read <see cref="AgreementPartyTermRow"/>.</summary>
    public string[] PartyRoles { get; private set; } = [];

    public Guid? HostId { get; private set; }

    public string[] Services { get; private set; } = [];

    public DateOnly? EndsOn { get; private set; }

    public DateOnly? ReviewOn { get; private set; }

    public int? NoticeMonths { get; private set; }

    public int? VariationNumber { get; private set; }
}
