using System.Net;
using IntegrationGovernance.Api.Agreements;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.RecordKeeping;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.Agreements;

/// <summary>Every question about agreements can be asked "in force on D, as the register stood at T".</summary>
public sealed class BitemporalQuestionTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task Expiring_on_a_past_date_is_judged_by_what_was_in_force_then_as_the_register_stood_at_a_moment()
    {
        var parties = await _client.CouncilAndPctAsync($"Expiring {Guid.NewGuid():N}");
        var (agreement, etag) = await _client.ActiveAgreementAsync(Support.Agreements.Section75("BITEMP-EXPIRING", parties, "2012-04-01", "2016-03-31"), parties.Council.Id);
        var before = await LatestCommitAsync(agreement.Id);
        var question = $"{Support.Agreements.Url}?organisationId={parties.Council.Id}&on=2016-02-01&expiringWithinDays=90";
        Assert.Equal([agreement.Id], await IdsAsync(question));

        // recorded later: the agreement expired after its end date
        (_, etag) = await _client.ActOnAsync(agreement.Id, "transitions", new TransitionRequest { To = Domain.Agreements.AgreementStatus.Expired, EffectiveOn = new DateOnly(2016, 4, 1) }, etag);
        Assert.Equal([agreement.Id], await IdsAsync(question)); // still running on 1 February 2016, whatever its status now
        var expiredAt = await LatestCommitAsync(agreement.Id);

        Assert.Equal([agreement.Id], await IdsAsync($"{question}&asOf={Bindings.Moment(before)}"));
        Assert.Equal([agreement.Id], await IdsAsync($"{question}&asOf={Bindings.Moment(expiredAt)}"));
        Assert.Empty(await IdsAsync($"{Support.Agreements.Url}?organisationId={parties.Council.Id}&on=2016-05-01&overdue=true&asOf={Bindings.Moment(expiredAt)}"));
        Assert.Equal([agreement.Id], await IdsAsync($"{Support.Agreements.Url}?organisationId={parties.Council.Id}&on=2016-05-01&overdue=true&asOf={Bindings.Moment(before)}"));
    }

    [Fact]
    public async Task Active_on_review_binding_schedules_and_variations_answer_as_the_register_stood()
    {
        var parties = await _client.CouncilAndPctAsync($"Stood {Guid.NewGuid():N}");
        var (agreement, etag) = await _client.ActiveAgreementAsync(Support.Agreements.Section75("BITEMP-STOOD", parties, "2012-04-01", null), parties.Council.Id);
        var (schedule, _) = await _client.CreateAgreementAsync(Support.Agreements.Section75("BITEMP-STOOD/1", parties) with { ParentId = agreement.Id });
        var before = await LatestCommitAsync(schedule.Id);

        (_, _) = await _client.ActOnAsync(agreement.Id, "variations", new VariationRequest
        {
            EffectiveOn = new DateOnly(2014, 4, 1), Description = "Ends early; review set", EndsOn = new DateOnly(2015, 3, 31), ReviewOn = new DateOnly(2014, 12, 1),
        }, etag);
        var ccg = await _client.CreateOrganisationAsync(Register.Organisation($"Stood CCG {Guid.NewGuid():N}", OrganisationType.ClinicalCommissioningGroup, from: "2013-04-01"));
        var pct = await _client.GetAsync($"{Register.Organisations}/{parties.Pct.Id}");
        var (pctRecord, pctTag) = (await pct.ReadAsync<Api.Organisations.OrganisationResponse>(HttpStatusCode.OK), pct.Headers.ETag!.ToString());
        await (await _client.SendWithIfMatchAsync(HttpMethod.Post, $"{Register.Organisations}/{pctRecord.Id}/close",
            new Api.Organisations.CloseOrganisationRequest { LastDay = new DateOnly(2013, 3, 31) }, pctTag)).ReadAsync<Api.Organisations.OrganisationResponse>(HttpStatusCode.OK);
        await _client.RecordSuccessionAsync(Register.Succession([pctRecord], [ccg], "2013-04-01"));
        var at = Bindings.Moment(before);

        Assert.Equal([agreement.Id], await IdsAsync($"{Support.Agreements.Url}?activeOn=2016-01-01&organisationId={parties.Council.Id}&asOf={at}"));
        Assert.Empty(await IdsAsync($"{Support.Agreements.Url}?activeOn=2016-01-01&organisationId={parties.Council.Id}"));
        Assert.Equal([agreement.Id], await IdsAsync($"{Support.Agreements.Url}?organisationId={parties.Council.Id}&on=2014-11-01&reviewWithinDays=60"));
        Assert.Empty(await IdsAsync($"{Support.Agreements.Url}?organisationId={parties.Council.Id}&on=2014-11-01&reviewWithinDays=60&asOf={at}"));
        Assert.Equal(["BITEMP-STOOD", "BITEMP-STOOD/1"], await _client.BindingReferencesAsync(ccg));
        // the CCG was not yet in the register at that moment
        await (await _client.GetAsync($"{Register.Organisations}/{ccg.Id}/agreements?asOf={at}")).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(["BITEMP-STOOD"], await _client.BindingReferencesAsync(parties.Pct, activeOn: "2016-01-01", asOf: at));
        Assert.Empty(await _client.BindingReferencesAsync(parties.Pct, activeOn: "2016-01-01"));
        var variations = await (await _client.GetAsync($"{Support.Agreements.Url}/{agreement.Id}/variations?asOf={at}")).ReadAsync<List<VariationResponse>>(HttpStatusCode.OK);
        Assert.Empty(variations);
        Assert.Equal(2, (await (await _client.GetAsync($"{Support.Agreements.Url}/{agreement.Id}/variations")).ReadAsync<List<VariationResponse>>(HttpStatusCode.OK)).Count);
        var schedules = await (await _client.GetAsync($"{Support.Agreements.Url}/{agreement.Id}/schedules?asOf={at}")).ReadItemsAsync<AgreementResponse>(HttpStatusCode.OK);
        Assert.Equal([schedule.Id], schedules.Select(s => s.Id));
        Assert.Empty((await _client.OnAsync(agreement.Id, "2016-01-01", at)).Variations);
    }

    private async Task<List<Guid>> IdsAsync(string url) =>
        (await (await _client.GetAsync(url)).ReadAsync<Page<AgreementResponse>>(HttpStatusCode.OK)).Items.Select(a => a.Id).ToList();

    /// <summary>When the agreement's latest change became visible (reading history positions pending changes first).</summary>
    private async Task<DateTimeOffset> LatestCommitAsync(Guid id)
    {
        var history = await (await _client.GetAsync($"{Support.Agreements.Url}/{id}/history?limit=500")).ReadAsync<Page<RevisionResponse<AgreementResponse>>>(HttpStatusCode.OK);
        return history.Items[^1].CommittedAt!.Value;
    }
}
