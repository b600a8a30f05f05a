using System.Net;
using IntegrationGovernance.Api.Agreements;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.RecordKeeping;
using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.Agreements;

/// <summary>
/// <c>GET /agreements/summaries</c>: the agreements list's questions and order, each agreement summarised with what is in force on
/// the day asked about, read from its periods.
/// </summary>
public sealed class AgreementSummaryTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task Summaries_answer_each_question_with_the_agreements_and_order_of_the_whole_list()
    {
        var parties = await _client.CouncilAndPctAsync("Summarised");
        var word = $"orbit{Guid.NewGuid():N}"[..14];
        var made = new List<AgreementResponse>();
        foreach (var (suffix, commences, service) in new[] { ("C", "2012-04-01", "carers"), ("A", "2013-04-01", "reablement"), ("B", "2020-04-01", "carers") })
            made.Add((await _client.ActiveAgreementAsync(Support.Agreements.Section75($"SUMMARY-{suffix}-{Guid.NewGuid():N}"[..24], parties, commences, "2025-03-31") with
            {
                Title = $"{word} {service}", Services = [service],
            }, parties.Council.Id)).Agreement);
        var council = parties.Council.Id;

        foreach (var question in new[]
        {
            $"?organisationId={council}", $"?organisationId={council}&activeOn=2014-06-01", $"?organisationId={council}&role=Partner",
            $"?organisationId={council}&service=carers", $"?q={word}", $"?q={word}%20carers&organisationId={council}",
            $"?organisationId={council}&on=2024-06-01&expiringWithinDays=365", $"?organisationId={council}&limit=1",
        })
        {
            var whole = await (await _client.GetAsync(Support.Agreements.Url + question)).ReadAsync<Page<AgreementResponse>>(HttpStatusCode.OK);
            var summaries = await (await _client.GetAsync($"{Support.Agreements.Url}/summaries{question}")).ReadAsync<Page<AgreementSummaryResponse>>(HttpStatusCode.OK);
            Assert.True(whole.Items.Select(a => a.Id).SequenceEqual(summaries.Items.Select(s => s.Id)), $"summaries{question} do not list what the list does");
            Assert.Equal(whole.NextCursor is null, summaries.NextCursor is null);
        }
        Assert.NotEmpty((await (await _client.GetAsync($"{Support.Agreements.Url}/summaries?q={word}")).ReadAsync<Page<AgreementSummaryResponse>>(HttpStatusCode.OK)).Items);

        var first = (await (await _client.GetAsync($"{Support.Agreements.Url}/summaries?organisationId={council}&limit=1")).ReadAsync<Page<AgreementSummaryResponse>>(HttpStatusCode.OK)).Items[0];
        var read = await (await _client.GetAsync(first.Href)).ReadAsync<AgreementResponse>(HttpStatusCode.OK);
        Assert.Equal((first.Id, first.Reference, first.Title, first.Basis, first.Status, first.CommencesOn, first.LatestEndsOn),
            (read.Id, read.Reference, read.Title, read.Basis, read.Status, read.CommencesOn, read.LatestEndsOn));
    }

    [Fact]
    public async Task A_summary_shows_the_parties_and_terms_in_force_on_the_day_and_as_the_register_stood()
    {
        var parties = await _client.CouncilAndPctAsync("Summarised Days");
        var (agreement, etag) = await _client.ActiveAgreementAsync(Support.Agreements.Section75($"SUMMARY-DAYS-{Guid.NewGuid():N}"[..24], parties, "2012-04-01", "2017-03-31"), parties.Council.Id);
        var before = await LastCommittedAsync(agreement.Id);
        (agreement, _) = await _client.ActOnAsync(agreement.Id, "variations", new VariationRequest
        {
            EffectiveOn = new DateOnly(2015, 4, 1), Description = "Extended, for community nursing", EndsOn = new DateOnly(2020, 3, 31), Services = ["community nursing"],
        }, etag);
        var url = $"{Support.Agreements.Url}/summaries?organisationId={parties.Council.Id}";

        var early = await SummaryAsync($"{url}&activeOn=2013-01-01");
        var late = await SummaryAsync($"{url}&activeOn=2018-01-01");
        var onDay = await SummaryAsync($"{url}&on=2018-01-01");
        var then = await SummaryAsync($"{url}&activeOn=2018-01-01&asOf={Bindings.Moment(before)}", expectListed: false);
        var thenOnDay = await SummaryAsync($"{url}&on=2016-01-01&asOf={Bindings.Moment(before)}");
        var nowOnDay = await SummaryAsync($"{url}&on=2016-01-01");
        var beforeCommencement = await SummaryAsync($"{url}&on=2011-01-01");

        Assert.Equal(agreement.Id, early!.Id);
        Assert.Equal((true, AgreementStatus.Active, new DateOnly(2017, 3, 31), (int?)null), (early.InForce!.Active, early.InForce.Status, early.InForce.EndsOn, early.InForce.VariationNumber));
        Assert.Equal([parties.Council.Id, parties.Pct.Id], early.InForce.Parties.Select(p => p.OrganisationId).Order());
        Assert.Equal((new DateOnly(2018, 1, 1), new DateOnly(2020, 3, 31), (int?)1, "community nursing"),
            (late!.InForce!.Date, late.InForce.EndsOn, late.InForce.VariationNumber, string.Join("|", late.InForce.Services)));
        Assert.Equal([(parties.Council.Id, PartyRole.Host), (parties.Pct.Id, PartyRole.Partner)],
            late.InForce.Parties.Select(p => (p.OrganisationId, p.Role)).OrderBy(p => p.Role));
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(late.InForce), System.Text.Json.JsonSerializer.Serialize(onDay!.InForce));
        Assert.Null(then);
        Assert.Equal((true, new DateOnly(2017, 3, 31), (int?)null), (thenOnDay!.InForce!.Active, thenOnDay.InForce.EndsOn, thenOnDay.InForce.VariationNumber));
        Assert.Equal((true, new DateOnly(2020, 3, 31), (int?)1), (nowOnDay!.InForce!.Active, nowOnDay.InForce.EndsOn, nowOnDay.InForce.VariationNumber));
        Assert.Null(beforeCommencement!.InForce);
    }

    [Fact]
    public async Task Summaries_of_the_agreements_binding_a_successor_say_through_whom_and_how_far_back_as_the_whole_list_does()
    {
        var (council, pct, _, icb) = await _client.CouncilAndPctToIcbAsync("Summary Chain");
        var (inherited, _) = await _client.ActiveAgreementAsync(
            Support.Agreements.Section75($"SUMMARY-CHAIN-{Guid.NewGuid():N}"[..24], new(council, pct), "2008-04-01", null), council.Id);
        var (own, _) = await _client.CreateAgreementAsync(Support.Agreements.Section75($"SUMMARY-OWN-{Guid.NewGuid():N}"[..24], new(council, icb), "2023-04-01", null));

        foreach (var question in new[] { "", "?includePredecessors=false", "?activeOn=2010-01-01", "?activeOn=2024-01-01", "?limit=1" })
        {
            var whole = await (await _client.GetAsync($"{Register.Organisations}/{icb.Id}/agreements{question}")).ReadAsync<Page<BindingAgreementResponse>>(HttpStatusCode.OK);
            var summaries = await (await _client.GetAsync($"{Register.Organisations}/{icb.Id}/agreements/summaries{question}"))
                .ReadAsync<Page<BindingAgreementSummaryResponse>>(HttpStatusCode.OK);
            Assert.Equal(whole.Items.Select(b => (b.Agreement.Id, b.BoundThroughId, b.BoundThroughName, b.SuccessionDepth)),
                summaries.Items.Select(b => (b.Agreement.Id, b.BoundThroughId, b.BoundThroughName, b.SuccessionDepth)));
            Assert.Equal(whole.NextCursor is null, summaries.NextCursor is null);
        }
        var in2024 = (await (await _client.GetAsync($"{Register.Organisations}/{icb.Id}/agreements/summaries?activeOn=2024-01-01"))
            .ReadAsync<Page<BindingAgreementSummaryResponse>>(HttpStatusCode.OK)).Items.Single();
        Assert.Equal((inherited.Id, pct.Id, 2), (in2024.Agreement.Id, in2024.BoundThroughId, in2024.SuccessionDepth));
        Assert.Equal([(council.Id, PartyRole.Host), (icb.Id, PartyRole.Partner)], in2024.Agreement.InForce!.Parties.Select(p => (p.OrganisationId, p.Role)).OrderBy(p => p.Role));
        Assert.NotEqual(own.Id, in2024.Agreement.Id);
    }

    private async Task<AgreementSummaryResponse?> SummaryAsync(string url, bool expectListed = true)
    {
        var page = await (await _client.GetAsync(url)).ReadAsync<Page<AgreementSummaryResponse>>(HttpStatusCode.OK);
        Assert.True(expectListed == (page.Items.Count == 1), $"GET {url} listed {page.Items.Count}");
        return page.Items.SingleOrDefault();
    }

    private async Task<DateTimeOffset> LastCommittedAsync(Guid id)
    {
        var history = await (await _client.GetAsync($"{Support.Agreements.Url}/{id}/history")).ReadAsync<Page<RevisionResponse<AgreementResponse>>>(HttpStatusCode.OK);
        return history.Items[^1].CommittedAt!.Value;
    }
}
