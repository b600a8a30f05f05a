using IntegrationGovernance.Domain.Common;
using IntegrationGovernance.Domain.Organisations;

namespace IntegrationGovernance.Domain.Agreements;

/// <summary>The rules a variation must keep: each change well formed, and the terms it leaves lawful under the basis.</summary>
public static partial class AgreementRules
{
    public const int MaxDescriptionLength = 2000;

    /// <param name="change">Normalised details.</param>
    /// <param name="agreement">The agreement varied.</param>
    /// <param name="organisations">Every organisation the party changes name that exists.</param>
    public static IReadOnlyList<RuleViolation> CheckVariation(VariationDetails change, Agreement agreement, IReadOnlyDictionary<Guid, Organisation> organisations)
    {
        var problems = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(change.Description) || change.Description.Length > MaxDescriptionLength)
            problems.Add(new("$.description", $"Say what the variation changes, in at most {MaxDescriptionLength} characters."));
        if (change.EffectiveOn < agreement.CommencesOn)
            problems.Add(new("$.effectiveOn", $"A variation takes effect on or after commencement ({agreement.CommencesOn:yyyy-MM-dd})."));
        if (change.EndsOn is { } end && end < agreement.CommencesOn)
            problems.Add(new("$.endsOn", "The new end date is before commencement."));
        if (change.ReviewOn is { } review && review < agreement.CommencesOn)
            problems.Add(new("$.reviewOn", "The new review date is before commencement."));
        if (change.NoticeMonths is < 0 or > 60)
            problems.Add(new("$.noticeMonths", "A notice period is 0 to 60 months."));
        if (change.Flexibilities?.Any(f => !Enum.IsDefined(f)) == true)
            problems.Add(new("$.flexibilities", $"Flexibilities are: {string.Join(", ", Enum.GetNames<Flexibility>())}."));
        if (change.Services is { } services)
            CheckTerms(services, "$.services", problems);
        if (change.ClientGroups is { } groups)
            CheckTerms(groups, "$.clientGroups", problems);
        if (change.Documents is { } documents)
            CheckDocuments(documents, problems);
        var changesSomething = change.EndsOn is not null || change.ReviewOn is not null || change.NoticeMonths is not null || change.Parties.Count > 0
            || change.Flexibilities is not null || change.Services is not null || change.ClientGroups is not null || change.Documents is not null;
        if (!changesSomething)
            problems.Add(new("$", "A variation changes at least one term: parties, flexibilities, services, client groups, documents, end, review or notice."));
        if (problems.Count > 0)
            return problems;

        var before = agreement.TermsOn(change.EffectiveOn);
        if (!CheckPartyChanges(change, before, organisations, problems))
            return problems;
        var after = agreement.WithVariation(change);
        if (after.EndsOn is { } newEnd && newEnd < agreement.CommencesOn)
            problems.Add(new("$.endsOn", "The end date is before commencement."));
        if (after.Parties.Count < 2)
            problems.Add(new("$.parties", "An agreement has at least two parties."));
        var resulting = agreement.Details with
        {
            Parties = after.Parties,
            Flexibilities = after.Flexibilities,
            Services = after.Services,
            ClientGroups = after.ClientGroups,
        };
        CheckBasis(resulting, after.Parties.Select(p => (p, organisations[p.OrganisationId])).ToList(), problems);
        return problems;
    }

    private static bool CheckPartyChanges(VariationDetails change, TermsInForce before, IReadOnlyDictionary<Guid, Organisation> organisations, List<RuleViolation> problems)
    {
        var known = true;
        var named = new HashSet<Guid>();
        for (var i = 0; i < change.Parties.Count; i++)
        {
            var (party, path) = (change.Parties[i], $"$.parties[{i}]");
            if (party.Role is { } role && !Enum.IsDefined(role))
                problems.Add(new($"{path}.role", "Unknown party role."));
            if (!named.Add(party.OrganisationId) || (party.Replaces is { } r && !named.Add(r)))
                problems.Add(new($"{path}.organisationId", "Each organisation is changed at most once in a variation."));
            if (!organisations.TryGetValue(party.OrganisationId, out var organisation))
            {
                problems.Add(new($"{path}.organisationId", "No organisation with this id."));
                known = false;
                continue;
            }
            var isParty = before.HasParty(party.OrganisationId);
            if (party.Replaces is { } replaced)
            {
                if (replaced == party.OrganisationId)
                    problems.Add(new($"{path}.replaces", "An organisation cannot take its own place."));
                else if (!before.HasParty(replaced))
                    problems.Add(new($"{path}.replaces", $"The organisation replaced is not a party on {change.EffectiveOn:yyyy-MM-dd}."));
            }
            else if (party.Role is null && !isParty)
                problems.Add(new($"{path}.organisationId", $"The organisation removed is not a party on {change.EffectiveOn:yyyy-MM-dd}."));
            else if (party.Role is { } newRole && before.Parties.Any(p => p.OrganisationId == party.OrganisationId && p.Role == newRole))
                problems.Add(new($"{path}.role", $"The organisation already is a {newRole} party."));
            if (!isParty && (party.Role is not null || party.Replaces is not null) && !organisation.Operational.Contains(change.EffectiveOn))
                problems.Add(new($"{path}.organisationId", $"{organisation.Name} is not operating on {change.EffectiveOn:yyyy-MM-dd}."));
        }
        return known && problems.Count == 0;
    }
}
