using System.Net;
using IntegrationGovernance.Api.Organisations;
using IntegrationGovernance.Api.People;
using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.Domain.People;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.People;

/// <summary>
/// Boards as the accountable side: a Children's Trust Board reporting to a council's Cabinet and to a PCT Board (Stockton
/// 2007), a board reporting to a post; only by kinds that suit a body, never in a circle, across organisations on an agreement.
/// </summary>
public sealed class BoardLinesTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private const string Lines = "/api/v1/accountability-lines";
    private readonly HttpClient _admin = api.CreateClient();

    [Fact]
    public async Task A_partnership_board_reports_to_a_cabinet_and_a_pct_board_and_both_structures_show_it()
    {
        var (parties, arrangement, trustBoard, cabinet, pctBoard) = await TrustAsync("Trust board");

        var toCabinet = await _admin.LineAsync(FromBoard(trustBoard, cabinet.Id, arrangement.Id));
        var toPctBoard = await _admin.LineAsync(FromBoard(trustBoard, pctBoard.Id, arrangement.Id));
        var councils = await _admin.StructureAsync(parties.Council.Id, "2010-01-01");
        var pcts = await _admin.StructureAsync(parties.Pct.Id, "2010-01-01");
        var read = await (await _admin.GetAsync($"{Lines}/{toCabinet.Id}")).ReadAsync<AccountabilityLineResponse>(HttpStatusCode.OK);

        Assert.Equal(((Guid?)null, (Guid?)trustBoard.Id, (Guid?)cabinet.Id), (read.PostId, read.FromBodyId, read.ToBodyId));
        var atCouncil = Assert.Single(councils.Governance);
        Assert.Equal((toCabinet.Id, AccountabilityKind.GovernanceReporting, trustBoard.Id, trustBoard.Name, cabinet.Id, parties.Council.Id, arrangement.Reference),
            (atCouncil.LineId, atCouncil.Kind, atCouncil.From.BodyId!.Value, atCouncil.From.Name, atCouncil.To.BodyId!.Value, atCouncil.To.OrganisationId, atCouncil.BasisReference));
        Assert.Equal((trustBoard.Id, trustBoard.Name), (atCouncil.From.OrganisationId, atCouncil.From.OrganisationName)); // a partnership board is its own
        Assert.Equal([toPctBoard.Id], pcts.Governance.Select(l => l.LineId));
        Assert.Contains($"==>|governance|", councils.Mermaid, StringComparison.Ordinal);
        Assert.Contains($"([\"{cabinet.Name}\"])", councils.Mermaid, StringComparison.Ordinal);
        Assert.Equal(2, (await _admin.StructureAsync(trustBoard.Id, "2010-01-01")).Governance.Count);
    }

    [Fact]
    public async Task A_board_reports_to_a_post_and_a_reporting_chain_runs_on_through_boards()
    {
        var (parties, arrangement, trustBoard, cabinet, pctBoard) = await TrustAsync("Board chain");
        var director = await _admin.PostAsync(parties.Council.Id, "Director of Children's Services", from: "2008-04-01");
        var manager = await _admin.PostAsync(parties.Council.Id, "Children's Trust Manager", from: "2008-04-01");
        var management = await Body($"Board chain management team {Guid.NewGuid():N}", null);
        await _admin.LineAsync(new AccountabilityLineRequest
        {
            PostId = manager.Id, ToBodyId = trustBoard.Id, Kind = AccountabilityKind.GovernanceReporting, StartsOn = new DateOnly(2008, 4, 1),
            EndsOn = new DateOnly(2013, 3, 31), BasisAgreementId = arrangement.Id,
        });
        await _admin.LineAsync(FromBoard(trustBoard, cabinet.Id, arrangement.Id));
        await _admin.LineAsync(FromBoard(trustBoard, pctBoard.Id, arrangement.Id));
        // board to post: the management team reports to the council's director, on the arrangement
        var toPost = await _admin.LineAsync(FromBoard(management, null, arrangement.Id) with { ToPostId = director.Id, StartsOn = new DateOnly(2008, 4, 1) });

        var chain = await (await _admin.GetAsync($"/api/v1/posts/{manager.Id}/chain?on=2010-01-01&kind=GovernanceReporting"))
            .ReadAsync<List<ChainStepResponse>>(HttpStatusCode.OK);
        var reports = await (await _admin.GetAsync($"/api/v1/posts/{director.Id}/reports?on=2010-01-01")).ReadItemsAsync<AccountabilityLineResponse>(HttpStatusCode.OK);

        Assert.Equal([(1, (Guid?)manager.Id, (Guid?)null, trustBoard.Id), (2, (Guid?)null, (Guid?)trustBoard.Id, cabinet.Id), (2, (Guid?)null, (Guid?)trustBoard.Id, pctBoard.Id)],
            chain.Select(s => (s.Depth, s.FromPostId, s.FromBodyId, s.ToOrganisationId)).OrderBy(s => s.Depth).ThenBy(s => s.ToOrganisationId == pctBoard.Id));
        Assert.Equal([toPost.Id], reports.Select(l => l.Id));
        Assert.Equal(management.Id, reports[0].FromBodyId);
    }

    [Fact]
    public async Task A_board_is_refused_line_management_a_circle_and_a_line_across_organisations_without_its_agreement()
    {
        var (parties, arrangement, trustBoard, cabinet, pctBoard) = await TrustAsync("Board refusals");
        var director = await _admin.PostAsync(parties.Council.Id, "Director of Children's Services", from: "2008-04-01");
        await _admin.LineAsync(FromBoard(trustBoard, cabinet.Id, arrangement.Id));
        var partnership = await Body($"Board refusals partnership {Guid.NewGuid():N}", null);
        // a council's board to a partnership board of none rests on an agreement naming the council, as the partnership is no party
        await _admin.LineAsync(FromBoard(cabinet, partnership.Id, arrangement.Id));

        var managed = await _admin.PostJsonAsync(Lines, FromBoard(trustBoard, cabinet.Id, arrangement.Id) with { Kind = AccountabilityKind.LineManagement });
        var circle = await _admin.PostJsonAsync(Lines, FromBoard(cabinet, trustBoard.Id, arrangement.Id));
        var across = await _admin.PostJsonAsync(Lines, FromBoard(cabinet, pctBoard.Id, null));
        var both = await _admin.PostJsonAsync(Lines, FromBoard(trustBoard, cabinet.Id, arrangement.Id) with { PostId = director.Id });
        var notABoard = await _admin.PostJsonAsync(Lines, FromBoard(parties.Council, cabinet.Id, null));
        var afterItsEnd = await _admin.PostJsonAsync(Lines, FromBoard(pctBoard, parties.Pct.Id, null) with { EndsOn = null });
        var itself = await _admin.PostJsonAsync(Lines, FromBoard(trustBoard, trustBoard.Id, null));

        Assert.NotEmpty((await managed.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("$.kind"));
        var cycle = await circle.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("urn:integration-governance:problem:accountability-cycle", (string?)cycle["type"]);
        Assert.NotEmpty(cycle.ErrorsFor("$.toBodyId"));
        var basis = await across.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("urn:integration-governance:problem:basis-agreement-required", (string?)basis["type"]);
        Assert.NotEmpty(basis.ErrorsFor("$.basisAgreementId"));
        Assert.NotEmpty((await both.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("$.postId"));
        Assert.NotEmpty((await notABoard.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("$.fromBodyId"));
        Assert.NotEmpty((await afterItsEnd.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("$.endsOn"));
        Assert.NotEmpty((await itself.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("$.toBodyId"));
        Assert.Equal(2L, await Sql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM accountability_lines WHERE from_body_id IN ('{trustBoard.Id}', '{cabinet.Id}')"));
    }

    [Fact]
    public async Task A_boards_line_is_recorded_and_ended_by_its_organisation_and_is_a_record_of_both_sides()
    {
        var (parties, arrangement, _, cabinet, pctBoard) = await TrustAsync("Board party");
        var councilWriter = api.CreateClientAs("council", parties.Council.GssCode, "register:read", "register:write");
        var pctWriter = api.CreateClientAs("pct", parties.Pct.Id.ToString(), "register:read", "register:write");

        var byPct = await pctWriter.PostJsonAsync(Lines, FromBoard(cabinet, pctBoard.Id, arrangement.Id));
        var line = await councilWriter.LineAsync(FromBoard(cabinet, pctBoard.Id, arrangement.Id));
        var parties_ = await Sql.ScalarAsync<Guid[]>(api.ConnectionString, $"SELECT record_parties('accountability_lines', '{line.Id}')");
        var endedByPct = await pctWriter.EndAsync($"{Lines}/{line.Id}", "2012-03-31");
        var ended = await councilWriter.EndAsync($"{Lines}/{line.Id}", "2012-03-31");

        Assert.Equal("urn:integration-governance:problem:not-a-party", (string?)(await byPct.ReadProblemAsync(HttpStatusCode.Forbidden))["type"]);
        Assert.Equal([parties.Council.Id, parties.Pct.Id], parties_);
        await endedByPct.ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(new DateOnly(2012, 3, 31), (await ended.ReadAsync<AccountabilityLineResponse>(HttpStatusCode.OK)).EndsOn);
        Assert.Empty((await _admin.StructureAsync(parties.Council.Id, "2012-04-01")).Governance);
    }

    // a council and a PCT under a section 10 children's trust arrangement from 2007 to the PCT's end, its partnership board,
    // the council's Cabinet and the PCT's Board
    private async Task<(Support.Agreements.Parties Parties, Api.Agreements.AgreementResponse Arrangement, OrganisationResponse TrustBoard,
        OrganisationResponse Cabinet, OrganisationResponse PctBoard)> TrustAsync(string prefix)
    {
        var parties = await _admin.CouncilAndPctAsync(prefix);
        var (arrangement, _) = await _admin.ActiveAgreementAsync(new Api.Agreements.AgreementRequest
        {
            Reference = $"CT-{Guid.NewGuid():N}"[..20], Title = $"{prefix} children's trust", Basis = StatutoryBasis.Section10ChildrenAct2004,
            Parties = [new Api.Agreements.AgreementPartyContract { OrganisationId = parties.Council.Id, Role = PartyRole.Host },
                new Api.Agreements.AgreementPartyContract { OrganisationId = parties.Pct.Id, Role = PartyRole.Partner }],
            CommencesOn = new DateOnly(2007, 7, 1), EndsOn = new DateOnly(2013, 3, 31),
        }, parties.Council.Id);
        var trustBoard = await Body($"{prefix} Children's Trust Board {Guid.NewGuid():N}", null);
        var cabinet = await Body($"{prefix} Cabinet {Guid.NewGuid():N}", parties.Council.Id);
        var pctBoard = await Body($"{prefix} PCT Board {Guid.NewGuid():N}", parties.Pct.Id, closes: "2013-03-31");
        return (parties, arrangement, trustBoard, cabinet, pctBoard);
    }

    private Task<OrganisationResponse> Body(string name, Guid? partOf, string? closes = null) =>
        _admin.CreateOrganisationAsync(Register.Organisation(name, OrganisationType.PartnershipBoard, to: closes) with { PartOfId = partOf });

    private static AccountabilityLineRequest FromBoard(OrganisationResponse board, Guid? toBody, Guid? basis) => new()
    {
        FromBodyId = board.Id, ToBodyId = toBody, Kind = AccountabilityKind.GovernanceReporting, StartsOn = new DateOnly(2007, 7, 1),
        EndsOn = new DateOnly(2013, 3, 31), BasisAgreementId = basis,
    };
}
