using System.Net;
using IntegrationGovernance.Api.Organisations;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.Domain.Successions;

namespace IntegrationGovernance.IntegrationTests.Support;

/// <summary>Steps tests take often, made through the public API.</summary>
public static class Register
{
    public const string Organisations = "/api/v1/organisations";
    public const string Successions = "/api/v1/successions";

    public static OrganisationRequest Organisation(
        string name, OrganisationType type = OrganisationType.UnitaryAuthority, string? ods = null, string? gss = null,
        string? from = null, string? to = null) => new()
    {
        Name = name,
        Type = type,
        OdsCode = ods,
        GssCode = gss,
        OperationalFrom = from is null ? null : DateOnly.Parse(from),
        OperationalTo = to is null ? null : DateOnly.Parse(to),
    };

    public static async Task<(OrganisationResponse Organisation, string ETag)> CreateAsync(this HttpClient client, OrganisationRequest request)
    {
        var response = await client.PostJsonAsync(Organisations, request);
        var organisation = await response.ReadAsync<OrganisationResponse>(HttpStatusCode.Created);
        return (organisation, response.Headers.ETag!.ToString());
    }

    public static async Task<OrganisationResponse> CreateOrganisationAsync(this HttpClient client, OrganisationRequest request) =>
        (await client.CreateAsync(request)).Organisation;

    public static SuccessionRequest Succession(
        IEnumerable<OrganisationResponse> predecessors, IEnumerable<OrganisationResponse> successors, string on,
        SuccessionKind kind = SuccessionKind.AbolitionWithTransfer) => new()
    {
        PredecessorIds = predecessors.Select(o => o.Id).ToList(),
        SuccessorIds = successors.Select(o => o.Id).ToList(),
        EffectiveOn = DateOnly.Parse(on),
        Kind = kind,
    };

    public static async Task<SuccessionResponse> RecordSuccessionAsync(this HttpClient client, SuccessionRequest request) =>
        await (await client.PostJsonAsync(Successions, request)).ReadAsync<SuccessionResponse>(HttpStatusCode.Created);
}
