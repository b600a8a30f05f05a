using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Common;

namespace IntegrationGovernance.UnitTests.Agreements;

/// <summary>Agreements in the states unit tests start from, made through the domain's own operations.</summary>
internal static class AgreementFixtures
{
    public static AgreementDetails Section75(Guid council, Guid pct, DateOnly commences, DateOnly? ends, int? noticeMonths = 12) => new(
        "UNIT-1", "Unit agreement", null, StatutoryBasis.Section75NhsAct2006, [Flexibility.PooledFund], ["adult social care"], ["adults"],
        [new AgreementParty(council, PartyRole.Host), new AgreementParty(pct, PartyRole.Partner)],
        null, commences, ends, noticeMonths, null, null, [], false);

    public static void ApproveByEveryParty(Agreement agreement, DateOnly on, DateTimeOffset now)
    {
        foreach (var party in agreement.Parties)
            agreement.RecordApproval(new Approval(party.OrganisationId, on, null, ApprovalOutcome.Approved), null, Actor.For(party.OrganisationId), now);
    }

    /// <summary>Approved by every party ten days before commencement, and Active from commencement.</summary>
    public static Agreement Active(AgreementDetails details, DateTimeOffset now)
    {
        var agreement = Agreement.Draft(details, now);
        ApproveByEveryParty(agreement, details.CommencesOn.AddDays(-10), now);
        agreement.Transition(AgreementStatus.Approved, details.CommencesOn.AddDays(-10), null, Actor.Administrator, now);
        agreement.Transition(AgreementStatus.Active, details.CommencesOn, null, Actor.Administrator, now);
        return agreement;
    }

    public static VariationDetails Change(DateOnly on, string description, DateOnly? endsOn = null, DateOnly? reviewOn = null, int? noticeMonths = null,
        IReadOnlyList<PartyChange>? parties = null, IReadOnlyList<string>? services = null) =>
        new(on, description, endsOn, reviewOn, noticeMonths, parties ?? [], null, services, null, null);
}
