using NpgsqlTypes;

namespace IntegrationGovernance.Infrastructure.Agreements;

/// <summary>
/// An agreement's search document stored and indexed: its reference and title weighted highest, then services, then purpose,
/// in English (the SQL function <c>agreement_search_document</c>), written by the database from the agreement's row in the
/// same transaction (migration <c>AgreementSearchStored</c>). As with its periods (<see cref="AgreementTermRow"/>), a row recorded in revision
/// <see cref="RecordedIn"/> holds until revision <see cref="SupersededIn"/>, so a search can be asked of any moment; each is
/// small, so ranking every match reads only these rows, and only the page's agreements are read whole.
/// </summary>
public sealed class AgreementSearchRow
{
    public long Id { get; private set; }

    public Guid AgreementId { get; private set; }

    public int RecordedIn { get; private set; }

    public int? SupersededIn { get; private set; }

    public string Reference { get; private set; } = string.Empty;

    public NpgsqlTsVector Document { get; private set; } = null!;
}
