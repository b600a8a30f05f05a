namespace IntegrationGovernance.Domain.Agreements;

/// <summary>What a variation changes from its date. Null lists and dates stay as they were.</summary>
public sealed record VariationDetails(
    DateOnly EffectiveOn,
    string Description,
    DateOnly? EndsOn,
    DateOnly? ReviewOn,
    int? NoticeMonths,
    IReadOnlyList<PartyChange> Parties,
    IReadOnlyList<Flexibility>? Flexibilities,
    IReadOnlyList<string>? Services,
    IReadOnlyList<string>? ClientGroups,
    IReadOnlyList<DocumentLink>? Documents)
{
    public VariationDetails Normalised() => this with
    {
        Description = Description.Trim(),
        Services = Services?.Select(s => s.Trim().ToLowerInvariant()).ToList(),
        ClientGroups = ClientGroups?.Select(s => s.Trim().ToLowerInvariant()).ToList(),
        Flexibilities = Flexibilities?.Distinct().ToList(),
    };
}
