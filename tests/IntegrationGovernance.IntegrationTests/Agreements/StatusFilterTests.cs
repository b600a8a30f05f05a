using System.Net;
using IntegrationGovernance.Api.Agreements;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.RecordKeeping;
using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.Agreements;

/// <summary>
/// <c>status</c> on the agreements list (which the agreements page filters by): the status the register records, now or,
/// with <c>asOf</c>, as it stood then; it combines with the other questions.
/// </summary>
public sealed class StatusFilterTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task The_status_filter_answers_by_the_recorded_status_and_as_the_register_stood_at_a_moment()
    {
        var parties = await _client.CouncilAndPctAsync($"Status {Guid.NewGuid():N}");
        var request = Support.Agreements.Section75($"STATUS-{Guid.NewGuid():N}"[..30], parties);
        var (agreement, etag) = await _client.CreateAgreementAsync(request);
        var ofCouncil = $"{Support.Agreements.Url}?organisationId={parties.Council.Id}";
        Assert.Equal([agreement.Id], await IdsAsync($"{ofCouncil}&status=Draft"));
        Assert.Empty(await IdsAsync($"{ofCouncil}&status=Approved"));
        var whileDraft = await LatestCommitAsync(agreement.Id);

        // recorded later: every party approves, and the agreement is approved
        foreach (var party in request.Parties)
        {
            (_, etag) = await _client.ActOnAsync(agreement.Id, "approvals", new ApprovalContract
            {
                BodyId = party.OrganisationId,
                DecidedOn = new DateOnly(2012, 3, 1),
                Outcome = ApprovalOutcome.Approved,
            }, etag);
        }
        await _client.ActOnAsync(agreement.Id, "transitions", new TransitionRequest { To = AgreementStatus.Approved, EffectiveOn = new DateOnly(2012, 3, 1) }, etag);

        Assert.Empty(await IdsAsync($"{ofCouncil}&status=Draft"));
        Assert.Equal([agreement.Id], await IdsAsync($"{ofCouncil}&status=Approved"));
        // as the register stood while it was a draft: unchanged
        Assert.Equal([agreement.Id], await IdsAsync($"{ofCouncil}&status=Draft&asOf={Bindings.Moment(whileDraft)}"));
        Assert.Empty(await IdsAsync($"{ofCouncil}&status=Approved&asOf={Bindings.Moment(whileDraft)}"));
        // it combines with the ranked search, and an unknown status is refused naming the parameter
        Assert.Equal([agreement.Id], await IdsAsync($"{Support.Agreements.Url}?status=Approved&q={Uri.EscapeDataString(agreement.Reference)}"));
        var refused = await _client.GetAsync($"{Support.Agreements.Url}?status=Dormant");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("status", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<List<Guid>> IdsAsync(string url) =>
        (await (await _client.GetAsync(url)).ReadAsync<Page<AgreementResponse>>(HttpStatusCode.OK)).Items.Select(a => a.Id).ToList();

    private async Task<DateTimeOffset> LatestCommitAsync(Guid id)
    {
        var history = await (await _client.GetAsync($"{Support.Agreements.Url}/{id}/history?limit=500")).ReadAsync<Page<RevisionResponse<AgreementResponse>>>(HttpStatusCode.OK);
        return history.Items[^1].CommittedAt!.Value;
    }
}
