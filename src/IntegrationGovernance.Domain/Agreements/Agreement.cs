using IntegrationGovernance.Domain.Common;

namespace IntegrationGovernance.Domain.Agreements;

/// <summary>
/// A partnership agreement. Its details are the client's while it is a draft; after that it changes only
/// through explicit operations: approvals, status transitions, numbered variations (novations among them) and
/// notices, each kept in order. What is in force on a day follows from these (<see cref="TermsOn"/>), and
/// <see cref="Terms"/> keeps the same answer as dated periods, which the register stores as indexed rows.
/// </summary>
public sealed partial class Agreement : IVersionedRecord
{
    // revisions recorded before notices and periods existed hold neither: read as none
    private List<Notice> _notices = [];
    private List<TermPeriod> _terms = [];

    private Agreement()
    {
    }

    public Guid Id { get; private set; }

    public string Reference { get; private set; } = string.Empty;

    public string Title { get; private set; } = string.Empty;

    public string? Purpose { get; private set; }

    public StatutoryBasis Basis { get; private set; }

    public List<Flexibility> Flexibilities { get; private set; } = [];

    public List<string> Services { get; private set; } = [];

    public List<string> ClientGroups { get; private set; } = [];

    public List<AgreementParty> Parties { get; private set; } = [];

    /// <summary>Every organisation that is, was or will be a party in any period: whom the agreement concerns.</summary>
    public List<Guid> PartyIds { get; private set; } = [];

    public DateOnly? SignedOn { get; private set; }

    public DateOnly CommencesOn { get; private set; }

    /// <summary>The end date as first agreed; variations may change it (see <see cref="TermsOn"/>).</summary>
    public DateOnly? EndsOn { get; private set; }

    public int? NoticeMonths { get; private set; }

    public DateOnly? ReviewOn { get; private set; }

    /// <summary>The over-arching agreement this one is a schedule of, or annexed to.</summary>
    public Guid? ParentId { get; private set; }

    public List<DocumentLink> Documents { get; private set; } = [];

    /// <summary>True where the source gives no exact figure or date and the record fills the gap by example.</summary>
    public bool Illustrative { get; private set; }

    public AgreementStatus Status { get; private set; }

    public List<StatusChange> StatusChanges { get; private set; } = [];

    public List<Approval> Approvals { get; private set; } = [];

    public List<Variation> Variations { get; private set; } = [];

    public List<Notice> Notices { get => _notices; private set => _notices = value ?? []; }

    /// <summary>What is in force, period by period from commencement: kept in step with every change.</summary>
    public List<TermPeriod> Terms { get => _terms; private set => _terms = value ?? []; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public uint Version { get; private set; }

    /// <summary>A new draft from details already checked by <see cref="AgreementRules"/>.</summary>
    public static Agreement Draft(AgreementDetails details, DateTimeOffset now)
    {
        var agreement = new Agreement { Id = Guid.CreateVersion7(now), CreatedAt = now, Status = AgreementStatus.Draft };
        agreement.Apply(details, now);
        return agreement;
    }

    /// <summary>
    /// Replaces the details of a draft; once approved, an agreement changes only by variation. The actor's
    /// organisation must be a party before and after. Novations made for the old parties are dropped: the
    /// register makes them again for the new ones (see <see cref="Novate"/>).
    /// </summary>
    public void Revise(AgreementDetails details, Actor actor, DateTimeOffset now)
    {
        if (!actor.IsAdministrator && !(Parties.Any(p => actor.ActsFor(p.OrganisationId)) && details.Parties.Any(p => actor.ActsFor(p.OrganisationId))))
            throw new RegisterRuleException("party-before-and-after",
                "Your organisation must be a party both before and after the change; to leave an agreement, serve notice of withdrawal.",
                "$.parties", RuleKind.Unprocessable);
        if (Status != AgreementStatus.Draft)
            throw new RegisterRuleException("agreement-not-draft",
                $"The agreement is {Status}: its terms change only by a numbered variation now.", kind: RuleKind.Conflict);
        if (details.ParentId != ParentId)
            throw new RegisterRuleException("agreement-parent-fixed", "The over-arching agreement is fixed when an agreement is created.", "$.parentId");
        Variations.RemoveAll(v => v.Kind == VariationKind.Novation);
        Apply(details, now);
    }

    public AgreementDetails Details => new(Reference, Title, Purpose, Basis, Flexibilities, Services, ClientGroups, Parties,
        SignedOn, CommencesOn, EndsOn, NoticeMonths, ReviewOn, ParentId, Documents, Illustrative);

    private void Apply(AgreementDetails details, DateTimeOffset now)
    {
        Reference = details.Reference;
        Title = details.Title;
        Purpose = details.Purpose;
        Basis = details.Basis;
        Flexibilities = [.. details.Flexibilities];
        Services = [.. details.Services];
        ClientGroups = [.. details.ClientGroups];
        Parties = [.. details.Parties];
        SignedOn = details.SignedOn;
        CommencesOn = details.CommencesOn;
        EndsOn = details.EndsOn;
        NoticeMonths = details.NoticeMonths;
        ReviewOn = details.ReviewOn;
        ParentId = details.ParentId;
        Documents = [.. details.Documents];
        Illustrative = details.Illustrative;
        Touch(now);
    }

    /// <summary>Refuses a change that would make more than <see cref="AgreementRules.MaxPartiesEver"/> organisations party to the agreement over its life.</summary>
    private void EnsurePartiesEver(IEnumerable<Guid> joining)
    {
        if (PartyIds.Union(joining).Count() > AgreementRules.MaxPartiesEver)
            throw new RegisterRuleException("too-many-entries",
                $"At most {AgreementRules.MaxPartiesEver} organisations are party to one agreement over its life; record the change as a new agreement.", "$.parties");
    }

    /// <summary>Refuses one more entry in a list already holding <see cref="AgreementRules.MaxEntries"/>: every read of the agreement returns them all.</summary>
    private static void EnsureRoom<T>(List<T> entries, string what)
    {
        if (entries.Count >= AgreementRules.MaxEntries)
            throw new RegisterRuleException("too-many-entries",
                $"An agreement records at most {AgreementRules.MaxEntries} {what}, and this one holds as many: record the change as a new agreement.");
    }
}
