using IntegrationGovernance.Domain.Common;

namespace IntegrationGovernance.Domain.Agreements;

/// <summary>Numbered variations of any term, the consent they need, and novations under successions.</summary>
public sealed partial class Agreement
{
    /// <summary>The terms in force on the variation's date as they would be with it, ignoring later changes.</summary>
    public TermsInForce WithVariation(VariationDetails change)
    {
        var before = TermsOn(change.EffectiveOn);
        var parties = before.Parties.ToList();
        ApplyPartyChanges(parties, change.Parties);
        return before with
        {
            Parties = parties,
            Flexibilities = change.Flexibilities ?? before.Flexibilities,
            Services = change.Services ?? before.Services,
            ClientGroups = change.ClientGroups ?? before.ClientGroups,
            Documents = change.Documents ?? before.Documents,
            EndsOn = change.EndsOn ?? before.EndsOn,
            ReviewOn = change.ReviewOn ?? before.ReviewOn,
            NoticeMonths = change.NoticeMonths ?? before.NoticeMonths,
        };
    }

    /// <summary>
    /// Adds the next numbered variation of an approved, active or suspended agreement, from details already checked
    /// by <see cref="AgreementRules.CheckVariation"/>. The actor's organisation must be a party before and after it.
    /// Every organisation it adds, removes or gives another role, other than the actor's, must accept it before it is
    /// in force (<see cref="AcceptVariation"/>); the administrator records what was agreed, so needs no acceptance.
    /// </summary>
    public Variation Vary(VariationDetails change, Actor actor, DateTimeOffset now)
    {
        if (Status is not (AgreementStatus.Approved or AgreementStatus.Active or AgreementStatus.Suspended))
            throw new RegisterRuleException("variation-not-allowed",
                $"An agreement that is {Status} cannot be varied{(Status == AgreementStatus.Draft ? "; revise the draft instead" : string.Empty)}.",
                kind: RuleKind.Conflict);
        var before = TermsOn(change.EffectiveOn);
        if (before.Status is AgreementStatus.Terminated or AgreementStatus.Expired)
            throw new RegisterRuleException("variation-after-end", $"On {change.EffectiveOn:yyyy-MM-dd} the agreement is {before.Status}.", "$.effectiveOn");
        if (Variations.LastOrDefault(v => v.Kind == VariationKind.Variation) is { } previous && change.EffectiveOn < previous.EffectiveOn)
            throw new RegisterRuleException("variation-out-of-order",
                $"Variation {previous.Number} took effect on {previous.EffectiveOn:yyyy-MM-dd}; the next cannot take effect earlier.", "$.effectiveOn");
        EnsureRoom(Variations, "variations and novations");
        EnsurePartiesEver(change.Parties.Select(p => p.OrganisationId));
        var after = WithVariation(change);
        if (!actor.IsAdministrator && !(before.HasParty(actor.OrganisationId!.Value) && after.HasParty(actor.OrganisationId.Value)))
            throw new RegisterRuleException("party-before-and-after",
                $"Your organisation must be a party on {change.EffectiveOn:yyyy-MM-dd} both before and after the variation; to leave, serve notice of withdrawal.",
                "$.parties");

        var affected = before.Parties.Where(p => after.Parties.FirstOrDefault(a => a.OrganisationId == p.OrganisationId)?.Role != p.Role)
            .Select(p => p.OrganisationId)
            .Concat(after.Parties.Where(p => !before.HasParty(p.OrganisationId)).Select(p => p.OrganisationId))
            .Distinct();
        var waitingFor = actor.IsAdministrator ? [] : affected.Where(id => id != actor.OrganisationId).ToList();
        var variation = new Variation(Variations.Count + 1, change.EffectiveOn, change.Description, change.EndsOn, change.ReviewOn, change.NoticeMonths, now)
        {
            Kind = VariationKind.Variation,
            Parties = [.. change.Parties],
            Flexibilities = change.Flexibilities?.ToList(),
            Services = change.Services?.ToList(),
            ClientGroups = change.ClientGroups?.ToList(),
            Documents = change.Documents?.ToList(),
            ProposedBy = actor.OrganisationId,
            AwaitingConsentOf = waitingFor,
        };
        Variations.Add(variation);
        Touch(now);
        return variation;
    }

    /// <summary>An organisation a proposed variation waits for accepts it; when the last one does, it is in force from its date.</summary>
    public void AcceptVariation(int number, Guid organisationId, DateTimeOffset now)
    {
        var index = Variations.FindIndex(v => v.Number == number);
        if (index < 0)
            throw new RegisterRuleException("no-such-variation", $"The agreement has no variation {number}.", kind: RuleKind.Conflict);
        var variation = Variations[index];
        var (awaiting, accepted) = Accept(variation.AwaitingConsentOf, variation.AcceptedBy, organisationId, $"Variation {number}");
        Variations[index] = variation with { AwaitingConsentOf = awaiting, AcceptedBy = accepted };
        Touch(now);
    }

    /// <summary>
    /// True when <paramref name="predecessorId"/> is a party on <paramref name="on"/> and the agreement is still in being
    /// then, so a succession on that day must say who takes its place.
    /// </summary>
    public bool NeedsTransfer(Guid predecessorId, DateOnly on)
    {
        if (on < CommencesOn)
            return Parties.Any(p => p.OrganisationId == predecessorId);
        var terms = TermsOn(on);
        return terms.HasParty(predecessorId)
            && terms.Status is not (AgreementStatus.Terminated or AgreementStatus.Expired)
            && (terms.EndsOn is null || terms.EndsOn >= on);
    }

    /// <summary>
    /// Carries out a succession: from its date, <paramref name="successorId"/> takes the predecessor's place (or, with
    /// none named, the predecessor's part ends and no one takes it, until a transfer is named). A statutory transfer
    /// needs no party's consent. Returns false when there is nothing to do: already done, or the predecessor is no party then.
    /// </summary>
    public bool Novate(Guid successionId, DateOnly effectiveOn, Guid predecessorId, Guid? successorId, string description, DateTimeOffset now)
    {
        var done = Variations.Where(v => v.SuccessionId == successionId && v.Parties.Any(p => p.Replaces == predecessorId || p.OrganisationId == predecessorId)).ToList();
        if (done.Any(v => v.Parties.Any(p => p.Replaces == predecessorId)) || (done.Count > 0 && successorId is null))
            return false;
        if (done.Count > 0)
        {
            // the transfer is named after the succession left the part with no one: the successor joins in the predecessor's role
            var role = TermsOn(effectiveOn.AddDays(-1)).Parties.FirstOrDefault(p => p.OrganisationId == predecessorId)?.Role
                ?? Parties.First(p => p.OrganisationId == predecessorId).Role;
            if (done.Any(v => v.Parties.Any(p => p.OrganisationId == successorId)))
                return false;
            AddNovation(successionId, effectiveOn, description, new PartyChange(successorId!.Value, role, null), now);
            return true;
        }
        if (!NeedsTransfer(predecessorId, effectiveOn))
            return false;
        AddNovation(successionId, effectiveOn, description,
            successorId is { } successor ? new PartyChange(successor, null, predecessorId) : new PartyChange(predecessorId, null, null), now);
        return true;
    }

    /// <summary>The successions carried out on this agreement whose predecessor's part no successor has taken yet.</summary>
    public IEnumerable<Variation> UnassignedTransfers =>
        Variations.Where(v => v.Kind == VariationKind.Novation && v.Parties.All(p => p.Role is null && p.Replaces is null))
            .Where(v => !Variations.Any(other => other.SuccessionId == v.SuccessionId && other.Number != v.Number
                && other.Parties.Any(p => p.Role is not null)));

    /// <summary>
    /// Through whom <paramref name="organisationId"/> came to be a party: following its novations back to the party
    /// that first made the agreement, and how many successions that took (0 when it is an original party).
    /// </summary>
    public (Guid Through, int Depth) InheritedThrough(Guid organisationId) => InheritedThrough(Variations, organisationId);

    /// <summary>The same, from an agreement's variations alone (a list of summaries reads no more of it).</summary>
    public static (Guid Through, int Depth) InheritedThrough(IReadOnlyList<Variation> variations, Guid organisationId)
    {
        var (current, depth) = (organisationId, 0);
        while (depth < variations.Count)
        {
            var novation = variations.FirstOrDefault(v => v.Kind == VariationKind.Novation
                && v.Parties.Any(p => p.OrganisationId == current && (p.Replaces is not null || p.Role is not null)));
            var taken = novation?.Parties.First(p => p.OrganisationId == current);
            // a transfer named after the succession joins the successor; the predecessor left in that succession's first novation
            var previous = taken?.Replaces ?? variations
                .Where(v => v.Kind == VariationKind.Novation && v.SuccessionId == novation?.SuccessionId && v.Number != novation?.Number)
                .SelectMany(v => v.Parties).FirstOrDefault(p => p.Role is null && p.Replaces is null)?.OrganisationId;
            if (previous is not { } predecessor)
                break;
            (current, depth) = (predecessor, depth + 1);
        }
        return (current, depth);
    }

    private void AddNovation(Guid successionId, DateOnly effectiveOn, string description, PartyChange change, DateTimeOffset now)
    {
        EnsureRoom(Variations, "variations and novations");
        EnsurePartiesEver([change.OrganisationId]);
        Variations.Add(new Variation(Variations.Count + 1, effectiveOn, description, null, null, null, now)
        {
            Kind = VariationKind.Novation,
            Parties = [change],
            SuccessionId = successionId,
        });
        Touch(now);
    }
}
