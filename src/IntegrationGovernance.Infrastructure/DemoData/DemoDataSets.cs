using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.Domain.People;
using IntegrationGovernance.Domain.PooledFunds;
using IntegrationGovernance.Domain.Successions;

namespace IntegrationGovernance.Infrastructure.DemoData;

// The shapes of the demo data files (embedded JSON). Every record carries its provenance: the paper, the paragraphs,
// the JSON paths of its illustrative facts, and a note.

/// <summary>Where a demo record comes from. <see cref="Paper"/> is a key of papers.json, or null for the public record only.</summary>
internal sealed record DemoProvenance(string? Paper, string? Paragraphs, IReadOnlyList<string>? Illustrative, string Note);

internal sealed record PaperSet(IReadOnlyDictionary<string, string> Papers);

internal sealed record OrganisationSet(IReadOnlyList<DemoOrganisation> Organisations, IReadOnlyList<DemoSuccession> Successions);

internal sealed record DemoOrganisation(
    string Key, string Name, OrganisationType Type, string? OdsCode, string? GssCode, DateOnly? OperationalFrom, DateOnly? OperationalTo, string? PartOf,
    DemoProvenance Provenance, IReadOnlyList<EarlierType>? EarlierTypes = null);

internal sealed record DemoSuccession(
    IReadOnlyList<string> Predecessors, IReadOnlyList<string> Successors, DateOnly EffectiveOn, SuccessionKind Kind, string? Note, DemoProvenance Provenance);

internal sealed record AgreementSet(IReadOnlyList<DemoAgreement> Agreements);

internal sealed record DemoAgreement(
    string Reference, string Title, string? Purpose, StatutoryBasis Basis, IReadOnlyList<Flexibility> Flexibilities,
    IReadOnlyList<string> Services, IReadOnlyList<string> ClientGroups, IReadOnlyList<DemoParty> Parties,
    DateOnly? SignedOn, DateOnly CommencesOn, DateOnly? EndsOn, int? NoticeMonths, DateOnly? ReviewOn, string? Parent, bool Illustrative,
    DemoProvenance Provenance, IReadOnlyList<DemoApproval> Approvals, IReadOnlyList<DemoTransition> Transitions, IReadOnlyList<DemoVariation> Variations);

internal sealed record DemoParty(string Organisation, PartyRole Role);

internal sealed record DemoApproval(string Body, DateOnly DecidedOn, string? MinuteReference, ApprovalOutcome Outcome);

internal sealed record DemoTransition(AgreementStatus To, DateOnly EffectiveOn, string? Reason);

internal sealed record DemoVariation(DateOnly EffectiveOn, string Description, DateOnly? EndsOn, DateOnly? ReviewOn, int? NoticeMonths);

internal sealed record PeopleSet(
    IReadOnlyList<DemoPost> Posts, IReadOnlyList<DemoLine> Lines, IReadOnlyList<DemoSecondment> Secondments,
    IReadOnlyList<DemoHolding>? Holdings = null, IReadOnlyList<DemoJointArrangement>? JointArrangements = null);

internal sealed record DemoPost(
    string Key, string Organisation, string Title, string? Team, DateOnly StartsOn, DateOnly? EndsOn, string? HolderReference, DemoProvenance Provenance);

/// <summary>
/// A line from a post (<see cref="Post"/>, a post key) or a board (<see cref="FromBody"/>, an organisation key), to a post
/// (<see cref="ToPost"/>) or to a board (<see cref="ToBody"/>).
/// </summary>
internal sealed record DemoLine(
    string? Post, string? ToPost, string? ToBody, AccountabilityKind Kind, DateOnly StartsOn, DateOnly? EndsOn, string? Basis, DemoProvenance Provenance,
    string? FromBody = null);

/// <summary>Who held a post (a post key), how and when; an acting holder may return to another post (a post key).</summary>
internal sealed record DemoHolding(
    string Post, string HolderReference, HoldingKind Kind, DateOnly StartsOn, DateOnly? EndsOn, string? ReturnsToPost, DemoProvenance Provenance);

/// <summary>A post (a post key) held for another organisation too (an organisation key), under an agreement (its reference).</summary>
internal sealed record DemoJointArrangement(string Post, string Organisation, string Basis, DateOnly StartsOn, DateOnly? EndsOn, DemoProvenance Provenance);

internal sealed record DemoSecondment(
    string HolderReference, string Employer, string Host, string Agreement, DateOnly StartsOn, DateOnly? EndsOn, decimal Fte, string? HostPost,
    DemoProvenance Provenance);

internal sealed record FundSet(IReadOnlyList<DemoFund> Funds);

/// <summary>A fund, with the provenance of the fund, of each of its contributions, and of its ledger booking.</summary>
internal sealed record DemoFund(
    string Agreement, string Name, string Host, string? Manager, DateOnly StartsOn, DateOnly? EndsOn, DemoRiskShare? RiskShare,
    IReadOnlyList<DemoContribution> Contributions, IReadOnlyList<DemoLedgerLine> Ledger,
    DemoProvenance Provenance, DemoProvenance ContributionsProvenance, DemoProvenance LedgerProvenance);

internal sealed record DemoRiskShare(string FinancialYear, RiskShareMethod Method, IReadOnlyList<DemoShare> Shares);

internal sealed record DemoShare(string Organisation, decimal OverspendPercent, decimal UnderspendPercent);

internal sealed record DemoContribution(string Organisation, string FinancialYear, ContributionKind Kind, decimal Amount, string? Note);

internal sealed record DemoLedgerLine(DateOnly Date, decimal Amount, string Category, string? Description, string ExternalReference);
