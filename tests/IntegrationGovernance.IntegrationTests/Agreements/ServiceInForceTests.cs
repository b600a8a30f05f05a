using System.Net;
using IntegrationGovernance.Api.Agreements;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.Agreements;

/// <summary>"Which agreements provided this service on D" is judged by the services then in force, as varied, and as the register stood.</summary>
public sealed class ServiceInForceTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task A_service_added_by_variation_is_provided_from_its_effective_date_and_one_dropped_is_not()
    {
        var parties = await _client.CouncilAndPctAsync($"Service {Guid.NewGuid():N}");
        var reference = $"SVC-{Guid.NewGuid():N}"[..20].ToUpperInvariant();
        var (agreement, etag) = await _client.ActiveAgreementAsync(
            Support.Agreements.Section75(reference, parties, "2012-04-01", null) with { Services = ["Health visiting"] }, parties.Council.Id);
        var before = DateTimeOffset.UtcNow;
        await _client.ActOnAsync(agreement.Id, "variations", new VariationRequest
        {
            EffectiveOn = new DateOnly(2016, 4, 1), Description = "School nursing replaces health visiting", Services = ["School nursing"],
        }, etag);
        var council = $"organisationId={parties.Council.Id}";

        Assert.Equal([agreement.Id], await IdsAsync($"{council}&service=health%20visiting&activeOn=2015-06-01"));
        Assert.Empty(await IdsAsync($"{council}&service=health%20visiting&activeOn=2016-06-01"));
        Assert.Empty(await IdsAsync($"{council}&service=school%20nursing&activeOn=2015-06-01"));
        Assert.Equal([agreement.Id], await IdsAsync($"{council}&service=School%20Nursing&activeOn=2016-06-01"));
        // without a day: the services first agreed
        Assert.Empty(await IdsAsync($"{council}&service=school%20nursing"));
        Assert.Equal([agreement.Id], await IdsAsync($"{council}&service=health%20visiting"));
        // without an organisation too, and as summaries
        Assert.Contains(agreement.Id, await IdsAsync($"service=school%20nursing&activeOn=2016-06-01&limit=500", summaries: true));
        Assert.DoesNotContain(agreement.Id, await IdsAsync($"service=school%20nursing&activeOn=2015-06-01&limit=500", summaries: true));
        // as the register stood before the variation was recorded
        var at = Uri.EscapeDataString(before.ToString("O"));
        Assert.Empty(await IdsAsync($"{council}&service=school%20nursing&activeOn=2016-06-01&asOf={at}"));
        Assert.Equal([agreement.Id], await IdsAsync($"{council}&service=health%20visiting&activeOn=2016-06-01&asOf={at}"));
    }

    [Fact]
    public async Task A_draft_is_found_by_the_services_first_agreed_and_is_active_on_no_day()
    {
        var parties = await _client.CouncilAndPctAsync($"Draft service {Guid.NewGuid():N}");
        var (draft, _) = await _client.CreateAgreementAsync(Support.Agreements.Section75($"SVD-{Guid.NewGuid():N}"[..20].ToUpperInvariant(), parties) with
        {
            Services = ["Equipment"],
        });

        Assert.Equal([draft.Id], await IdsAsync($"organisationId={parties.Council.Id}&service=equipment"));
        Assert.Empty(await IdsAsync($"organisationId={parties.Council.Id}&service=equipment&activeOn=2015-06-01"));
    }

    private async Task<List<Guid>> IdsAsync(string query, bool summaries = false) => summaries
        ? (await (await _client.GetAsync($"{Support.Agreements.Url}/summaries?{query}")).ReadAsync<Page<AgreementSummaryResponse>>(HttpStatusCode.OK)).Items.Select(a => a.Id).ToList()
        : (await (await _client.GetAsync($"{Support.Agreements.Url}?{query}")).ReadAsync<Page<AgreementResponse>>(HttpStatusCode.OK)).Items.Select(a => a.Id).ToList();
}
