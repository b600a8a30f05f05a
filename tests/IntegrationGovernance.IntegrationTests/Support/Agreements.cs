using System.Net;
using IntegrationGovernance.Api.Agreements;
using IntegrationGovernance.Api.Organisations;
using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Organisations;

namespace IntegrationGovernance.IntegrationTests.Support;

/// <summary>Agreement steps tests take often, through the public API.</summary>
public static class Agreements
{
    public const string Url = "/api/v1/agreements";

    public sealed record Parties(OrganisationResponse Council, OrganisationResponse Pct);

    /// <summary>A council and a PCT operating from 2002, for agreements between them.</summary>
    public static async Task<Parties> CouncilAndPctAsync(this HttpClient admin, string prefix) => new(
        await admin.CreateOrganisationAsync(Register.Organisation($"{prefix} Council", OrganisationType.UnitaryAuthority, gss: UniqueGss())),
        await admin.CreateOrganisationAsync(Register.Organisation($"{prefix} PCT", OrganisationType.PrimaryCareTrust, from: "2002-04-01")));

    public sealed record Chain(OrganisationResponse Council, OrganisationResponse Pct, OrganisationResponse Ccg, OrganisationResponse Icb);

    /// <summary>A council, and a PCT succeeded by a CCG on 1 April 2013, itself succeeded by an ICB on 1 July 2022.</summary>
    public static async Task<Chain> CouncilAndPctToIcbAsync(this HttpClient admin, string prefix)
    {
        var council = await admin.CreateOrganisationAsync(Register.Organisation($"{prefix} Council", OrganisationType.UnitaryAuthority, gss: UniqueGss()));
        var pct = await admin.CreateOrganisationAsync(Register.Organisation($"{prefix} PCT", OrganisationType.PrimaryCareTrust, from: "2002-04-01", to: "2013-03-31"));
        var ccg = await admin.CreateOrganisationAsync(Register.Organisation($"{prefix} CCG", OrganisationType.ClinicalCommissioningGroup, from: "2013-04-01", to: "2022-06-30"));
        var icb = await admin.CreateOrganisationAsync(Register.Organisation($"{prefix} ICB", OrganisationType.IntegratedCareBoard, from: "2022-07-01"));
        await admin.RecordSuccessionAsync(Register.Succession([pct], [ccg], "2013-04-01"));
        await admin.RecordSuccessionAsync(Register.Succession([ccg], [icb], "2022-07-01"));
        return new(council, pct, ccg, icb);
    }

    public static AgreementRequest Section75(string reference, Parties parties, string commencesOn = "2012-04-01", string? endsOn = "2017-03-31") => new()
    {
        Reference = reference,
        Title = $"Section 75 agreement {reference}",
        Purpose = "Integrated commissioning of community health and social care.",
        Basis = StatutoryBasis.Section75NhsAct2006,
        Flexibilities = [Flexibility.PooledFund],
        Services = ["community health services", "adult social care"],
        ClientGroups = ["adults"],
        Parties =
        [
            new AgreementPartyContract { OrganisationId = parties.Council.Id, Role = PartyRole.Host },
            new AgreementPartyContract { OrganisationId = parties.Pct.Id, Role = PartyRole.Partner },
        ],
        CommencesOn = DateOnly.Parse(commencesOn),
        EndsOn = endsOn is null ? null : DateOnly.Parse(endsOn),
        NoticeMonths = 12,
    };

    public static async Task<(AgreementResponse Agreement, string ETag)> CreateAgreementAsync(this HttpClient client, AgreementRequest request)
    {
        var response = await client.PostJsonAsync(Url, request);
        return (await response.ReadAsync<AgreementResponse>(HttpStatusCode.Created), response.Headers.ETag!.ToString());
    }

    public static async Task<(AgreementResponse Agreement, string ETag)> ActOnAsync(
        this HttpClient client, Guid id, string action, object body, string etag, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.SendWithIfMatchAsync(HttpMethod.Post, $"{Url}/{id}/{action}", body, etag);
        return (await response.ReadAsync<AgreementResponse>(expected), response.Headers.ETag?.ToString() ?? etag);
    }

    /// <summary>
    /// Creates the agreement, records an approval by <paramref name="approver"/> and by every other party (every party
    /// approves before an agreement is Approved), and makes it active from commencement.
    /// </summary>
    public static async Task<(AgreementResponse Agreement, string ETag)> ActiveAgreementAsync(this HttpClient admin, AgreementRequest request, Guid approver)
    {
        var (created, etag) = await admin.CreateAgreementAsync(request);
        foreach (var body in request.Parties.Select(p => p.OrganisationId).Prepend(approver).Distinct())
        {
            (_, etag) = await admin.ActOnAsync(created.Id, "approvals", new ApprovalContract
            {
                BodyId = body, DecidedOn = request.CommencesOn.AddDays(-30), MinuteReference = "CAB/1", Outcome = ApprovalOutcome.Approved,
            }, etag);
        }
        (_, etag) = await admin.ActOnAsync(created.Id, "transitions", new TransitionRequest { To = AgreementStatus.Approved, EffectiveOn = request.CommencesOn.AddDays(-30) }, etag);
        return await admin.ActOnAsync(created.Id, "transitions", new TransitionRequest { To = AgreementStatus.Active, EffectiveOn = request.CommencesOn }, etag);
    }

    // a random start, then one after another: random codes alone collided once in CI (a 409 duplicate-gss-code) among the
    // thousands of councils a run makes in one database
    private static int _lastGss = Random.Shared.Next(0, 5_000_000);

    /// <summary>A GSS code no other organisation made by this test run has.</summary>
    public static string UniqueGss() => $"E9{Interlocked.Increment(ref _lastGss) % 10_000_000:D7}";
}
