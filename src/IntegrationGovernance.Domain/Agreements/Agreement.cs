using IntegrationGovernance.Domain.Common;

namespace IntegrationGovernance.Domain.Agreements;

/// <summary>
/// A partnership agreement. Its details are the client's while it is a draft; after that it changes only
/// through explicit operations: approvals, status transitions and numbered variations, each kept in order.
/// Whether it is active on a day follows from its status history and dates, never from a flag.
/// </summary>
public sealed partial class Agreement : IVersionedRecord
{
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

    /// <summary>The parties' organisation ids, kept beside <see cref="Parties"/> so "agreements of X" is an indexed array query.</summary>
    public List<Guid> PartyIds { get; private set; } = [];

    public DateOnly? SignedOn { get; private set; }

    public DateOnly CommencesOn { get; private set; }

    /// <summary>The end date as first agreed; variations may change it (see <see cref="TermsOn"/>).</summary>
    public DateOnly? EndsOn { get; private set; }

    public int? NoticeMonths { get; private set; }

    public DateOnly? ReviewOn { get; private set; }

    /// <summary>The end date after every variation recorded so far: what "expiring" and "overdue" look at.</summary>
    public DateOnly? LatestEndsOn { get; private set; }

    /// <summary>The review date after every variation recorded so far.</summary>
    public DateOnly? LatestReviewOn { get; private set; }

    /// <summary>The over-arching agreement this one is a schedule of, or annexed to.</summary>
    public Guid? ParentId { get; private set; }

    public List<DocumentLink> Documents { get; private set; } = [];

    /// <summary>True where the source gives no exact figure or date and the record fills the gap by example.</summary>
    public bool Illustrative { get; private set; }

    public AgreementStatus Status { get; private set; }

    public List<StatusChange> StatusChanges { get; private set; } = [];

    public List<Approval> Approvals { get; private set; } = [];

    public List<Variation> Variations { get; private set; } = [];

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

    /// <summary>Replaces the details of a draft; once approved, an agreement changes only by variation.</summary>
    public void Revise(AgreementDetails details, DateTimeOffset now)
    {
        if (Status != AgreementStatus.Draft)
            throw new RegisterRuleException("agreement-not-draft",
                $"The agreement is {Status}: its terms change only by a numbered variation now.", kind: RuleKind.Conflict);
        if (details.ParentId != ParentId)
            throw new RegisterRuleException("agreement-parent-fixed", "The over-arching agreement is fixed when an agreement is created.", "$.parentId");
        Apply(details, now);
    }

    public AgreementDetails Details => new(Reference, Title, Purpose, Basis, Flexibilities, Services, ClientGroups, Parties,
        SignedOn, CommencesOn, EndsOn, NoticeMonths, ReviewOn, ParentId, Documents, Illustrative);

    /// <summary>The status in effect on a day: the latest transition effective by then, or Draft before any.</summary>
    public AgreementStatus StatusOn(DateOnly day) =>
        StatusChanges.Where(c => c.EffectiveOn <= day).OrderBy(c => c.EffectiveOn).ThenBy(c => c.Sequence).LastOrDefault()?.Status
        ?? AgreementStatus.Draft;

    /// <summary>The dated terms in force on a day, as varied by every variation effective by then.</summary>
    public TermsInForce TermsOn(DateOnly day)
    {
        var terms = new TermsInForce(CommencesOn, EndsOn, ReviewOn, NoticeMonths, null);
        foreach (var variation in Variations.Where(v => v.EffectiveOn <= day).OrderBy(v => v.Number))
        {
            terms = terms with
            {
                EndsOn = variation.EndsOn ?? terms.EndsOn,
                ReviewOn = variation.ReviewOn ?? terms.ReviewOn,
                NoticeMonths = variation.NoticeMonths ?? terms.NoticeMonths,
                VariationNumber = variation.Number,
            };
        }
        return terms;
    }

    /// <summary>Active on a day: within its term as then varied, and its status on that day is Active.</summary>
    public bool IsActiveOn(DateOnly day)
    {
        var terms = TermsOn(day);
        return CommencesOn <= day && (terms.EndsOn is null || day <= terms.EndsOn) && StatusOn(day) == AgreementStatus.Active;
    }

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
        PartyIds = details.Parties.Select(p => p.OrganisationId).ToList();
        SignedOn = details.SignedOn;
        CommencesOn = details.CommencesOn;
        EndsOn = details.EndsOn;
        NoticeMonths = details.NoticeMonths;
        ReviewOn = details.ReviewOn;
        ParentId = details.ParentId;
        Documents = [.. details.Documents];
        Illustrative = details.Illustrative;
        UpdatedAt = now;
        RefreshLatestTerms();
    }

    private void RefreshLatestTerms()
    {
        var latest = TermsOn(DateOnly.MaxValue);
        LatestEndsOn = latest.EndsOn;
        LatestReviewOn = latest.ReviewOn;
    }
}
