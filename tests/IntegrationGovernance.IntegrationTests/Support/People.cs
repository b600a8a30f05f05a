using System.Net;
using IntegrationGovernance.Api.Agreements;
using IntegrationGovernance.Api.Organisations;
using IntegrationGovernance.Api.People;
using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.Domain.People;

namespace IntegrationGovernance.IntegrationTests.Support;

/// <summary>People steps tests take often, through the public API.</summary>
public static class People
{
    /// <summary>A council and a CCG from 2013 with an active section 113 arrangement between them.</summary>
    public sealed record Bodies(OrganisationResponse Council, OrganisationResponse Ccg, AgreementResponse Section113);

    public static async Task<Bodies> CouncilCcgAndSection113Async(this HttpClient admin, string prefix, string? endsOn = null)
    {
        var council = await admin.CreateOrganisationAsync(Register.Organisation($"{prefix} Council", OrganisationType.UnitaryAuthority, gss: Agreements.UniqueGss()));
        var ccg = await admin.CreateOrganisationAsync(Register.Organisation($"{prefix} CCG", OrganisationType.ClinicalCommissioningGroup, from: "2013-04-01"));
        var request = new AgreementRequest
        {
            Reference = $"S113-{Guid.NewGuid():N}"[..20],
            Title = $"{prefix} section 113 arrangement",
            Basis = StatutoryBasis.Section113LocalGovernmentAct1972,
            Parties = [new AgreementPartyContract { OrganisationId = council.Id, Role = PartyRole.Host }, new AgreementPartyContract { OrganisationId = ccg.Id, Role = PartyRole.Provider }],
            CommencesOn = new DateOnly(2013, 4, 1),
            EndsOn = endsOn is null ? null : DateOnly.Parse(endsOn),
        };
        var (agreement, _) = await admin.ActiveAgreementAsync(request, council.Id);
        return new Bodies(council, ccg, agreement);
    }

    public static async Task<PostResponse> PostAsync(this HttpClient client, Guid organisation, string title, string from = "2013-04-01", string? holder = null) =>
        await (await client.PostJsonAsync("/api/v1/posts", new PostRequest
        {
            OrganisationId = organisation, Title = title, StartsOn = DateOnly.Parse(from), HolderReference = holder,
        })).ReadAsync<PostResponse>(HttpStatusCode.Created);

    public static AccountabilityLineRequest Line(PostResponse from, PostResponse to, string starts = "2013-04-01", string? ends = null,
        AccountabilityKind kind = AccountabilityKind.LineManagement, Guid? basis = null) => new()
    {
        PostId = from.Id, ToPostId = to.Id, Kind = kind, StartsOn = DateOnly.Parse(starts), EndsOn = ends is null ? null : DateOnly.Parse(ends),
        BasisAgreementId = basis,
    };

    public static async Task<AccountabilityLineResponse> LineAsync(this HttpClient client, AccountabilityLineRequest line) =>
        await (await client.PostJsonAsync("/api/v1/accountability-lines", line)).ReadAsync<AccountabilityLineResponse>(HttpStatusCode.Created);

    public static SecondmentRequest Secondment(Bodies bodies, string starts = "2013-04-01", string? ends = null) => new()
    {
        HolderReference = $"E{Random.Shared.Next(1_000_000, 9_999_999)}",
        EmployerId = bodies.Ccg.Id,
        HostId = bodies.Council.Id,
        AgreementId = bodies.Section113.Id,
        StartsOn = DateOnly.Parse(starts),
        EndsOn = ends is null ? null : DateOnly.Parse(ends),
        Fte = 1m,
    };

    /// <summary>The ETag of a single-record read.</summary>
    public static async Task<string> ETagAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response.Headers.ETag?.ToString() ?? throw new InvalidOperationException($"{url} gave no ETag");
    }

    /// <summary>Ends a post or a line (<paramref name="url"/> is the record's own), with the record's current ETag.</summary>
    public static async Task<HttpResponseMessage> EndAsync(this HttpClient client, string url, string endsOn, bool extend = false, string? ifMatch = null) =>
        await client.SendWithIfMatchAsync(HttpMethod.Post, $"{url}/end", new EndRequest { EndsOn = DateOnly.Parse(endsOn), Extend = extend },
            ifMatch ?? await client.ETagAsync(url));

    /// <summary>The moment a record's latest revision became visible, read from its history: an <c>asOf</c> from then sees it.</summary>
    public static async Task<string> CommittedAsync<T>(this HttpClient client, string url)
    {
        var history = await (await client.GetAsync($"{url}/history?limit=500")).ReadAsync<Api.Http.Page<Api.RecordKeeping.RevisionResponse<T>>>(HttpStatusCode.OK);
        return Bindings.Moment(history.Items[^1].CommittedAt!.Value);
    }

    public static async Task<StructureResponse> StructureAsync(this HttpClient client, Guid organisation, string on, string? asOf = null) =>
        await (await client.GetAsync($"/api/v1/organisations/{organisation}/structure?on={on}{(asOf is null ? "" : $"&asOf={asOf}")}"))
            .ReadAsync<StructureResponse>(HttpStatusCode.OK);

    public static async Task<List<ChainStepResponse>> ChainAsync(this HttpClient client, Guid post, string on, string? asOf = null) =>
        await (await client.GetAsync($"/api/v1/posts/{post}/chain?on={on}{(asOf is null ? "" : $"&asOf={asOf}")}"))
            .ReadAsync<List<ChainStepResponse>>(HttpStatusCode.OK);

    /// <summary>Every post in a structure, depth first, with the titles it shows.</summary>
    public static IEnumerable<StructureNode> AllNodes(this StructureResponse structure) => structure.Roots.SelectMany(Flatten);

    private static IEnumerable<StructureNode> Flatten(StructureNode node) => node.Reports.SelectMany(Flatten).Prepend(node);
}

