namespace IntegrationGovernance.Domain.Agreements;

/// <summary>What a client states about an agreement while it is a draft.</summary>
public sealed record AgreementDetails(
    string Reference,
    string Title,
    string? Purpose,
    StatutoryBasis Basis,
    IReadOnlyList<Flexibility> Flexibilities,
    IReadOnlyList<string> Services,
    IReadOnlyList<string> ClientGroups,
    IReadOnlyList<AgreementParty> Parties,
    DateOnly? SignedOn,
    DateOnly CommencesOn,
    DateOnly? EndsOn,
    int? NoticeMonths,
    DateOnly? ReviewOn,
    Guid? ParentId,
    IReadOnlyList<DocumentLink> Documents,
    bool Illustrative)
{
    public AgreementDetails Normalised() => this with
    {
        Reference = Reference.Trim().ToUpperInvariant(),
        Title = Title.Trim(),
        Purpose = string.IsNullOrWhiteSpace(Purpose) ? null : Purpose.Trim(),
        Services = Services.Select(s => s.Trim().ToLowerInvariant()).ToList(),
        ClientGroups = ClientGroups.Select(s => s.Trim().ToLowerInvariant()).ToList(),
        Flexibilities = Flexibilities.Distinct().ToList(),
    };
}
