using System.Text.RegularExpressions;
using IntegrationGovernance.Domain.Common;
using IntegrationGovernance.Domain.Organisations;

namespace IntegrationGovernance.Domain.Agreements;

/// <summary>The rules an agreement's details must keep, drawn from the statutes it is made under.</summary>
public static partial class AgreementRules
{
    /// <summary>
    /// Section 75 of the NHS Act 2006 came into force on this day (section 31 of the Health Act 1999 before it), and with it
    /// sections 256 and 76, the payments between the NHS and local authorities (sections 28A and 28BB of the NHS Act 1977 before them).
    /// </summary>
    public static readonly DateOnly Section75InForce = new(2007, 3, 1);

    /// <summary>The regulations under section 31 of the Health Act 1999 (SI 2000/617) came into force on this day.</summary>
    public static readonly DateOnly Section31InForce = new(2000, 4, 1);

    /// <summary>Section 65Z5 of the NHS Act 2006, added by the Health and Care Act 2022, came into force on this day (SI 2022/642).</summary>
    public static readonly DateOnly Section65Z5InForce = new(2022, 7, 1);

    /// <summary>A reference is 2 to 50 letters, digits and <c>- / . _</c>, starting with a letter or digit; stored upper-case.</summary>
    public const string ReferencePattern = "^[A-Z0-9][A-Z0-9/._-]{1,49}$";

    public const int MaxReferenceLength = 50;
    public const int MaxTitleLength = 300;
    public const int MaxPurposeLength = 10_000;
    public const int MaxTermLength = 100;

    /// <summary>
    /// The most approvals, status changes, variations (novations among them) and notices an agreement records, each: every read of
    /// an agreement returns them all, so each is bounded (<c>too-many-entries</c> beyond it).
    /// </summary>
    public const int MaxEntries = 500;

    /// <summary>
    /// The most periods an agreement's terms fall into: a period starts on commencement, on each day a status change, variation or
    /// notice takes effect, and on the day after each end date then in force.
    /// </summary>
    public const int MaxPeriods = 2 * (3 * MaxEntries + 1) + 1;

    /// <summary>The most organisations ever party to one agreement: its first parties and those its variations and novations bring in.</summary>
    public const int MaxPartiesEver = 200;

    /// <param name="details">Normalised details.</param>
    /// <param name="organisations">Every organisation the parties name that exists.</param>
    public static IReadOnlyList<RuleViolation> Check(AgreementDetails details, IReadOnlyDictionary<Guid, Organisation> organisations)
    {
        var problems = new List<RuleViolation>();
        if (!ReferenceFormat().IsMatch(details.Reference))
            problems.Add(new("$.reference", "A reference is 2 to 50 letters, digits and - / . _, starting with a letter or digit, e.g. HARROW-S31-2005."));
        if (string.IsNullOrWhiteSpace(details.Title) || details.Title.Length > MaxTitleLength)
            problems.Add(new("$.title", $"A title is required, at most {MaxTitleLength} characters."));
        if (details.Purpose is { Length: > MaxPurposeLength })
            problems.Add(new("$.purpose", $"The purpose is at most {MaxPurposeLength} characters."));
        if (!Enum.IsDefined(details.Basis))
            problems.Add(new("$.basis", "Unknown statutory basis."));
        if (details.Flexibilities.Any(f => !Enum.IsDefined(f)))
            problems.Add(new("$.flexibilities", $"Flexibilities are: {string.Join(", ", Enum.GetNames<Flexibility>())}."));
        CheckTerms(details.Services, "$.services", problems);
        CheckTerms(details.ClientGroups, "$.clientGroups", problems);
        CheckDates(details, problems);
        CheckDocuments(details.Documents, problems);
        var parties = CheckParties(details, organisations, problems);
        if (Enum.IsDefined(details.Basis) && parties is not null)
            CheckBasis(details, parties, problems);
        return problems;
    }

    public static bool UsesHost(IReadOnlyCollection<Flexibility> flexibilities) =>
        flexibilities.Contains(Flexibility.PooledFund) || flexibilities.Contains(Flexibility.LeadCommissioning);

    private static void CheckDates(AgreementDetails details, List<RuleViolation> problems)
    {
        if (details.EndsOn is { } end && end < details.CommencesOn)
            problems.Add(new("$.endsOn", "The end date is before the commencement date."));
        if (details.ReviewOn is { } review && review < details.CommencesOn)
            problems.Add(new("$.reviewOn", "The review date is before the commencement date."));
        if (details.NoticeMonths is < 0 or > 60)
            problems.Add(new("$.noticeMonths", "A notice period is 0 to 60 months."));
    }

    private static void CheckTerms(IReadOnlyList<string> terms, string path, List<RuleViolation> problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < terms.Count; i++)
        {
            if (terms[i].Length is 0 or > MaxTermLength)
                problems.Add(new($"{path}[{i}]", $"Each entry is 1 to {MaxTermLength} characters."));
            else if (!seen.Add(terms[i]))
                problems.Add(new($"{path}[{i}]", "This entry is listed twice."));
        }
    }

    private static void CheckDocuments(IReadOnlyList<DocumentLink> documents, List<RuleViolation> problems)
    {
        for (var i = 0; i < documents.Count; i++)
        {
            var document = documents[i];
            if (!Uri.TryCreate(document.Url, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
                problems.Add(new($"$.documents[{i}].url", "A document link is an absolute http(s) URL."));
            if (string.IsNullOrWhiteSpace(document.Title))
                problems.Add(new($"$.documents[{i}].title", "A document needs a title."));
            if (!Sha256Format().IsMatch(document.Sha256))
                problems.Add(new($"$.documents[{i}].sha256", "The SHA-256 of the signed copy is 64 hexadecimal characters."));
        }
    }

    /// <summary>Checks each party; returns the parties with their organisations when all are known.</summary>
    private static List<(AgreementParty Party, Organisation Organisation)>? CheckParties(
        AgreementDetails details, IReadOnlyDictionary<Guid, Organisation> organisations, List<RuleViolation> problems)
    {
        var known = new List<(AgreementParty, Organisation)>();
        var allKnown = true;
        for (var i = 0; i < details.Parties.Count; i++)
        {
            var party = details.Parties[i];
            if (!Enum.IsDefined(party.Role))
                problems.Add(new($"$.parties[{i}].role", "Unknown party role."));
            if (details.Parties.Take(i).Any(p => p.OrganisationId == party.OrganisationId))
                problems.Add(new($"$.parties[{i}].organisationId", "This organisation is already a party."));
            else if (!organisations.TryGetValue(party.OrganisationId, out var organisation))
            {
                problems.Add(new($"$.parties[{i}].organisationId", "No organisation with this id."));
                allKnown = false;
            }
            else
            {
                if (!organisation.Operational.Contains(details.CommencesOn))
                    problems.Add(new($"$.parties[{i}].organisationId", $"{organisation.Name} was not operating on the commencement date."));
                known.Add((party, organisation));
            }
        }
        if (details.Parties.Select(p => p.OrganisationId).Distinct().Count() < 2)
            problems.Add(new("$.parties", "An agreement has at least two parties."));
        return allKnown ? known : null;
    }

    private static void CheckBasis(AgreementDetails details, List<(AgreementParty Party, Organisation Organisation)> parties, List<RuleViolation> problems)
    {
        var basis = details.Basis;
        // each party as the kind of body it was when the agreement commenced (a district council later unitary)
        var types = parties.Select(p => p.Organisation.TypeOn(details.CommencesOn)).ToList();
        var hasNhs = types.Any(t => t.IsNhsBody());
        var hasCouncil = types.Any(t => t.IsLocalAuthority());
        var hosts = parties.Count(p => p.Party.Role == PartyRole.Host);
        var made = details.SignedOn ?? details.CommencesOn;

        void Need(bool condition, string field, string message)
        {
            if (!condition)
                problems.Add(new(field, message));
        }

        switch (basis)
        {
            case StatutoryBasis.Section75NhsAct2006 or StatutoryBasis.Section31HealthAct1999:
                Need(hasNhs && hasCouncil, "$.parties", "A section 75 or section 31 agreement is between at least one NHS body and at least one local authority.");
                Need(details.Flexibilities.Count > 0, "$.flexibilities", "Name the flexibilities used: pooled fund, lead commissioning and/or integrated provision.");
                Need(basis != StatutoryBasis.Section75NhsAct2006 || details.CommencesOn >= Section75InForce, "$.commencesOn",
                    "Section 75 of the NHS Act 2006 came into force on 1 March 2007; earlier agreements were made under section 31 of the Health Act 1999.");
                Need(basis != StatutoryBasis.Section31HealthAct1999 || made < Section75InForce, "$.basis",
                    "Agreements made from 1 March 2007 are made under section 75 of the NHS Act 2006, which replaced section 31 of the Health Act 1999.");
                Need(basis != StatutoryBasis.Section31HealthAct1999 || details.CommencesOn >= Section31InForce, "$.commencesOn",
                    "Section 31 arrangements could be made from 1 April 2000, when the Health Act 1999's partnership regulations (SI 2000/617) came into force.");
                break;
            case StatutoryBasis.Section113LocalGovernmentAct1972:
                CheckSection113(parties, types, hosts, problems);
                break;
            case StatutoryBasis.Section256NhsAct2006 or StatutoryBasis.Section76NhsAct2006:
                Need(hasNhs && hasCouncil, "$.parties", "A section 256 or section 76 transfer is between an NHS body and a local authority.");
                Need(basis != StatutoryBasis.Section256NhsAct2006 || !hasNhs || parties.Any(p => p.Organisation.Type.IsNhsCommissioner()), "$.parties",
                    "Section 256 payments are made by an NHS commissioner (a PCT, CCG, ICB or NHS England): name one as a party.");
                Need(details.CommencesOn >= Section75InForce, "$.commencesOn",
                    "Sections 256 and 76 of the NHS Act 2006 came into force on 1 March 2007; earlier payments were made under sections 28A and 28BB of the NHS Act 1977.");
                break;
            case StatutoryBasis.Section10ChildrenAct2004:
                Need(hasCouncil, "$.parties", "Section 10 co-operation arrangements are led by a children's services authority (a local authority).");
                break;
            case StatutoryBasis.Section65Z5NhsAct2006:
                Need(hasNhs, "$.parties", "Section 65Z5 joint working involves at least one NHS body.");
                Need(details.CommencesOn >= Section65Z5InForce, "$.commencesOn",
                    "Section 65Z5 of the NHS Act 2006 came into force on 1 July 2022 (Health and Care Act 2022); earlier joint working had another basis.");
                break;
        }

        var mayUseFlexibilities = basis is StatutoryBasis.Section75NhsAct2006 or StatutoryBasis.Section31HealthAct1999
            || (basis == StatutoryBasis.Section10ChildrenAct2004 && details.Flexibilities.All(f => f == Flexibility.PooledFund));
        Need(details.Flexibilities.Count == 0 || mayUseFlexibilities, "$.flexibilities",
            "Only section 75 and section 31 agreements use the flexibilities (a section 10 arrangement may pool funds).");
        if (UsesHost(details.Flexibilities))
            Need(hosts == 1, "$.parties", "A pooled fund or lead commissioning needs exactly one Host party (the host partner or lead commissioner).");
        else if (basis != StatutoryBasis.Section113LocalGovernmentAct1972)
            Need(hosts <= 1, "$.parties", "An agreement has at most one Host party.");
    }

    /// <summary>
    /// Section 113 of the Local Government Act 1972: (1) a local authority places its officers at the disposal of another
    /// local authority; (1A) a local authority and an NHS body place officers at each other's disposal. So every party is
    /// a local authority or an NHS body, one is the Host (at whose disposal staff are placed) and at least one a Provider
    /// (whose staff are placed), and each placement has a local authority on one side: never one NHS body's staff at
    /// another's disposal.
    /// </summary>
    private static void CheckSection113(
        List<(AgreementParty Party, Organisation Organisation)> parties, List<OrganisationType> types, int hosts, List<RuleViolation> problems)
    {
        for (var i = 0; i < parties.Count; i++)
        {
            if (!types[i].IsLocalAuthority() && !types[i].IsNhsBody())
                problems.Add(new($"$.parties[{i}].organisationId",
                    $"{parties[i].Organisation.Name} is neither a local authority nor an NHS body, so section 113 does not reach it."));
        }
        if (hosts != 1 || !parties.Any(p => p.Party.Role == PartyRole.Provider))
        {
            problems.Add(new("$.parties",
                "A section 113 arrangement names one Host (the body at whose disposal staff are placed) and at least one Provider (the body whose staff are placed)."));
            return;
        }
        var host = parties.FindIndex(p => p.Party.Role == PartyRole.Host);
        if (types[host].IsLocalAuthority())
            return;
        for (var i = 0; i < parties.Count; i++)
        {
            if (parties[i].Party.Role == PartyRole.Provider && !types[i].IsLocalAuthority())
                problems.Add(new($"$.parties[{i}].organisationId",
                    $"Section 113 places a local authority's officers at an NHS body's disposal, or an NHS body's at a local authority's; {parties[i].Organisation.Name} and the Host {parties[host].Organisation.Name} are both NHS bodies."));
        }
    }

    [GeneratedRegex(ReferencePattern)]
    private static partial Regex ReferenceFormat();

    [GeneratedRegex("^[0-9a-fA-F]{64}$")]
    private static partial Regex Sha256Format();
}
