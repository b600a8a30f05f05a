using System.Net;
using IntegrationGovernance.Api.Agreements;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Infrastructure.Agreements;
using IntegrationGovernance.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationGovernance.IntegrationTests.Agreements;

/// <summary>An upgraded register: agreements recorded before periods were kept get them when the API migrates.</summary>
public sealed class AgreementPeriodsBackfillTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task An_agreement_recorded_before_periods_were_kept_is_found_by_the_legal_questions_after_the_backfill()
    {
        var parties = await _client.CouncilAndPctAsync("Backfill");
        var (agreement, _) = await _client.ActiveAgreementAsync(Support.Agreements.Section75("BACKFILL-1", parties, "2012-04-01", null), parties.Council.Id);
        // as the row stood before the AgreementTerms migration: no periods, no rows (only the schema owner can do this)
        await Sql.ExecuteAsync(api.ConnectionString, $"""
            SET session_replication_role = replica;
            DELETE FROM agreement_terms WHERE agreement_id = '{agreement.Id}';
            DELETE FROM agreement_party_terms WHERE agreement_id = '{agreement.Id}';
            UPDATE agreements SET terms = '[]' WHERE id = '{agreement.Id}';
            """);
        var question = $"{Support.Agreements.Url}?activeOn=2015-01-01&organisationId={parties.Council.Id}";
        Assert.Empty((await (await _client.GetAsync(question)).ReadAsync<Page<AgreementResponse>>(HttpStatusCode.OK)).Items);

        await using (var scope = api.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<AgreementPeriodsBackfill>().RunAsync(CancellationToken.None);

        var found = (await (await _client.GetAsync(question)).ReadAsync<Page<AgreementResponse>>(HttpStatusCode.OK)).Items;
        Assert.Equal([agreement.Id], found.Select(a => a.Id));
        Assert.Equal(agreement.Periods.Select(p => (p.From, p.Until, p.Status, p.Active)), found[0].Periods.Select(p => (p.From, p.Until, p.Status, p.Active)));
        Assert.Equal((long)agreement.Periods.Count,
            await Sql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM agreement_terms WHERE agreement_id = '{agreement.Id}' AND superseded_in IS NULL"));
        Assert.Equal((long)agreement.Periods.Sum(p => p.Parties.Count),
            await Sql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM agreement_party_terms WHERE agreement_id = '{agreement.Id}' AND superseded_in IS NULL"));
    }
}
