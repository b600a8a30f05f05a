using System.Net;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.People;
using IntegrationGovernance.Domain.People;

namespace IntegrationGovernance.IntegrationTests.Support;

/// <summary>Steps with post holdings and joint posts, through the public API.</summary>
public static class Holdings
{
    public static PostHoldingRequest Holding(string holder, HoldingKind kind, string starts, string? ends = null, Guid? returnsTo = null) => new()
    {
        HolderReference = holder, Kind = kind, StartsOn = DateOnly.Parse(starts), EndsOn = ends is null ? null : DateOnly.Parse(ends), ReturnsToPostId = returnsTo,
    };

    public static Task<HttpResponseMessage> HoldAsync(this HttpClient client, Guid post, PostHoldingRequest holding) =>
        client.PostJsonAsync($"/api/v1/posts/{post}/holders", holding);

    public static async Task<PostHoldingResponse> HeldAsync(this HttpClient client, Guid post, PostHoldingRequest holding) =>
        await (await client.HoldAsync(post, holding)).ReadAsync<PostHoldingResponse>(HttpStatusCode.Created);

    /// <summary>The holdings of a post (one page of up to 500), on a day and as the register stood at a moment when given.</summary>
    public static async Task<List<PostHoldingResponse>> HoldersAsync(this HttpClient client, Guid post, string? on = null, string? asOf = null)
    {
        var query = string.Join('&', new[] { "limit=500", on is null ? null : $"on={on}", asOf is null ? null : $"asOf={asOf}" }.OfType<string>());
        return [.. (await (await client.GetAsync($"/api/v1/posts/{post}/holders?{query}")).ReadAsync<Page<PostHoldingResponse>>(HttpStatusCode.OK)).Items];
    }

    public static JointArrangementRequest Joint(Guid organisation, Guid basis, string starts, string? ends = null) => new()
    {
        OrganisationId = organisation, BasisAgreementId = basis, StartsOn = DateOnly.Parse(starts), EndsOn = ends is null ? null : DateOnly.Parse(ends),
    };

    public static async Task<JointArrangementResponse> JointAsync(this HttpClient client, Guid post, JointArrangementRequest arrangement) =>
        await (await client.PostJsonAsync($"/api/v1/posts/{post}/joint-arrangements", arrangement)).ReadAsync<JointArrangementResponse>(HttpStatusCode.Created);
}
