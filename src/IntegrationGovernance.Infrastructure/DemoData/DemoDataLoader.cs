using System.Text.Json;
using System.Text.Json.Serialization;
using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Common;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.Domain.People;
using IntegrationGovernance.Domain.PooledFunds;
using IntegrationGovernance.Domain.Successions;
using IntegrationGovernance.Infrastructure.Persistence;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IntegrationGovernance.Infrastructure.DemoData;

/// <summary>
/// Loads the demo data set drawn from the five seed papers (embedded in this assembly, so the project never
/// needs the papers themselves): organisations, successions, agreements, funds and people. Idempotent: what is already
/// there (an organisation by code, else by name and type; a succession by date and bodies; an agreement by reference)
/// is left alone. Every record goes through the same domain rules as a request would, in one transaction, and every
/// record added gets its provenance (<see cref="RecordProvenance"/>: paper, paragraphs, illustrative facts) beside it.
/// </summary>
public sealed partial class DemoDataLoader(RegisterDbContext db, Agreements.AgreementTransfers transfers, TimeProvider clock, ILogger<DemoDataLoader> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private IReadOnlyDictionary<string, string> _papers = new Dictionary<string, string>();

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        using var _ = ChangeContext.BeginSystem("demo-data");
        _papers = (await ReadAsync<PaperSet>("papers.json", cancellationToken)).Papers;
        var organisations = await ReadAsync<OrganisationSet>("organisations.json", cancellationToken);
        var agreements = await ReadAsync<AgreementSet>("agreements.json", cancellationToken);
        var funds = await ReadAsync<FundSet>("funds.json", cancellationToken);
        var people = await ReadAsync<PeopleSet>("people.json", cancellationToken);
        var added = await db.InTransactionAsync(async token =>
        {
            var byKey = await OrganisationsAsync(organisations.Organisations, token);
            var successions = await SuccessionsAsync(organisations.Successions, byKey, token);
            await db.SaveChangesAsync(token); // agreements see the successions, to carry them out
            var byReference = await AgreementsAsync(agreements.Agreements, byKey, token);
            var fundsAdded = await FundsAsync(funds.Funds, byKey, byReference, token);
            await PeopleAsync(people, byKey, byReference, token);
            await db.SaveChangesAsync(token);
            return (successions, byReference.Count, fundsAdded);
        }, cancellationToken);
        logger.LogInformation("Demo data: {Successions} succession(s) and {Funds} pooled fund(s) added; {Agreements} agreements in the register",
            added.successions, added.fundsAdded, added.Count);
    }

    private async Task<Dictionary<string, Organisation>> OrganisationsAsync(IReadOnlyList<DemoOrganisation> entries, CancellationToken cancellationToken)
    {
        var existing = await db.Organisations.ToListAsync(cancellationToken);
        var byKey = new Dictionary<string, Organisation>();
        foreach (var entry in entries)
        {
            var details = new OrganisationDetails(entry.Name, entry.Type, entry.OdsCode, entry.GssCode, entry.OperationalFrom, entry.OperationalTo,
                entry.PartOf is null ? null : byKey[entry.PartOf].Id).Normalised();
            var organisation = existing.FirstOrDefault(o =>
                (details.OdsCode is not null && o.OdsCode == details.OdsCode)
                || (details.GssCode is not null && o.GssCode == details.GssCode)
                || (details.OdsCode is null && details.GssCode is null && o.Name == details.Name && o.Type == details.Type));
            if (organisation is null)
            {
                if (details.Validate() is [var first, ..])
                    throw new InvalidOperationException($"Demo organisation '{entry.Key}' breaks a rule: {first.Field} {first.Message}");
                organisation = Created(entry, details);
                db.Organisations.Add(organisation);
                Provenance<Organisation>(organisation.Id, entry.Provenance, entry.Key);
            }
            byKey[entry.Key] = organisation;
        }
        return byKey;
    }

    /// <summary>Created as the type it first was, then changed to each later type from its date.</summary>
    private Organisation Created(DemoOrganisation entry, OrganisationDetails details)
    {
        var earlier = entry.EarlierTypes ?? [];
        var organisation = Organisation.Create(details with { Type = earlier.Count > 0 ? earlier[0].Type : details.Type }, clock.GetUtcNow());
        for (var i = 0; i < earlier.Count; i++)
        {
            var next = i + 1 < earlier.Count ? earlier[i + 1].Type : details.Type;
            if (organisation.ChangeType(next, earlier[i].Until.AddDays(1), clock.GetUtcNow()) is [var problem, ..])
                throw new InvalidOperationException($"Demo organisation '{entry.Key}' breaks a rule: {problem.Field} {problem.Message}");
        }
        return organisation;
    }

    private async Task<int> SuccessionsAsync(IReadOnlyList<DemoSuccession> entries, Dictionary<string, Organisation> byKey, CancellationToken cancellationToken)
    {
        var recorded = (await db.Successions.Include(s => s.Parties).ToListAsync(cancellationToken))
            .Select(s => Signature(s.EffectiveOn, s.PredecessorIds, s.SuccessorIds)).ToHashSet();
        var added = 0;
        foreach (var entry in entries)
        {
            var details = new SuccessionDetails(
                entry.Predecessors.Select(k => byKey[k].Id).ToList(), entry.Successors.Select(k => byKey[k].Id).ToList(),
                entry.EffectiveOn, entry.Kind, entry.Note);
            if (!recorded.Add(Signature(details.EffectiveOn, details.PredecessorIds, details.SuccessorIds)))
                continue;
            if (SuccessionRules.Check(details, byKey.Values.ToDictionary(o => o.Id)) is [var first, ..])
                throw new InvalidOperationException($"Demo succession on {entry.EffectiveOn} breaks a rule: {first.Field} {first.Message}");
            var succession = Succession.Create(details, clock.GetUtcNow());
            db.Successions.Add(succession);
            Provenance<Succession>(succession.Id, entry.Provenance, $"succession of {entry.EffectiveOn:yyyy-MM-dd}");
            added++;
        }
        return added;
    }

    private async Task<Dictionary<string, Agreement>> AgreementsAsync(
        IReadOnlyList<DemoAgreement> entries, Dictionary<string, Organisation> byKey, CancellationToken cancellationToken)
    {
        var byReference = await db.Agreements.ToDictionaryAsync(a => a.Reference, cancellationToken);
        var organisations = byKey.Values.ToDictionary(o => o.Id);
        foreach (var entry in entries)
        {
            if (byReference.ContainsKey(entry.Reference))
                continue;
            var details = new AgreementDetails(entry.Reference, entry.Title, entry.Purpose, entry.Basis, entry.Flexibilities, entry.Services,
                entry.ClientGroups, entry.Parties.Select(p => new AgreementParty(byKey[p.Organisation].Id, p.Role)).ToList(),
                entry.SignedOn, entry.CommencesOn, entry.EndsOn, entry.NoticeMonths, entry.ReviewOn,
                entry.Parent is null ? null : byReference[entry.Parent].Id, [], entry.Illustrative).Normalised();
            if (AgreementRules.Check(details, organisations) is [var first, ..])
                throw new InvalidOperationException($"Demo agreement {entry.Reference} breaks a rule: {first.Field} {first.Message}");

            var now = clock.GetUtcNow();
            var agreement = Agreement.Draft(details, now);
            foreach (var approval in entry.Approvals)
            {
                var body = byKey[approval.Body];
                agreement.RecordApproval(new Approval(body.Id, approval.DecidedOn, approval.MinuteReference, approval.Outcome), body.PartOfId, Actor.Administrator, now);
            }
            foreach (var transition in entry.Transitions)
                agreement.Transition(transition.To, transition.EffectiveOn, transition.Reason, Actor.Administrator, now);
            foreach (var variation in entry.Variations)
            {
                var change = new VariationDetails(variation.EffectiveOn, variation.Description, variation.EndsOn, variation.ReviewOn, variation.NoticeMonths,
                    [], null, null, null, null).Normalised();
                Require(AgreementRules.CheckVariation(change, agreement, organisations), entry.Reference);
                agreement.Vary(change, Actor.Administrator, now);
            }
            await transfers.ApplyAsync(agreement, cancellationToken);
            db.Agreements.Add(agreement);
            Provenance<Agreement>(agreement.Id, entry.Provenance, entry.Reference);
            byReference[agreement.Reference] = agreement;
        }
        return byReference;
    }

    private async Task<int> FundsAsync(
        IReadOnlyList<DemoFund> entries, Dictionary<string, Organisation> byKey, Dictionary<string, Agreement> byReference, CancellationToken cancellationToken)
    {
        var existing = (await db.PooledFunds.Select(f => new { f.AgreementId, f.Name }).ToListAsync(cancellationToken))
            .Select(f => (f.AgreementId, f.Name)).ToHashSet();
        var added = 0;
        foreach (var entry in entries)
        {
            var agreement = byReference[entry.Agreement];
            if (!existing.Add((agreement.Id, entry.Name)))
                continue;
            var now = clock.GetUtcNow();
            Require(PooledFundRules.CheckFund(agreement, entry.Name, byKey[entry.Host].Id, entry.StartsOn, entry.EndsOn), entry.Name);
            var fund = PooledFund.Create(agreement.Id, entry.Name, byKey[entry.Host].Id, entry.Manager, entry.StartsOn, entry.EndsOn, now);
            if (entry.RiskShare is { } share && FinancialYear.TryParse(share.FinancialYear, out var shareYear))
            {
                Require(fund.SetRiskShare(new RiskShare
                {
                    FinancialYearStart = shareYear.Value.StartYear,
                    Method = share.Method,
                    Shares = share.Shares.Select(s => new PartnerShare(byKey[s.Organisation].Id, s.OverspendPercent, s.UnderspendPercent)).ToList(),
                }, agreement.PartyIds, now), entry.Name);
            }
            db.PooledFunds.Add(fund);
            Provenance<PooledFund>(fund.Id, entry.Provenance, entry.Name);
            foreach (var c in entry.Contributions)
            {
                Require(PooledFundRules.CheckContribution(agreement.PartyIds, byKey[c.Organisation].Id, c.FinancialYear, c.Kind, ContributionForm.Cash, c.Amount), entry.Name);
                FinancialYear.TryParse(c.FinancialYear, out var year);
                var contribution = Contribution.Record(fund.Id, byKey[c.Organisation].Id, year!.Value, c.Kind, ContributionForm.Cash, c.Amount, c.Note, now);
                db.Contributions.Add(contribution);
                Provenance<Contribution>(contribution.Id, entry.ContributionsProvenance, $"{entry.Name} contribution");
            }
            var booking = LedgerBooking.Start(fund.Id, now);
            if (entry.Ledger.Count > 0)
            {
                db.LedgerBookings.Add(booking);
                Provenance<LedgerBooking>(booking.Id, entry.LedgerProvenance, $"{entry.Name} ledger");
            }
            foreach (var line in entry.Ledger)
            {
                if (LedgerLine.Problems(line.Date, line.Amount, line.Category, line.Description, line.ExternalReference, fund.StartsOn, fund.EndsOn).FirstOrDefault() is { Field: not null } problem)
                    throw new InvalidOperationException($"Demo ledger line {line.ExternalReference} breaks a rule: {problem.Field} {problem.Message}");
                db.LedgerLines.Add(LedgerLine.Book(booking, line.Date, line.Amount, line.Category, line.Description, line.ExternalReference));
            }
            added++;
        }
        return added;
    }

    /// <summary>Records where a record added comes from, refusing a demo record that does not say.</summary>
    private void Provenance<TRecord>(Guid id, DemoProvenance? source, string record)
    {
        if (source is null || string.IsNullOrWhiteSpace(source.Note) || source.Note.Length > RecordProvenance.MaxNoteLength)
            throw new InvalidOperationException($"Demo record {record} has no provenance note (at most {RecordProvenance.MaxNoteLength} characters).");
        if (source.Paper is not null && !_papers.ContainsKey(source.Paper))
            throw new InvalidOperationException($"Demo record {record} names paper {source.Paper}, which papers.json does not hold.");
        if (source.Illustrative?.FirstOrDefault(path => !path.StartsWith('$')) is { } bad)
            throw new InvalidOperationException($"Demo record {record}: an illustrative fact is a JSON path into the record ($...), not '{bad}'.");
        var resource = db.Model.FindEntityType(typeof(TRecord))?.GetTableName()
            ?? throw new InvalidOperationException($"{typeof(TRecord).Name} is not a table of the register.");
        db.Set<RecordProvenance>().Add(RecordProvenance.For(resource, id, source.Paper, source.Paper is null ? null : _papers[source.Paper],
            source.Paragraphs, source.Illustrative ?? [], source.Note.Trim(), clock.GetUtcNow()));
    }

    private static void Require(IReadOnlyList<Domain.Common.RuleViolation> problems, string record)
    {
        if (problems is [var first, ..])
            throw new InvalidOperationException($"Demo record {record} breaks a rule: {first.Field} {first.Message}");
    }

    private static string Signature(DateOnly on, IEnumerable<Guid> before, IEnumerable<Guid> after) =>
        $"{on:O}|{string.Join(',', before.Order())}|{string.Join(',', after.Order())}";

    private static async Task<T> ReadAsync<T>(string name, CancellationToken cancellationToken)
    {
        await using var stream = typeof(DemoDataLoader).Assembly.GetManifestResourceStream($"{typeof(DemoDataLoader).Namespace}.{name}")
            ?? throw new InvalidOperationException($"The demo data file {name} is not embedded in the assembly.");
        return await JsonSerializer.DeserializeAsync<T>(stream, Json, cancellationToken)
            ?? throw new InvalidOperationException($"The demo data file {name} is empty.");
    }
}
