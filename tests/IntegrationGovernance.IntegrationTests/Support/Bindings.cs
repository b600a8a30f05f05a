using System.Net;
using IntegrationGovernance.Api.Agreements;
using IntegrationGovernance.Api.Organisations;

namespace IntegrationGovernance.IntegrationTests.Support;

/// <summary>Reads of "who is bound by what on which date" that the legal-question tests make often.</summary>
public static class Bindings
{
    /// <summary>The references of the agreements binding the organisation (on the day, as the register stood at the moment, if given).</summary>
    public static async Task<List<string>> BindingReferencesAsync(this HttpClient client, OrganisationResponse organisation, string? activeOn = null, string? asOf = null) =>
        (await client.BindingAsync(organisation, activeOn, asOf)).Select(b => b.Agreement.Reference).ToList();

    public static async Task<List<BindingAgreementResponse>> BindingAsync(this HttpClient client, OrganisationResponse organisation, string? activeOn = null, string? asOf = null)
    {
        var query = string.Join('&', new[] { activeOn is null ? null : $"activeOn={activeOn}", asOf is null ? null : $"asOf={asOf}" }.Where(q => q is not null));
        return await (await client.GetAsync($"{Register.Organisations}/{organisation.Id}/agreements?{query}")).ReadItemsAsync<BindingAgreementResponse>(HttpStatusCode.OK);
    }

    /// <summary>The agreement with its <c>onDate</c> terms for the day.</summary>
    public static async Task<AgreementResponse> OnAsync(this HttpClient client, Guid agreementId, string day, string? asOf = null) =>
        await (await client.GetAsync($"{Agreements.Url}/{agreementId}?activeOn={day}{(asOf is null ? "" : $"&asOf={asOf}")}"))
            .ReadAsync<AgreementResponse>(HttpStatusCode.OK);

    /// <summary>The organisations that are parties on the day.</summary>
    public static async Task<List<Guid>> PartiesOnAsync(this HttpClient client, Guid agreementId, string day) =>
        (await client.OnAsync(agreementId, day)).OnDate!.Parties.Select(p => p.OrganisationId).ToList();

    /// <summary>A moment as the query string carries it: UTC, with Z.</summary>
    public static string Moment(DateTimeOffset moment) => moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'");
}
