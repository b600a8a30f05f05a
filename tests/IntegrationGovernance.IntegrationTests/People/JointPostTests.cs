using System.Net;
using IntegrationGovernance.Api.Agreements;
using IntegrationGovernance.Api.People;
using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.People;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.People;

/// <summary>A post held for two organisations under an agreement between them: in both structures, on its agreement, a record of both.</summary>
public sealed class JointPostTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _admin = api.CreateClient();

    [Fact]
    public async Task A_joint_post_is_in_both_organisations_structures_on_a_date_marked_with_its_agreement()
    {
        var parties = await _admin.CouncilAndPctAsync("Joint structure");
        var (agreement, _) = await _admin.ActiveAgreementAsync(Support.Agreements.Section75($"JOINT-{Guid.NewGuid():N}"[..20], parties, "2008-04-01", "2013-03-31"), parties.Pct.Id);
        var chief = await _admin.PostAsync(parties.Pct.Id, "Chief Executive and Director of Adult Social Services", from: "2008-04-01", holder: "E8100001");
        var director = await _admin.PostAsync(parties.Pct.Id, "Director of Finance", from: "2008-04-01");
        var adultCare = await _admin.PostAsync(parties.Council.Id, "Head of Adult Care", from: "2008-04-01");
        await _admin.LineAsync(Support.People.Line(director, chief, starts: "2008-04-01"));
        // the council's post managed by the joint post: a line across organisations, on the same agreement
        await _admin.LineAsync(Support.People.Line(adultCare, chief, starts: "2008-04-01", ends: "2011-06-30", basis: agreement.Id));
        var joint = await _admin.JointAsync(chief.Id, Holdings.Joint(parties.Council.Id, agreement.Id, "2008-04-01", "2011-06-30"));
        var councilHr = api.CreateClientAs("council-hr", parties.Council.GssCode, "register:read", "people:read");

        var pcts = await _admin.StructureAsync(parties.Pct.Id, "2010-01-01");
        var councils = await councilHr.StructureAsync(parties.Council.Id, "2010-01-01");
        var councilsAfter = await _admin.StructureAsync(parties.Council.Id, "2011-07-01");
        var listed = await (await _admin.GetAsync($"/api/v1/posts/{chief.Id}/joint-arrangements")).ReadItemsAsync<JointArrangementResponse>(HttpStatusCode.OK);

        var atHome = Assert.Single(pcts.Roots);
        Assert.Equal(chief.Id, atHome.PostId);
        var forCouncil = Assert.Single(atHome.Joint!);
        Assert.Equal((joint.Id, parties.Council.Id, false, agreement.Id, agreement.Reference, StatutoryBasis.Section75NhsAct2006),
            (forCouncil.ArrangementId, forCouncil.OrganisationId, forCouncil.Employer, forCouncil.BasisAgreementId, forCouncil.BasisReference, forCouncil.Basis));
        // its own report, and the council's post it manages, placed with it across organisations
        Assert.Equal([director.Id, adultCare.Id], atHome.Reports.Select(r => r.PostId));
        Assert.Equal(parties.Council.Id, atHome.Reports[1].Placement!.EmployerId);
        // in the council's: a root, marked with its employer; the council's post it manages under it, the PCT's team not
        var held = Assert.Single(councils.Roots);
        Assert.Equal(chief.Id, held.PostId);
        Assert.Equal((parties.Pct.Id, true, agreement.Reference), (held.Joint!.Single().OrganisationId, held.Joint!.Single().Employer, held.Joint!.Single().BasisReference));
        Assert.Null(held.Placement);
        Assert.Equal([adultCare.Id], held.Reports.Select(r => r.PostId));
        Assert.Equal("E8100001", held.HolderReference); // the council holds it jointly, so its HR sees who holds it
        Assert.Contains($"joint post under {agreement.Reference}", councils.Mermaid, StringComparison.Ordinal);
        Assert.Contains($"joint post with {parties.Council.Name}, under {agreement.Reference}", pcts.Mermaid, StringComparison.Ordinal);
        // after the arrangement ends the post is the PCT's alone
        Assert.DoesNotContain(councilsAfter.AllNodes(), n => n.PostId == chief.Id && n.Joint is not null);
        Assert.Equal([joint.Id], listed.Select(a => a.Id));
    }

    [Fact]
    public async Task A_joint_post_and_its_holdings_are_records_of_every_organisation_it_is_held_for()
    {
        var parties = await _admin.CouncilAndPctAsync("Joint parties");
        var (agreement, _) = await _admin.ActiveAgreementAsync(Support.Agreements.Section75($"JOINT-{Guid.NewGuid():N}"[..20], parties, "2008-04-01", null), parties.Pct.Id);
        var post = await _admin.PostAsync(parties.Council.Id, "Head of Strategy", from: "2008-04-01", holder: "E8200001");
        var joint = await _admin.JointAsync(post.Id, Holdings.Joint(parties.Pct.Id, agreement.Id, "2008-04-01"));
        var holding = Assert.Single(await _admin.HoldersAsync(post.Id));
        var pctWriter = api.CreateClientAs("pct", parties.Pct.Id.ToString(), "register:read", "register:write");

        var ofPost = await Sql.ScalarAsync<Guid[]>(api.ConnectionString, $"SELECT record_parties('posts', '{post.Id}')");
        var ofHolding = await Sql.ScalarAsync<Guid[]>(api.ConnectionString, $"SELECT record_parties('post_holdings', '{holding.Id}')");
        var ofArrangement = await Sql.ScalarAsync<Guid[]>(api.ConnectionString, $"SELECT record_parties('joint_arrangements', '{joint.Id}')");
        // the partner may not end the employer's post, only its part in it
        var endPost = await pctWriter.EndAsync($"/api/v1/posts/{post.Id}", "2012-03-31");
        var endJoint = await pctWriter.EndAsync($"/api/v1/joint-arrangements/{joint.Id}", "2012-03-31");

        Assert.Equal([parties.Council.Id, parties.Pct.Id], ofPost);
        Assert.Equal([parties.Council.Id, parties.Pct.Id], ofHolding);
        Assert.Equal([parties.Council.Id, parties.Pct.Id], ofArrangement);
        Assert.Equal("urn:integration-governance:problem:not-a-party", (string?)(await endPost.ReadProblemAsync(HttpStatusCode.Forbidden))["type"]);
        Assert.Equal(new DateOnly(2012, 3, 31), (await endJoint.ReadAsync<JointArrangementResponse>(HttpStatusCode.OK)).EndsOn);
    }

    [Fact]
    public async Task A_joint_post_rests_on_its_agreement_as_a_line_across_organisations_does()
    {
        var bodies = await _admin.CouncilCcgAndSection113Async("Joint basis", endsOn: "2016-03-31");
        var (reversed, _) = await _admin.ActiveAgreementAsync(new AgreementRequest
        {
            Reference = $"S113R-{Guid.NewGuid():N}"[..20], Title = "Council staff to the CCG", Basis = StatutoryBasis.Section113LocalGovernmentAct1972,
            Parties = [new AgreementPartyContract { OrganisationId = bodies.Ccg.Id, Role = PartyRole.Host }, new AgreementPartyContract { OrganisationId = bodies.Council.Id, Role = PartyRole.Provider }],
            CommencesOn = new DateOnly(2013, 4, 1),
        }, bodies.Council.Id);
        var ccgPost = await _admin.PostAsync(bodies.Ccg.Id, "Director of Integration", from: "2013-04-01");
        var outsider = await _admin.CreateOrganisationAsync(Register.Organisation("Joint basis outsider", gss: Support.Agreements.UniqueGss()));
        var url = $"/api/v1/posts/{ccgPost.Id}/joint-arrangements";

        var none = await _admin.PostJsonAsync(url, new JointArrangementRequest { OrganisationId = bodies.Council.Id, BasisAgreementId = Guid.NewGuid(), StartsOn = new DateOnly(2013, 4, 1) });
        var pastTheAgreement = await _admin.PostJsonAsync(url, Holdings.Joint(bodies.Council.Id, bodies.Section113.Id, "2013-04-01"));
        var wrongWay = await _admin.PostJsonAsync(url, Holdings.Joint(bodies.Council.Id, reversed.Id, "2013-04-01"));
        var unrelated = await _admin.PostJsonAsync(url, Holdings.Joint(outsider.Id, bodies.Section113.Id, "2013-04-01", "2016-03-31"));
        var itsOwn = await _admin.PostJsonAsync(url, Holdings.Joint(bodies.Ccg.Id, bodies.Section113.Id, "2013-04-01", "2016-03-31"));
        var accepted = await _admin.PostJsonAsync(url, Holdings.Joint(bodies.Council.Id, bodies.Section113.Id, "2013-04-01", "2016-03-31"));
        var twice = await _admin.PostJsonAsync(url, Holdings.Joint(bodies.Council.Id, bodies.Section113.Id, "2015-04-01", "2016-03-31"));

        foreach (var refused in new[] { none, pastTheAgreement, wrongWay, unrelated })
        {
            var problem = await refused.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
            Assert.Equal("urn:integration-governance:problem:basis-agreement-required", (string?)problem["type"]);
            Assert.NotEmpty(problem.ErrorsFor("$.basisAgreementId"));
        }
        Assert.Contains("is not a Provider", (string?)(await wrongWay.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.NotEmpty((await itsOwn.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("$.organisationId"));
        await accepted.ReadAsync<JointArrangementResponse>(HttpStatusCode.Created);
        Assert.Equal("urn:integration-governance:problem:duplicate-joint-arrangement", (string?)(await twice.ReadProblemAsync(HttpStatusCode.Conflict))["type"]);
    }
}
