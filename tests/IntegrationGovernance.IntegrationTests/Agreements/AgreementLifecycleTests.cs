using System.Net;
using IntegrationGovernance.Api.Agreements;
using IntegrationGovernance.Api.RecordKeeping;
using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.Agreements;

public sealed class AgreementLifecycleTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task A_draft_is_created_read_back_and_revised_with_if_match()
    {
        var parties = await _client.CouncilAndPctAsync("Draft");
        var (created, etag) = await _client.CreateAgreementAsync(Support.Agreements.Section75("draft-s75-1", parties));

        Assert.Equal("DRAFT-S75-1", created.Reference);
        Assert.Equal(AgreementStatus.Draft, created.Status);
        var revised = await _client.SendWithIfMatchAsync(HttpMethod.Put, $"{Support.Agreements.Url}/{created.Id}",
            Support.Agreements.Section75("DRAFT-S75-1", parties) with { Title = "Revised title" }, etag);
        Assert.Equal("Revised title", (await revised.ReadAsync<AgreementResponse>(HttpStatusCode.OK)).Title);

        var stale = await _client.SendWithIfMatchAsync(HttpMethod.Put, $"{Support.Agreements.Url}/{created.Id}",
            Support.Agreements.Section75("DRAFT-S75-1", parties) with { Title = "Lost update" }, etag);
        await stale.ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        var missing = await _client.SendWithIfMatchAsync(HttpMethod.Put, $"{Support.Agreements.Url}/{created.Id}",
            Support.Agreements.Section75("DRAFT-S75-1", parties), null);
        await missing.ReadProblemAsync(HttpStatusCode.PreconditionRequired);
    }

    [Fact]
    public async Task The_lifecycle_runs_from_draft_through_approval_to_active_and_termination()
    {
        var parties = await _client.CouncilAndPctAsync("Lifecycle");
        var (agreement, etag) = await _client.ActiveAgreementAsync(Support.Agreements.Section75("LIFE-1", parties), parties.Council.Id);
        Assert.Equal(AgreementStatus.Active, agreement.Status);
        Assert.Equal([AgreementStatus.Approved, AgreementStatus.Active], agreement.StatusChanges.Select(c => c.Status));

        (agreement, etag) = await _client.ActOnAsync(agreement.Id, "transitions",
            new TransitionRequest { To = AgreementStatus.Suspended, EffectiveOn = new DateOnly(2013, 1, 1) }, etag);
        (agreement, etag) = await _client.ActOnAsync(agreement.Id, "transitions",
            new TransitionRequest { To = AgreementStatus.Active, EffectiveOn = new DateOnly(2013, 2, 1) }, etag);
        (agreement, _) = await _client.ActOnAsync(agreement.Id, "transitions",
            new TransitionRequest { To = AgreementStatus.Terminated, EffectiveOn = new DateOnly(2014, 4, 1), Reason = "Superseded" }, etag);

        Assert.Equal(AgreementStatus.Terminated, agreement.Status);
        var history = await (await _client.GetAsync($"{Support.Agreements.Url}/{agreement.Id}/history")).ReadAsync<HistoryPage>(HttpStatusCode.OK);
        // created; an approval by each of the two parties; Approved, Active, Suspended, Active, Terminated
        Assert.Equal(["created", "updated", "updated", "updated", "updated", "updated", "updated", "updated"], history.Items.Select(r => r.Kind));
        Assert.Equal(AgreementStatus.Terminated, history.Items[^1].Record.Status);
        Assert.Equal(AgreementStatus.Draft, history.Items[0].Record.Status);
    }

    [Fact]
    public async Task Approval_is_required_before_an_agreement_is_approved()
    {
        var parties = await _client.CouncilAndPctAsync("Unapproved");
        var (created, etag) = await _client.CreateAgreementAsync(Support.Agreements.Section75("UNAPPROVED-1", parties));

        var response = await _client.SendWithIfMatchAsync(HttpMethod.Post, $"{Support.Agreements.Url}/{created.Id}/transitions",
            new TransitionRequest { To = AgreementStatus.Approved, EffectiveOn = new DateOnly(2012, 3, 1) }, etag);

        var problem = await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("urn:integration-governance:problem:approval-required", (string?)problem["type"]);
    }

    [Fact]
    public async Task A_transition_the_lifecycle_does_not_allow_is_a_conflict()
    {
        var parties = await _client.CouncilAndPctAsync("Skipping");
        var (created, etag) = await _client.CreateAgreementAsync(Support.Agreements.Section75("SKIP-1", parties));

        var response = await _client.SendWithIfMatchAsync(HttpMethod.Post, $"{Support.Agreements.Url}/{created.Id}/transitions",
            new TransitionRequest { To = AgreementStatus.Active, EffectiveOn = new DateOnly(2012, 4, 1) }, etag);

        var problem = await response.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("urn:integration-governance:problem:transition-not-allowed", (string?)problem["type"]);
    }

    [Theory]
    [InlineData(AgreementStatus.Terminated, "2012-04-01", "termination-before-commencement")]
    [InlineData(AgreementStatus.Expired, "2017-03-31", "not-yet-expired")]
    public async Task Ending_an_agreement_on_a_date_its_term_does_not_allow_is_refused(AgreementStatus to, string on, string code)
    {
        var parties = await _client.CouncilAndPctAsync($"Ending {to}");
        var (agreement, etag) = await _client.ActiveAgreementAsync(Support.Agreements.Section75($"END-{to}", parties), parties.Council.Id);

        var response = await _client.SendWithIfMatchAsync(HttpMethod.Post, $"{Support.Agreements.Url}/{agreement.Id}/transitions",
            new TransitionRequest { To = to, EffectiveOn = DateOnly.Parse(on) }, etag);

        var problem = await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal($"urn:integration-governance:problem:{code}", (string?)problem["type"]);
    }

    [Fact]
    public async Task Activation_before_commencement_is_refused()
    {
        var parties = await _client.CouncilAndPctAsync("Early");
        var request = Support.Agreements.Section75("EARLY-1", parties);
        var (created, etag) = await _client.CreateAgreementAsync(request);
        foreach (var party in new[] { parties.Council.Id, parties.Pct.Id })
        {
            (_, etag) = await _client.ActOnAsync(created.Id, "approvals", new ApprovalContract
            {
                BodyId = party, DecidedOn = new DateOnly(2012, 1, 1), Outcome = ApprovalOutcome.Approved,
            }, etag);
        }
        (_, etag) = await _client.ActOnAsync(created.Id, "transitions", new TransitionRequest { To = AgreementStatus.Approved, EffectiveOn = new DateOnly(2012, 1, 1) }, etag);

        var response = await _client.SendWithIfMatchAsync(HttpMethod.Post, $"{Support.Agreements.Url}/{created.Id}/transitions",
            new TransitionRequest { To = AgreementStatus.Active, EffectiveOn = new DateOnly(2012, 3, 31) }, etag);

        await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task An_approved_agreement_changes_only_by_variation()
    {
        var parties = await _client.CouncilAndPctAsync("Varied");
        var (agreement, etag) = await _client.ActiveAgreementAsync(Support.Agreements.Section75("VARIED-1", parties), parties.Council.Id);

        var revise = await _client.SendWithIfMatchAsync(HttpMethod.Put, $"{Support.Agreements.Url}/{agreement.Id}",
            Support.Agreements.Section75("VARIED-1", parties) with { Title = "Sneaky" }, etag);
        await revise.ReadProblemAsync(HttpStatusCode.Conflict);

        (agreement, etag) = await _client.ActOnAsync(agreement.Id, "variations", new VariationRequest
        {
            EffectiveOn = new DateOnly(2016, 4, 1), Description = "Term extended to 2022", EndsOn = new DateOnly(2022, 3, 31),
        }, etag);
        var variations = await (await _client.GetAsync($"{Support.Agreements.Url}/{agreement.Id}/variations")).ReadAsync<List<VariationResponse>>(HttpStatusCode.OK);

        Assert.Equal([1], variations.Select(v => v.Number));
        var before = await ReadOnAsync(agreement.Id, "2016-03-31");
        var after = await ReadOnAsync(agreement.Id, "2020-01-01");
        Assert.Equal(new DateOnly(2017, 3, 31), before.OnDate!.EndsOn);
        Assert.Null(before.OnDate.VariationNumber);
        Assert.Equal(new DateOnly(2022, 3, 31), after.OnDate!.EndsOn);
        Assert.True(after.OnDate.Active);
        Assert.Equal(1, after.OnDate.VariationNumber);
    }

    private async Task<AgreementResponse> ReadOnAsync(Guid id, string day) =>
        await (await _client.GetAsync($"{Support.Agreements.Url}/{id}?activeOn={day}")).ReadAsync<AgreementResponse>(HttpStatusCode.OK);

    private sealed record HistoryPage(List<RevisionResponse<AgreementResponse>> Items);
}
