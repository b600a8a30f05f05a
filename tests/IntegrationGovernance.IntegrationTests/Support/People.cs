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
}
