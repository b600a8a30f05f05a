using IntegrationGovernance.Domain.Agreements;
using NpgsqlTypes;

namespace IntegrationGovernance.Infrastructure.Agreements;

/// <summary>
/// One party of one period (<see cref="AgreementTermRow"/>), written beside it by the database. "This organisation's
/// agreements, in reference order" is then a walk of one B-tree index on (organisation, reference) that stops at the
/// page's end, instead of collecting and sorting every agreement the organisation was ever a party to.
/// </summary>
public sealed class AgreementPartyTermRow : IAgreementPeriod
{
    public long Id { get; private set; }

    public Guid OrganisationId { get; private set; }

    public PartyRole Role { get; private set; }

    public Guid AgreementId { get; private set; }

    public int RecordedIn { get; private set; }

    public int? SupersededIn { get; private set; }

    public NpgsqlRange<DateOnly> Valid { get; private set; }

    public string Reference { get; private set; } = string.Empty;

    public bool Active { get; private set; }
}
