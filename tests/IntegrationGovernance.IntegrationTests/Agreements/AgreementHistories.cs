using System.Collections.Immutable;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using IntegrationGovernance.Api.Agreements;
using IntegrationGovernance.Api.Organisations;
using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.Domain.Successions;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.Agreements;

/// <summary>The organisations of one history, each made for it alone: the council and the PCT are parties from the start.</summary>
public enum Who { Council, Pct, Trust, Joiner, Ccg }

/// <summary>A change to the parties: with a role, join or change role; with <see cref="Replaces"/>, take that party's place; with neither, leave.</summary>
public sealed record PartyMove(Who Who, PartyRole? Role, Who? Replaces)
{
    public override string ToString() => (Replaces, Role) switch
    {
        ({ } replaced, { } role) => $"{Who} replaces {replaced} as {role}",
        ({ } replaced, null) => $"{Who} replaces {replaced}",
        (null, { } role) => $"{Who} as {role}",
        _ => $"{Who} leaves",
    };
}

/// <summary>One operation of a history, made through the API as the administrator; the API may refuse it.</summary>
public abstract record Step
{
    /// <summary>The days the step names, around which the answers may change.</summary>
    public abstract IEnumerable<DateOnly> Days { get; }

    /// <summary>The requests it makes of the API.</summary>
    public virtual int Operations => 1;
}

public sealed record Transition(AgreementStatus To, DateOnly On) : Step
{
    public override IEnumerable<DateOnly> Days => [On];

    public override string ToString() => $"{To} from {On:yyyy-MM-dd}";
}

/// <summary>Expiry some days after the end date in force, whatever the steps before made it.</summary>
public sealed record ExpiryAfterEnd(int DaysAfter) : Step
{
    public override IEnumerable<DateOnly> Days => [];

    public override string ToString() => $"Expired {DaysAfter} day(s) after the end in force";
}

public sealed record Vary(DateOnly On, DateOnly? EndsOn, DateOnly? ReviewOn, int? NoticeMonths, ImmutableArray<string>? Services, ImmutableArray<PartyMove> Parties) : Step
{
    public override IEnumerable<DateOnly> Days => new[] { On, EndsOn, ReviewOn }.OfType<DateOnly>();

    public override string ToString()
    {
        var terms = new[]
        {
            EndsOn is { } end ? $"ends {end:yyyy-MM-dd}" : null,
            ReviewOn is { } review ? $"review {review:yyyy-MM-dd}" : null,
            NoticeMonths is { } months ? $"notice {months} month(s)" : null,
            Services is { } services ? $"services [{string.Join(", ", services)}]" : null,
            Parties.Length > 0 ? $"parties: {string.Join(", ", Parties)}" : null,
        };
        return $"variation from {On:yyyy-MM-dd}: {string.Join("; ", terms.OfType<string>())}";
    }
}

/// <summary>
/// A party serves notice; or serves notice taking effect years ahead and withdraws it at once, which it may only before the
/// notice takes effect (counted from the real today).
/// </summary>
public sealed record Serve(Who By, NoticeKind Kind, DateOnly ServedOn, DateOnly? EffectiveOn, bool ThenWithdrawn) : Step
{
    public override IEnumerable<DateOnly> Days => new[] { ServedOn, EffectiveOn }.OfType<DateOnly>();

    public override int Operations => ThenWithdrawn ? 2 : 1;

    public override string ToString() =>
        $"{By} serves notice of {Kind} on {ServedOn:yyyy-MM-dd}{(EffectiveOn is { } on ? $", effective {on:yyyy-MM-dd}" : ", effective when the notice period has run")}"
        + (ThenWithdrawn ? ", then withdraws it" : string.Empty);
}

/// <summary>Suspension from a day, and Active again some days later.</summary>
public sealed record Suspension(DateOnly From, int Length) : Step
{
    public DateOnly Until => From.AddDays(Length);

    public override IEnumerable<DateOnly> Days => [From, Until];

    public override int Operations => 2;

    public override string ToString() => $"Suspended from {From:yyyy-MM-dd}, Active again from {Until:yyyy-MM-dd}";
}

/// <summary>The PCT is abolished and the CCG succeeds it: the register novates the agreement from that day.</summary>
public sealed record PctSucceeded(DateOnly On) : Step
{
    public override IEnumerable<DateOnly> Days => [On];

    public override string ToString() => $"the CCG succeeds the PCT on {On:yyyy-MM-dd}";
}

/// <summary>A section 75 agreement as first made, and what is done to it after it is Active.</summary>
public sealed record HistoryPlan(
    DateOnly CommencesOn, DateOnly? EndsOn, DateOnly? ReviewOn, int? NoticeMonths, PartyRole? TrustRole,
    int ApprovedDaysBefore, int ActiveDaysAfter, ImmutableArray<Step> Steps, ImmutableArray<int> DayOffsets, ImmutableArray<int> Windows, int DaySeed)
{
    public DateOnly ApprovedOn => CommencesOn.AddDays(-ApprovedDaysBefore);

    public DateOnly ActiveFrom => CommencesOn.AddDays(ActiveDaysAfter);

    public override string ToString()
    {
        var parties = TrustRole is { } role ? $"Council Host, Pct Partner, Trust {role}" : "Council Host, Pct Partner";
        return $"commences {CommencesOn:yyyy-MM-dd}, {(EndsOn is { } end ? $"ends {end:yyyy-MM-dd}" : "no end date")}, "
            + $"{(ReviewOn is { } review ? $"review {review:yyyy-MM-dd}" : "no review date")}, "
            + $"{(NoticeMonths is { } months ? $"notice {months} month(s)" : "no notice period")}; parties {parties}; "
            + $"approved by every party and Approved on {ApprovedOn:yyyy-MM-dd}, Active from {ActiveFrom:yyyy-MM-dd}; then "
            + (Steps.Length == 0 ? "nothing" : string.Join("; ", Steps.Select((s, i) => $"{i + 1}. {s}")));
    }
}

/// <summary>Random agreement histories: small, with dates around the agreement's own, so that many steps are accepted.</summary>
public static class AgreementHistories
{
    public const int MaxOperations = 8;

    private static readonly Gen<Who> Parties = Gen.OneOf(Who.Council, Who.Pct, Who.Trust, Who.Joiner);
    private static readonly Gen<PartyRole> Roles = Gen.OneOf(PartyRole.Host, PartyRole.Partner, PartyRole.Provider);

    private static readonly Gen<PartyMove> Moves = Weighted(
        (6, Gen.Select(Parties, Roles, (who, role) => new PartyMove(who, role, null))),
        (3, Parties.Select(who => new PartyMove(who, null, null))),
        (2, Gen.Select(Gen.OneOf(Who.Pct, Who.Trust, Who.Joiner), Gen.OneOf(Who.Pct, Who.Trust, Who.Joiner), Gen.OneOf<PartyRole?>(null, PartyRole.Partner),
            (who, replaced, role) => new PartyMove(who, role, replaced))));

    // the host can pass only in one variation with the council's own change of role: the pooled fund needs exactly one
    private static readonly Gen<ImmutableArray<PartyMove>> PartyChanges = Weighted(
        (4, Moves.Array[1, 2].Select(moves => moves.ToImmutableArray())),
        (1, Gen.OneOf(Who.Pct, Who.Trust, Who.Joiner).Select(who => ImmutableArray.Create(new PartyMove(Who.Council, PartyRole.Partner, null), new PartyMove(who, PartyRole.Host, null)))));

    private static readonly Gen<ImmutableArray<string>> Services = Gen.OneOf(
        ImmutableArray.Create("community health services"), ImmutableArray.Create("adult social care", "school nursing"), ImmutableArray.Create("health visiting"));

    // a review soon after commencement is asked about before it too, while the agreement is only approved
    private static readonly Gen<int> ReviewOffsets = Weighted((1, Gen.Int[0, 90]), (3, Gen.Int[0, 4000]));

    public static readonly Gen<HistoryPlan> Plans =
        from commencesOn in Gen.Select(Gen.Int[2008, 2020], Gen.Int[1, 12], Gen.Int[1, 28], (y, m, d) => new DateOnly(y, m, d))
        from terms in Gen.Select(Optional(3, Gen.Int[30, 5800]), Optional(2, ReviewOffsets), Optional(3, Gen.Int[0, 24]), Optional(2, Gen.OneOf(PartyRole.Partner, PartyRole.Provider)))
        from setup in Gen.Select(Gen.Int[0, 120], Weighted((3, Gen.Const(0)), (1, Gen.Int[1, 20])))
        from offsets in Gen.Int[-10, 5800].Array[0, MaxOperations]
        from steps in Sequence(offsets.Order().Select(offset => StepOn(commencesOn, commencesOn.AddDays(offset))))
        from days in Gen.Int[-400, 6500].Array[4]
        from windows in Gen.Int[0, 400].Array[3]
        from daySeed in Gen.Int
        select new HistoryPlan(commencesOn, terms.Item1 is { } end ? commencesOn.AddDays(end) : null, terms.Item2 is { } review ? commencesOn.AddDays(review) : null,
            terms.Item3, terms.Item4, setup.Item1, setup.Item2, AtMost(MaxOperations, steps), [.. days], [.. windows], daySeed);

    private static Gen<Step> StepOn(DateOnly commencesOn, DateOnly on)
    {
        var varied = new Vary(on, null, null, null, null, []);
        return Weighted(
            (1, Gen.Const<Step>(new Transition(AgreementStatus.Suspended, on))),
            (2, Gen.Int[1, 400].Select(days => (Step)new Suspension(on, days))),
            (1, Gen.Const<Step>(new Transition(AgreementStatus.Active, on))),
            (1, Gen.Const<Step>(new Transition(AgreementStatus.Terminated, on))),
            (1, Gen.Int[1, 90].Select(days => (Step)new ExpiryAfterEnd(days))),
            (2, Gen.Int[-30, 3000].Select(days => (Step)(varied with { EndsOn = Later(on.AddDays(days), commencesOn) }))),
            (2, Gen.Int[-30, 2000].Select(days => (Step)(varied with { ReviewOn = Later(on.AddDays(days), commencesOn) }))),
            (1, Gen.Int[0, 24].Select(months => (Step)(varied with { NoticeMonths = months }))),
            (1, Services.Select(services => (Step)(varied with { Services = services }))),
            (4, PartyChanges.Select(moves => (Step)(varied with { Parties = moves }))),
            (4, Gen.Select(Gen.OneOf(Who.Council, Who.Pct, Who.Pct, Who.Pct, Who.Trust, Who.Trust, Who.Joiner, Who.Ccg), Gen.OneOf(NoticeKind.Withdrawal, NoticeKind.Withdrawal, NoticeKind.Termination),
                Optional(2, Gen.Int[0, 800]), Weighted((3, Gen.Const(false)), (1, Gen.Const(true))),
                (by, kind, after, withdrawn) => (Step)new Serve(by, kind, on, withdrawn ? on.AddYears(25) : after is { } days ? on.AddDays(days) : null, withdrawn))),
            (1, Gen.Const<Step>(new PctSucceeded(on))));
    }

    /// <summary>The first steps, as many as make at most <paramref name="operations"/> requests.</summary>
    private static ImmutableArray<Step> AtMost(int operations, ImmutableArray<Step> steps)
    {
        var made = 0;
        return [.. steps.TakeWhile(step => (made += step.Operations) <= operations)];
    }

    private static DateOnly Later(DateOnly day, DateOnly floor) => day < floor ? floor : day;

    private static Gen<T?> Optional<T>(int presentWeight, Gen<T> value) where T : struct =>
        Weighted((1, Gen.Const((T?)null)), (presentWeight, value.Select(v => (T?)v)));

    private static Gen<T> Weighted<T>(params (int Weight, Gen<T> Gen)[] choices) =>
        Gen.Frequency([.. choices.Select(c => (c.Weight, (IGen<T>)c.Gen))]);

    private static Gen<ImmutableArray<T>> Sequence<T>(IEnumerable<Gen<T>> gens) =>
        gens.Aggregate(Gen.Const(ImmutableArray<T>.Empty), (all, next) => Gen.Select(all, next, (list, item) => list.Add(item)));
}

/// <summary>
/// One history made through the API as the administrator: its own organisations, the agreement approved by every party,
/// Approved and Active, then each step, refused ones skipped (a refusal must be a 400, 409 or 422, never a 5xx).
/// </summary>
public sealed class AgreementHistory
{
    private readonly HttpClient _admin;
    private readonly HistoryPlan _plan;
    private readonly List<string> _outcomes = [];
    private string _etag;
    private DateOnly? _latestEndsOn;
    private int _latestNotice;

    private AgreementHistory(HttpClient admin, HistoryPlan plan, AgreementResponse created, string etag, IReadOnlyDictionary<Who, Guid> organisations)
    {
        (_admin, _plan, Id, _etag, _latestEndsOn, Organisations) = (admin, plan, created.Id, etag, created.LatestEndsOn, organisations);
    }

    public Guid Id { get; }

    /// <summary>The organisations made for this history: those its plan names.</summary>
    public IReadOnlyDictionary<Who, Guid> Organisations { get; }

    /// <summary>What became of each step: applied, or refused with the problem's type.</summary>
    public IReadOnlyList<string> Outcomes => _outcomes;

    public static async Task<AgreementHistory> MakeAsync(HttpClient admin, HistoryPlan plan, string label)
    {
        var made = await Task.WhenAll(Needed(plan).Select(who => OrganisationAsync(admin, who, label)));
        var organisations = made.ToDictionary(o => o.Who, o => o.Id);
        var parties = new List<AgreementPartyContract>
        {
            new() { OrganisationId = organisations[Who.Council], Role = PartyRole.Host },
            new() { OrganisationId = organisations[Who.Pct], Role = PartyRole.Partner },
        };
        if (plan.TrustRole is { } role)
            parties.Add(new() { OrganisationId = organisations[Who.Trust], Role = role });
        var reference = $"TERMS-{label}-{Guid.NewGuid():N}"[..30];
        var request = new AgreementRequest
        {
            Reference = reference,
            Title = $"Section 75 agreement {reference}",
            Basis = StatutoryBasis.Section75NhsAct2006,
            Flexibilities = [Flexibility.PooledFund],
            Services = ["community health services", "adult social care"],
            ClientGroups = ["adults"],
            Parties = parties,
            CommencesOn = plan.CommencesOn,
            EndsOn = plan.EndsOn,
            ReviewOn = plan.ReviewOn,
            NoticeMonths = plan.NoticeMonths,
        };
        var (created, etag) = await admin.CreateAgreementAsync(request);
        var history = new AgreementHistory(admin, plan, created, etag, organisations);
        await history.StartAsync(request.Parties.Select(p => p.OrganisationId));
        foreach (var step in plan.Steps)
            await history.ApplyAsync(step);
        return history;
    }

    public string NameOf(Guid organisationId) =>
        Organisations.Where(o => o.Value == organisationId).Select(o => o.Key.ToString()).DefaultIfEmpty(organisationId.ToString()).First();

    /// <summary>Makes the step through the API; false when the API refused it.</summary>
    public Task<bool> ApplyAsync(Step step) => step switch
    {
        Transition t => ActAsync(step.ToString(), "transitions", new TransitionRequest { To = t.To, EffectiveOn = t.On }),
        ExpiryAfterEnd e => ExpireAsync(e),
        Vary v => ActAsync(step.ToString(), "variations", VariationOf(v)),
        Serve s => ServeAsync(s),
        Suspension s => SuspendAsync(s),
        PctSucceeded s => SucceedAsync(s),
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "Unknown step."),
    };

    private async Task StartAsync(IEnumerable<Guid> parties)
    {
        foreach (var party in parties)
        {
            (_, _etag) = await _admin.ActOnAsync(Id, "approvals", new ApprovalContract
            {
                BodyId = party, DecidedOn = _plan.ApprovedOn, MinuteReference = "CAB/1", Outcome = ApprovalOutcome.Approved,
            }, _etag);
        }
        (_, _etag) = await _admin.ActOnAsync(Id, "transitions", new TransitionRequest { To = AgreementStatus.Approved, EffectiveOn = _plan.ApprovedOn }, _etag);
        (_, _etag) = await _admin.ActOnAsync(Id, "transitions", new TransitionRequest { To = AgreementStatus.Active, EffectiveOn = _plan.ActiveFrom }, _etag);
    }

    private VariationRequest VariationOf(Vary v) => new()
    {
        EffectiveOn = v.On,
        Description = v.ToString(),
        EndsOn = v.EndsOn,
        ReviewOn = v.ReviewOn,
        NoticeMonths = v.NoticeMonths,
        Services = v.Services?.ToList(),
        Parties = [.. v.Parties.Select(m => new PartyChangeContract
        {
            OrganisationId = Organisations[m.Who], Role = m.Role, Replaces = m.Replaces is { } replaced ? Organisations[replaced] : null,
        })],
    };

    private Task<bool> ExpireAsync(ExpiryAfterEnd step)
    {
        // with no end date in force the API must refuse the expiry; the day is then only something to ask about
        var on = (_latestEndsOn ?? _plan.CommencesOn).AddDays(step.DaysAfter);
        return ActAsync($"{step} (on {on:yyyy-MM-dd})", "transitions", new TransitionRequest { To = AgreementStatus.Expired, EffectiveOn = on });
    }

    private async Task<bool> ServeAsync(Serve step)
    {
        var notice = new NoticeRequest { OrganisationId = Organisations[step.By], Kind = step.Kind, ServedOn = step.ServedOn, EffectiveOn = step.EffectiveOn };
        var description = step with { ThenWithdrawn = false };
        return await ActAsync(description.ToString(), "notices", notice)
            && (!step.ThenWithdrawn || await ActAsync($"notice {_latestNotice} withdrawn", $"notices/{_latestNotice}/withdrawal", new { }));
    }

    private async Task<bool> SuspendAsync(Suspension step) =>
        await ActAsync($"Suspended from {step.From:yyyy-MM-dd}", "transitions", new TransitionRequest { To = AgreementStatus.Suspended, EffectiveOn = step.From })
        && await ActAsync($"Active again from {step.Until:yyyy-MM-dd}", "transitions", new TransitionRequest { To = AgreementStatus.Active, EffectiveOn = step.Until });

    private async Task<bool> SucceedAsync(PctSucceeded step)
    {
        var response = await _admin.PostJsonAsync(Register.Successions, new SuccessionRequest
        {
            PredecessorIds = [Organisations[Who.Pct]], SuccessorIds = [Organisations[Who.Ccg]], EffectiveOn = step.On, Kind = SuccessionKind.AbolitionWithTransfer,
        });
        if (!await RecordAsync(step.ToString(), response, ofTheAgreement: false))
            return false;
        // the succession novated the agreement, so its ETag has moved on
        using var agreement = await _admin.GetAsync($"{Support.Agreements.Url}/{Id}");
        Remember(await agreement.ReadAsync<AgreementResponse>(HttpStatusCode.OK), agreement.Headers.ETag!.ToString());
        return true;
    }

    private async Task<bool> ActAsync(string description, string action, object body) =>
        await RecordAsync(description, await _admin.SendWithIfMatchAsync(HttpMethod.Post, $"{Support.Agreements.Url}/{Id}/{action}", body, _etag));

    private async Task<bool> RecordAsync(string description, HttpResponseMessage response, bool ofTheAgreement = true)
    {
        using (response)
        {
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(status < 500, $"{description}: a server error, {status}: {body}");
            if (response.IsSuccessStatusCode)
            {
                if (ofTheAgreement)
                    Remember(JsonSerializer.Deserialize<AgreementResponse>(body, ApiJson.Options)!, response.Headers.ETag!.ToString());
                _outcomes.Add($"{description}: applied");
                return true;
            }
            // any other refusal means the test, not the agreement, went wrong (a stale ETag, the rate limit...)
            Assert.True(status is (int)HttpStatusCode.BadRequest or (int)HttpStatusCode.Conflict or (int)HttpStatusCode.UnprocessableEntity,
                $"{description}: refused with {status}: {body}");
            _outcomes.Add($"{description}: refused {status} ({(string?)JsonNode.Parse(body)?["type"]})");
            return false;
        }
    }

    private void Remember(AgreementResponse agreement, string etag) =>
        (_etag, _latestEndsOn, _latestNotice) = (etag, agreement.LatestEndsOn, agreement.Notices.Select(n => n.Number).DefaultIfEmpty(0).Max());

    /// <summary>The organisations the plan names: only these are made, each a write.</summary>
    private static IEnumerable<Who> Needed(HistoryPlan plan) =>
        plan.Steps.SelectMany(step => step switch
            {
                Vary v => v.Parties.SelectMany(m => m.Replaces is { } replaced ? [m.Who, replaced] : new[] { m.Who }),
                Serve s => [s.By],
                PctSucceeded => [Who.Ccg],
                _ => [],
            })
            .Concat(plan.TrustRole is null ? [Who.Council, Who.Pct] : [Who.Council, Who.Pct, Who.Trust])
            .Distinct();

    private static async Task<(Who Who, Guid Id)> OrganisationAsync(HttpClient admin, Who who, string label)
    {
        var organisation = who switch
        {
            Who.Council => Register.Organisation($"{label} Council", OrganisationType.UnitaryAuthority),
            Who.Pct => Register.Organisation($"{label} PCT", OrganisationType.PrimaryCareTrust, from: "2002-04-01"),
            Who.Trust => Register.Organisation($"{label} NHS Trust", OrganisationType.NhsTrust),
            Who.Joiner => Register.Organisation($"{label} NHS Foundation Trust", OrganisationType.NhsFoundationTrust),
            _ => Register.Organisation($"{label} CCG", OrganisationType.ClinicalCommissioningGroup),
        };
        return (who, (await admin.CreateOrganisationAsync(organisation)).Id);
    }
}
