using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using IntegrationGovernance.Api.Agreements;
using IntegrationGovernance.Api.RecordKeeping;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Common;
using IntegrationGovernance.Infrastructure.Persistence;
using IntegrationGovernance.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace IntegrationGovernance.IntegrationTests.Agreements;

/// <summary>
/// PostgreSQL answers the legal questions from the periods it keeps (<c>agreement_terms</c>); the domain's
/// <see cref="Agreement.TermsOn"/> is what they mean. For random histories made through the API (<see cref="AgreementHistories"/>),
/// read back as the domain object, every answer on days around each date in the history must be the domain's: from a fixed
/// seed, within a time cap.
/// </summary>
public sealed class TermsPropertyTests(RegisterApiFactory api, ITestOutputHelper output) : IClassFixture<RegisterApiFactory>
{
    // The whole run follows from this seed (TERMS_SEED replaces it, to explore); each history's own CsCheck seed is printed with it.
    private static readonly string Seed = Environment.GetEnvironmentVariable("TERMS_SEED") is { Length: > 0 } explore ? explore : "0000001diAi7";
    // histories: Histories, unless the time cap comes first; never fewer than MinimumHistories
    private const int Histories = 30;
    private const int MinimumHistories = 12;
    private const int AsOfHistories = 6;
    private static readonly TimeSpan TimeCap = TimeSpan.FromSeconds(20);
    // every request is a round trip through the API and PostgreSQL: a few at a time keep both cores busy
    private const int ParallelHistories = 3;
    private const int ParallelQuestions = 3;
    private const int MaxDays = 12;

    [Fact]
    public async Task PostgreSQL_answers_every_legal_question_as_the_domain_does_for_random_histories_and_days()
    {
        var clock = Stopwatch.StartNew();
        var (made, asked) = (0, 0);
        await ForEachHistoryAsync(HistorySeeds().Take(Histories), async (n, seed, plan) =>
        {
            if (n >= MinimumHistories && clock.Elapsed >= TimeCap)
                return;
            var client = ClientFor($"terms-property-{n}");
            var history = await AgreementHistory.MakeAsync(client, plan, $"P{n}");
            var agreement = await LoadAsync(history.Id);
            var questions = Questions(history, agreement, DaysToAsk(plan, agreement)).ToList();
            var mismatches = await MismatchesAsync(client, history.Id, questions);
            Assert.True(mismatches.Count == 0, Report(n, seed, plan, history, agreement, mismatches));
            Interlocked.Increment(ref made);
            Interlocked.Add(ref asked, questions.Count);
        });

        output.WriteLine($"Seed {Seed}: {made} histories, {asked} questions in {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task Asked_as_of_a_moment_between_two_changes_the_register_answers_as_it_then_stood_and_now_as_changed()
    {
        var exercised = 0;
        await ForEachHistoryAsync(HistorySeeds().Skip(Histories).Take(AsOfHistories), async (n, seed, plan) =>
        {
            if (await CheckAsOfAsync(n, seed, plan))
                Interlocked.Increment(ref exercised);
        });

        Assert.True(exercised > 0, $"Seed {Seed}: none of {AsOfHistories} histories could be ended earlier; choose another seed or more histories.");
        output.WriteLine($"Seed {Seed}: {exercised} of {AsOfHistories} histories ended earlier, and asked about as of a moment before and now");
    }

    /// <summary>
    /// Ends the agreement before a day it is active, and asks every question as of a moment between the revision before and
    /// the change (the database's own committed times, which asOf reads by) and now; false when there is no such day or the
    /// API refuses the change.
    /// </summary>
    private async Task<bool> CheckAsOfAsync(int n, string seed, HistoryPlan plan)
    {
        var client = ClientFor($"terms-as-of-{n}");
        var history = await AgreementHistory.MakeAsync(client, plan, $"A{n}");
        var before = await LoadAsync(history.Id);
        if (EarlierEnd(before) is not { } change)
            return false;
        var committed = await LastCommittedAsync(client, history.Id);
        if (!await history.ApplyAsync(change.Variation))
            return false;
        var after = await LoadAsync(history.Id);
        var changeCommitted = await LastCommittedAsync(client, history.Id);
        // halfway, in whole microseconds as PostgreSQL keeps them
        var moment = committed.AddTicks((changeCommitted - committed).Ticks / 2 / 10 * 10);

        Assert.True(committed <= moment && moment < changeCommitted, $"No moment between the revision committed at {committed:O} and the change committed at {changeCommitted:O}.");
        Assert.True(before.IsActiveOn(change.Day) && !after.IsActiveOn(change.Day), $"{change.Variation} does not change whether it is active on {change.Day:yyyy-MM-dd}.");
        var days = DaysToAsk(plan, after).Append((change.Day, 0)).DistinctBy(d => d.Day).ToList();
        var then = await MismatchesAsync(client, history.Id, Questions(history, before, days, moment).ToList());
        var now = await MismatchesAsync(client, history.Id, Questions(history, after, days).ToList());
        Assert.True(then.Count == 0, Report(n, seed, plan, history, before, then, $"asked as of {Moment(moment)}, before {change.Variation}"));
        Assert.True(now.Count == 0, Report(n, seed, plan, history, after, now, $"asked now, after {change.Variation}"));
        return true;
    }

    /// <summary>A variation ending the agreement the day before a day it is active, from a day a variation may still take effect.</summary>
    private static (Vary Variation, DateOnly Day)? EarlierEnd(Agreement agreement)
    {
        var from = agreement.Variations.Where(v => v.Kind == VariationKind.Variation).Select(v => v.EffectiveOn).Append(agreement.CommencesOn).Max();
        var candidates = agreement.Terms.Where(t => t.Active).Select(t => t.From).Append(from.AddDays(1)).Order();
        return candidates.Where(day => day > from && agreement.IsActiveOn(day)).Select(day => ((Vary, DateOnly)?)(
            new Vary(from, day.AddDays(-1), null, null, null, []), day)).FirstOrDefault();
    }

    /// <summary>Each history is a one-iteration CsCheck sample of its own seed, so that a failure prints the plan and the seed that makes it.</summary>
    private static Task ForEachHistoryAsync(IEnumerable<string> seeds, Func<int, string, HistoryPlan, Task> check) =>
        Parallel.ForEachAsync(seeds.Index(), new ParallelOptions { MaxDegreeOfParallelism = ParallelHistories }, async (item, _) =>
        {
            var (n, seed) = item;
            await AgreementHistories.Plans.SampleAsync(plan => check(n, seed, plan), seed: seed, iter: 1, threads: 1,
                print: plan => $"history {n} of seed {Seed} (its own seed {seed}): {plan}");
        });

    private static IEnumerable<string> HistorySeeds()
    {
        var master = PCG.Parse(Seed);
        while (true)
            yield return new PCG(master.Next(), master.Next64()).ToString();
    }

    // a subject per history keeps each under the rate limit; the admin scope makes it the administrator
    private HttpClient ClientFor(string subject) => api.CreateClientAs(subject, null, Scopes.Admin);

    private async Task<Agreement> LoadAsync(Guid id)
    {
        await using var scope = api.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegisterDbContext>().Agreements.AsNoTracking().SingleAsync(a => a.Id == id);
    }

    /// <summary>When the agreement's latest revision became visible, after a read with asOf has positioned every committed change.</summary>
    private static async Task<DateTimeOffset> LastCommittedAsync(HttpClient client, Guid id)
    {
        (await client.GetAsync($"{Support.Agreements.Url}/{id}?asOf={Moment(DateTimeOffset.UtcNow)}")).EnsureSuccessStatusCode();
        var history = await (await client.GetAsync($"{Support.Agreements.Url}/{id}/history?limit=500")).ReadAsync<HistoryPage>(HttpStatusCode.OK);
        return history.Items[^1].CommittedAt ?? throw new InvalidOperationException($"Revision {history.Items[^1].Revision} has no committed time.");
    }

    /// <summary>
    /// The days worth asking about: commencement and the day before, each end date and the day after, each review date and
    /// the day after, each date a step, transition, variation or notice names and the day before, and some random days; each
    /// with a window for the expiring and review questions, and the days a window of the first size opens on. There is time
    /// for at most <see cref="MaxDays"/>: commencement and the day before, and a sample of the rest.
    /// </summary>
    private static List<(DateOnly Day, int Window)> DaysToAsk(HistoryPlan plan, Agreement agreement)
    {
        var commencesOn = agreement.CommencesOn;
        var ends = agreement.Variations.Select(v => v.EndsOn).Append(agreement.EndsOn).OfType<DateOnly>().ToList();
        var reviews = agreement.Variations.Select(v => v.ReviewOn).Append(agreement.ReviewOn).OfType<DateOnly>().ToList();
        var effective = agreement.StatusChanges.Select(c => c.EffectiveOn)
            .Concat(agreement.Variations.Select(v => v.EffectiveOn))
            .Concat(agreement.Notices.SelectMany(n => new[] { n.ServedOn, n.EffectiveOn }))
            .Concat(plan.Steps.SelectMany(s => s.Days));
        var days = new[] { commencesOn.AddDays(-1), commencesOn }
            .Concat(ends.Concat(reviews).SelectMany(d => new[] { d, d.AddDays(1) }))
            .Concat(effective.SelectMany(d => new[] { d.AddDays(-1), d }))
            .Concat(plan.DayOffsets.Select(offset => commencesOn.AddDays(offset)))
            .Select((day, i) => (Day: day, Window: plan.Windows[i % plan.Windows.Length]));
        var window = plan.Windows[0];
        var opening = ends.Concat(reviews).SelectMany(d => new[] { (Day: d.AddDays(-window), Window: window), (Day: d.AddDays(-window - 1), Window: window) });
        var candidates = days.Take(2).Concat(opening).Concat(days.Skip(2)).DistinctBy(d => d.Day).ToList();
        var sample = new Random(plan.DaySeed);
        return [.. candidates.Take(2).Concat(candidates.Skip(2).OrderBy(_ => sample.Next()).Take(MaxDays - 2)).OrderBy(d => d.Day)];
    }

    /// <summary>
    /// What the API should answer, from the domain's terms in force on each day. The list with <c>organisationId</c> alone
    /// finds the agreement for any organisation that is a party in some period; with <c>activeOn</c>, one that is a party that
    /// day. The expiring, review and overdue questions are asked for the council, which may have left in some period.
    /// </summary>
    private static IEnumerable<Question> Questions(AgreementHistory history, Agreement agreement, IReadOnlyList<(DateOnly Day, int Window)> days, DateTimeOffset? asOf = null)
    {
        var at = asOf is { } moment ? $"&asOf={Moment(moment)}" : string.Empty;
        foreach (var (who, id) in history.Organisations)
        {
            var party = IsPartyInSomePeriod(agreement, id);
            yield return new(null, $"listed for {who}", $"{Support.Agreements.Url}?organisationId={id}{at}", party, false);
            yield return new(null, $"binding {who}", $"{Register.Organisations}/{id}/agreements?{at.TrimStart('&')}", party, true);
        }
        var concerned = history.Organisations.Where(o => agreement.PartyIds.Contains(o.Value)).ToList();
        var council = history.Organisations[Who.Council];
        var councilConcerned = IsPartyInSomePeriod(agreement, council);
        foreach (var ((day, window), index) in days.Select((d, i) => (d, i)))
        {
            var terms = agreement.TermsOn(day);
            var on = Iso(day);
            foreach (var (who, id) in concerned)
                yield return new(day, $"active with {who} a party", $"{Support.Agreements.Url}?activeOn={on}&organisationId={id}{at}", terms.Active && terms.HasParty(id), false);
            // the summaries answer the same question, each with the terms in force that day as the domain has them
            var (summarised, summarisedId) = concerned[index % concerned.Count];
            yield return new(day, $"summarised active with {summarised} a party", $"{Support.Agreements.Url}/summaries?activeOn={on}&organisationId={summarisedId}{at}",
                terms.Active && terms.HasParty(summarisedId), false) { InForce = terms };
            // one organisation a day by role and one by the binding list, in turn; by role, the role it has or another, in turn too
            var (byRole, roleOf) = concerned[index % concerned.Count];
            var party = terms.Parties.FirstOrDefault(p => p.OrganisationId == roleOf);
            var role = party is null ? (PartyRole)(index % 3)
                : index / concerned.Count % 2 == 0 ? party.Role
                : (PartyRole)(((int)party.Role + 1 + index % 2) % 3);
            yield return new(day, $"active with {byRole} a {role}", $"{Support.Agreements.Url}?activeOn={on}&organisationId={roleOf}&role={role}{at}",
                terms.Active && party?.Role == role, false);
            var (bound, boundId) = concerned[(index + 1) % concerned.Count];
            yield return new(day, $"binding {bound}", $"{Register.Organisations}/{boundId}/agreements?activeOn={on}{at}", terms.Active && terms.HasParty(boundId), true);
            yield return new(day, $"summarised binding {bound}", $"{Register.Organisations}/{boundId}/agreements/summaries?activeOn={on}{at}",
                terms.Active && terms.HasParty(boundId), true) { InForce = terms };
            var running = terms.Status is AgreementStatus.Active or AgreementStatus.Suspended;
            var finished = terms.Status is AgreementStatus.Terminated or AgreementStatus.Expired;
            var until = RegisterCalendar.DaysAfter(day, window);
            var asked = $"{Support.Agreements.Url}?on={on}&organisationId={council}{at}";
            yield return new(day, $"expiring within {window} days", $"{asked}&expiringWithinDays={window}",
                councilConcerned && running && terms.EndsOn is { } end && day <= end && end <= until, false);
            yield return new(day, $"review due within {window} days", $"{asked}&reviewWithinDays={window}",
                councilConcerned && !finished && terms.ReviewOn is { } review && day <= review && review <= until, false);
            yield return new(day, "overdue", $"{asked}&overdue=true", councilConcerned && running && terms.EndsOn < day, false);
        }
    }

    // parties change only on the days variations and notices take effect, so those days and commencement show every party there is
    private static bool IsPartyInSomePeriod(Agreement agreement, Guid organisationId) =>
        agreement.Variations.Select(v => v.EffectiveOn).Concat(agreement.Notices.Select(n => n.EffectiveOn)).Append(agreement.CommencesOn)
            .Where(day => day >= agreement.CommencesOn)
            .Any(day => agreement.TermsOn(day).HasParty(organisationId));

    private static async Task<List<Mismatch>> MismatchesAsync(HttpClient client, Guid id, IReadOnlyList<Question> questions)
    {
        var mismatches = new ConcurrentBag<Mismatch>();
        await Parallel.ForEachAsync(questions, new ParallelOptions { MaxDegreeOfParallelism = ParallelQuestions }, async (question, token) =>
        {
            var listed = await IsListedAsync(client, question, id, token);
            if (listed != question.Expected)
                mismatches.Add(new Mismatch(question, listed));
        });
        return [.. mismatches.OrderBy(m => m.Question.Day).ThenBy(m => m.Question.Text, StringComparer.Ordinal)];
    }

    private static async Task<bool> IsListedAsync(HttpClient client, Question question, Guid id, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(question.Url, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {question.Url}: {(int)response.StatusCode} {body}");
        var json = JsonNode.Parse(body)!;
        var ids = (question.Binding ? json["items"]!.AsArray().Select(b => b!["agreement"]!["id"]) : json["items"]!.AsArray().Select(a => a!["id"]))
            .Select(i => Guid.Parse((string)i!)).ToList();
        // the organisations are the history's own: no other agreement concerns them
        Assert.True(ids.All(i => i == id), $"GET {question.Url} lists agreements of another history: {string.Join(", ", ids)}");
        if (question.InForce is { } terms && ids.Contains(id))
            AssertInForce(question, terms, (question.Binding ? json["items"]![0]!["agreement"] : json["items"]![0])!["inForce"]!);
        return ids.Contains(id);
    }

    private static void AssertInForce(Question question, TermsInForce terms, JsonNode inForce)
    {
        var listed = inForce.Deserialize<InForceSummaryResponse>(ApiJson.Options)!;
        var expected = (terms.Active, terms.Status, Parties: Describe(terms.Parties), Services: string.Join("|", terms.Services), terms.EndsOn, terms.ReviewOn,
            terms.NoticeMonths, terms.VariationNumber, question.Day);
        var actual = (listed.Active, listed.Status, Parties: Describe(listed.Parties.Select(p => new AgreementParty(p.OrganisationId, p.Role))),
            Services: string.Join("|", listed.Services), listed.EndsOn, listed.ReviewOn, listed.NoticeMonths, listed.VariationNumber, Day: (DateOnly?)listed.Date);
        Assert.True(expected == actual, $"GET {question.Url}: in force {actual}, the domain says {expected}");

        static string Describe(IEnumerable<AgreementParty> parties) =>
            string.Join(", ", parties.Select(p => $"{p.OrganisationId}:{p.Role}").Order(StringComparer.Ordinal));
    }

    private static string Report(int n, string seed, HistoryPlan plan, AgreementHistory history, Agreement agreement, IReadOnlyList<Mismatch> mismatches, string? asked = null)
    {
        if (mismatches.Count == 0)
            return string.Empty;
        var report = new StringBuilder($"PostgreSQL and the domain disagree on history {n} of seed {Seed} (its own seed {seed}){(asked is null ? "" : $", {asked}")}.\n");
        report.Append($"Plan: {plan}\nOperations:\n");
        foreach (var outcome in history.Outcomes)
            report.Append($"  {outcome}\n");
        report.Append("Periods the domain gives:\n");
        foreach (var period in agreement.Timeline())
            report.Append($"  [{period.From:yyyy-MM-dd}, {period.Until?.ToString("yyyy-MM-dd") ?? "…"}): {Describe(history, period.Status, period.Active, period.Parties, period.EndsOn, period.ReviewOn)}\n");
        report.Append($"{mismatches.Count} answer(s) differ:\n");
        foreach (var (question, listed) in mismatches.Take(25))
        {
            var terms = question.Day is { } day ? agreement.TermsOn(day) : null;
            report.Append($"  {(question.Day is { } d ? Iso(d) : "any day")}: {question.Text} (GET {question.Url}): PostgreSQL {(listed ? "lists it" : "does not")}, "
                + $"the domain says it {(question.Expected ? "should" : "should not")}"
                + (terms is null ? "\n" : $"; in force that day: {Describe(history, terms.Status, terms.Active, terms.Parties, terms.EndsOn, terms.ReviewOn)}\n"));
        }
        return report.ToString();
    }

    private static string Describe(AgreementHistory history, AgreementStatus status, bool active, IEnumerable<AgreementParty> parties, DateOnly? endsOn, DateOnly? reviewOn) =>
        $"{status}{(active ? ", active" : ", not active")}, parties {string.Join(", ", parties.Select(p => $"{history.NameOf(p.OrganisationId)} {p.Role}"))}, "
        + $"ends {endsOn?.ToString("yyyy-MM-dd") ?? "never"}, review {reviewOn?.ToString("yyyy-MM-dd") ?? "none"}";

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd");

    private static string Moment(DateTimeOffset moment) => Uri.EscapeDataString(moment.ToUniversalTime().ToString("O"));

    /// <summary>A question asked of the API (on a day, or of any day), and the answer the domain gives.</summary>
    private sealed record Question(DateOnly? Day, string Text, string Url, bool Expected, bool Binding)
    {
        /// <summary>For a list of summaries: the terms its item must show in force.</summary>
        public TermsInForce? InForce { get; init; }
    }

    private sealed record Mismatch(Question Question, bool Listed);

    private sealed record HistoryPage(List<RevisionResponse<AgreementResponse>> Items);
}
