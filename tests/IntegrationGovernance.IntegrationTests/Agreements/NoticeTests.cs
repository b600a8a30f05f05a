using System.Net;
using IntegrationGovernance.Api.Agreements;
using IntegrationGovernance.Api.Organisations;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.Agreements;

/// <summary>One party alone leaves or ends an agreement by notice, effective when the notice period in force has run.</summary>
public sealed class NoticeTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _admin = api.CreateClient();

    [Fact]
    public async Task Notice_of_withdrawal_takes_effect_after_the_notice_period_and_the_others_carry_on()
    {
        var (council, pct, trust, agreement, etag) = await ThreePartiesAsync("Withdraw");

        (agreement, _) = await As(trust).ActOnAsync(agreement.Id, "notices",
            new NoticeRequest { Kind = NoticeKind.Withdrawal, ServedOn = new DateOnly(2015, 1, 15), Reason = "Service retendered" }, etag);

        var notice = agreement.Notices.Single();
        Assert.Equal((trust.Id, new DateOnly(2016, 1, 15), true), (notice.OrganisationId, notice.EffectiveOn, notice.Standing));
        Assert.Equal([council.Id, pct.Id, trust.Id], await _admin.PartiesOnAsync(agreement.Id, "2016-01-14"));
        Assert.Equal([council.Id, pct.Id], await _admin.PartiesOnAsync(agreement.Id, "2016-01-15"));
        Assert.True((await _admin.OnAsync(agreement.Id, "2016-01-15")).OnDate!.Active);
        Assert.Equal([agreement.Reference], await _admin.BindingReferencesAsync(trust, activeOn: "2016-01-14"));
        Assert.Empty(await _admin.BindingReferencesAsync(trust, activeOn: "2016-01-15"));
    }

    [Fact]
    public async Task Notice_of_termination_ends_the_agreement_for_everyone_from_its_date()
    {
        var (_, pct, _, agreement, etag) = await ThreePartiesAsync("End");

        (agreement, _) = await As(pct).ActOnAsync(agreement.Id, "notices",
            new NoticeRequest { Kind = NoticeKind.Termination, ServedOn = new DateOnly(2015, 1, 15), EffectiveOn = new DateOnly(2016, 3, 31) }, etag);

        Assert.True((await _admin.OnAsync(agreement.Id, "2016-03-30")).OnDate!.Active);
        var ended = (await _admin.OnAsync(agreement.Id, "2016-03-31")).OnDate!;
        Assert.Equal((false, AgreementStatus.Terminated), (ended.Active, ended.Status));
        var listed = await (await _admin.GetAsync($"{Support.Agreements.Url}?activeOn=2016-04-01&organisationId={pct.Id}")).ReadAsync<Api.Http.Page<AgreementResponse>>(HttpStatusCode.OK);
        Assert.Empty(listed.Items);
    }

    [Fact]
    public async Task A_notice_shorter_than_the_period_in_force_is_refused_naming_the_date_and_changes_nothing()
    {
        var (_, pct, _, agreement, etag) = await ThreePartiesAsync("Short");

        var response = await As(pct).SendWithIfMatchAsync(HttpMethod.Post, $"{Support.Agreements.Url}/{agreement.Id}/notices",
            new NoticeRequest { Kind = NoticeKind.Withdrawal, ServedOn = new DateOnly(2015, 1, 15), EffectiveOn = new DateOnly(2015, 6, 30) }, etag);

        var problem = await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("urn:integration-governance:problem:notice-too-short", (string?)problem["type"]);
        Assert.NotEmpty(problem.ErrorsFor("$.effectiveOn"));
        Assert.Empty((await _admin.OnAsync(agreement.Id, "2015-01-15")).Notices);
    }

    [Fact]
    public async Task The_notice_period_in_force_on_the_day_served_decides_the_date()
    {
        var (_, pct, _, agreement, etag) = await ThreePartiesAsync("Varied");
        (agreement, etag) = await _admin.ActOnAsync(agreement.Id, "variations",
            new VariationRequest { EffectiveOn = new DateOnly(2014, 4, 1), Description = "Six months' notice", NoticeMonths = 6 }, etag);

        (agreement, _) = await As(pct).ActOnAsync(agreement.Id, "notices", new NoticeRequest { Kind = NoticeKind.Withdrawal, ServedOn = new DateOnly(2015, 1, 15) }, etag);

        Assert.Equal(new DateOnly(2015, 7, 15), agreement.Notices.Single().EffectiveOn);
    }

    [Fact]
    public async Task A_notice_withdrawn_before_it_takes_effect_leaves_the_party_in_and_one_in_effect_cannot_be_withdrawn()
    {
        var (council, pct, trust, agreement, etag) = await ThreePartiesAsync("Back");
        var future = RegisterDay(400);
        (agreement, etag) = await As(trust).ActOnAsync(agreement.Id, "notices",
            new NoticeRequest { Kind = NoticeKind.Withdrawal, ServedOn = RegisterDay(-10) }, etag);
        (agreement, etag) = await As(pct).ActOnAsync(agreement.Id, "notices",
            new NoticeRequest { Kind = NoticeKind.Withdrawal, ServedOn = new DateOnly(2015, 1, 15) }, etag);
        var (pending, past) = (agreement.Notices[0], agreement.Notices[1]);

        var byOther = await As(council).SendWithIfMatchAsync(HttpMethod.Post, $"{Support.Agreements.Url}/{agreement.Id}/notices/{pending.Number}/withdrawal", new { }, etag);
        await byOther.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        (agreement, etag) = await As(trust).ActOnAsync(agreement.Id, $"notices/{pending.Number}/withdrawal", new { }, etag);
        var tooLate = await As(pct).SendWithIfMatchAsync(HttpMethod.Post, $"{Support.Agreements.Url}/{agreement.Id}/notices/{past.Number}/withdrawal", new { }, etag);

        await tooLate.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.False(agreement.Notices[0].Standing);
        Assert.Contains(trust.Id, await _admin.PartiesOnAsync(agreement.Id, future.ToString("yyyy-MM-dd")));
        Assert.DoesNotContain(pct.Id, await _admin.PartiesOnAsync(agreement.Id, "2016-01-15"));
    }

    [Fact]
    public async Task Only_a_party_serves_notice_and_only_for_itself()
    {
        var (council, _, _, agreement, etag) = await ThreePartiesAsync("Stranger");
        var stranger = await _admin.CreateOrganisationAsync(Register.Organisation($"Stranger council {Guid.NewGuid():N}", gss: Support.Agreements.UniqueGss()));
        var notice = new NoticeRequest { Kind = NoticeKind.Termination, ServedOn = new DateOnly(2015, 1, 15) };

        await (await As(stranger).SendWithIfMatchAsync(HttpMethod.Post, $"{Support.Agreements.Url}/{agreement.Id}/notices", notice, etag)).ReadProblemAsync(HttpStatusCode.Forbidden);
        var forAnother = await As(council).SendWithIfMatchAsync(HttpMethod.Post, $"{Support.Agreements.Url}/{agreement.Id}/notices",
            notice with { OrganisationId = agreement.Parties[1].OrganisationId }, etag);
        await forAnother.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Empty((await _admin.OnAsync(agreement.Id, "2015-01-15")).Notices);
    }

    private static DateOnly RegisterDay(int days) => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(days);

    private HttpClient As(OrganisationResponse organisation) =>
        api.CreateClientAs($"officer-{organisation.Id:N}", organisation.Id.ToString(), Scopes.RegisterRead, Scopes.RegisterWrite);

    /// <summary>An open-ended section 75 agreement from 2012 between a council (host), a PCT and a trust, with 12 months' notice.</summary>
    private async Task<(OrganisationResponse Council, OrganisationResponse Pct, OrganisationResponse Trust, AgreementResponse Agreement, string ETag)> ThreePartiesAsync(string prefix)
    {
        var parties = await _admin.CouncilAndPctAsync($"{prefix} {Guid.NewGuid():N}");
        var trust = await _admin.CreateOrganisationAsync(Register.Organisation($"{prefix} Trust {Guid.NewGuid():N}", OrganisationType.NhsTrust, from: "2000-04-01"));
        var request = Support.Agreements.Section75($"{prefix.ToUpperInvariant()}-{Guid.NewGuid():N}"[..20], parties, "2012-04-01", null) with
        {
            Parties = [.. Support.Agreements.Section75("X", parties).Parties, new AgreementPartyContract { OrganisationId = trust.Id, Role = PartyRole.Provider }],
        };
        var (agreement, etag) = await _admin.ActiveAgreementAsync(request, parties.Council.Id);
        return (parties.Council, parties.Pct, trust, agreement, etag);
    }
}
