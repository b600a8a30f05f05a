using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IntegrationGovernance.Api.Agreements;
using Microsoft.Extensions.DependencyInjection;
using IntegrationGovernance.Api.Organisations;
using IntegrationGovernance.Api.PooledFunds;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.Domain.PooledFunds;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.Security;

/// <summary>
/// For every operation in the published contract: no token → 401; a token without its scope → 403; a token
/// for an organisation that is not a party (where the operation has a party rule) → 403; the right token → 2xx.
/// The operations come from openapi/v1.json, so a new endpoint without a rule and a recipe here fails.
/// </summary>
public sealed class AccessMatrixTests : IClassFixture<RegisterApiFactory>
{
    // the recipes below need the host to act as an organisation of their own making; tests in a class run one at a time
    private static RegisterApiFactory _host = null!;
    private readonly RegisterApiFactory api;
    private readonly HttpClient _admin;

    public AccessMatrixTests(RegisterApiFactory factory)
    {
        api = _host = factory;
        _admin = factory.CreateClient();
    }

    /// <summary>A way to make a valid call to an operation, and the organisation a party to its record.</summary>
    private sealed record Recipe(Func<HttpRequestMessage> Request, string? PartyCode = null);

    public static TheoryData<string, string, string> Operations()
    {
        var data = new TheoryData<string, string, string>();
        var document = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Root, "openapi", "v1.json")))!;
        foreach (var (path, operations) in document["paths"]!.AsObject())
            foreach (var (method, operation) in operations!.AsObject())
                data.Add((string)operation!["operationId"]!, method.ToUpperInvariant(), path);
        return data;
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Every_operation_admits_only_the_callers_its_rule_names(string operationId, string method, string path)
    {
        var operation = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Repository.Root, "openapi", "v1.json")))!["paths"]![path]![method.ToLowerInvariant()]!;
        var scopes = operation["x-required-scopes"]?.AsArray().Select(s => (string)s!).ToList() ?? [];
        Assert.True(scopes.Count == 1, $"{operationId} declares no single required scope (x-required-scopes)");
        var required = scopes[0];
        var partyRule = operation["x-party-rule"] is not null;
        var visibilityRule = operation["x-visibility-rule"] is not null;
        Assert.True(Recipes.TryGetValue(operationId, out var prepare), $"{operationId} has no recipe in the access matrix: add one");
        var recipe = await prepare!(_admin);
        using (var probe = recipe.Request())
        {
            Assert.Equal(method, probe.Method.Method);
            Assert.Matches("^" + Regex.Replace(path, @"\{[^}]+\}", "[^/]+") + "$", probe.RequestUri!.OriginalString.Split('?')[0]);
        }
        var otherOrganisation = await _admin.CreateOrganisationAsync(Register.Organisation($"Unrelated {Guid.NewGuid():N}", gss: UniqueGss()));

        await ExpectAsync(api.CreateAnonymousClient(), recipe, HttpStatusCode.Unauthorized);
        var allButRequired = Scopes.All.Except([required, Scopes.Admin]).ToArray();
        await ExpectAsync(api.CreateClientAs("lacks-scope", recipe.PartyCode, allButRequired), recipe, HttpStatusCode.Forbidden);
        var outsider = api.CreateClientAs("not-a-party", otherOrganisation.GssCode, required);
        if (partyRule)
            await ExpectAsync(outsider, recipe, HttpStatusCode.Forbidden);
        else if (visibilityRule && path.Contains("{id}", StringComparison.Ordinal))
            await ExpectAsync(outsider, recipe, HttpStatusCode.NotFound); // not 403: its existence is not revealed
        else if (required != Scopes.Admin && method == "GET")
        {
            // the register's own records are public to any reader, whatever organisation it acts for
            using var read = await outsider.SendAsync(recipe.Request());
            Assert.True(read.IsSuccessStatusCode, $"{operationId} for an unrelated organisation: {(int)read.StatusCode}");
        }

        using var allowed = await api.CreateClientAs("allowed", recipe.PartyCode, required).SendAsync(recipe.Request());
        Assert.True(allowed.IsSuccessStatusCode, $"{operationId} with {required}: {(int)allowed.StatusCode} {await allowed.Content.ReadAsStringAsync()}");
    }

    /// <summary>Fields the same operation shows to one caller and hides from another: the field, who sees it, who does not.</summary>
    [Theory]
    [InlineData("holderReference")]
    public async Task A_field_hidden_from_an_unrelated_caller_is_shown_to_the_one_its_rule_names(string field)
    {
        var bodies = await _admin.CouncilCcgAndSection113Async("Matrix field");
        var post = await _admin.PostAsync(bodies.Council.Id, "Matrix field post", holder: "E1111111");
        var other = await _admin.CreateOrganisationAsync(Register.Organisation($"Unrelated {Guid.NewGuid():N}", gss: UniqueGss()));

        var shown = await api.CreateClientAs("hr", bodies.Council.GssCode, Scopes.RegisterRead, Scopes.PeopleRead).GetStringAsync($"/api/v1/posts/{post.Id}");
        var hidden = await api.CreateClientAs("hr", other.GssCode, Scopes.RegisterRead, Scopes.PeopleRead).GetStringAsync($"/api/v1/posts/{post.Id}");
        var withoutScope = await api.CreateClientAs("reader", bodies.Council.GssCode, Scopes.RegisterRead).GetStringAsync($"/api/v1/posts/{post.Id}");

        Assert.Equal("E1111111", (string?)JsonNode.Parse(shown)![field]);
        Assert.Null((string?)JsonNode.Parse(hidden)![field]);
        Assert.Null((string?)JsonNode.Parse(withoutScope)![field]);
    }

    private static async Task ExpectAsync(HttpClient client, Recipe recipe, HttpStatusCode expected)
    {
        using var response = await client.SendAsync(recipe.Request());
        await response.ReadProblemAsync(expected);
    }

    private static readonly Dictionary<string, Func<HttpClient, Task<Recipe>>> Recipes = new()
    {
        ["ListOrganisations"] = _ => Get(Register.Organisations),
        ["CreateOrganisation"] = _ => Task.FromResult(new Recipe(() => Json(HttpMethod.Post, Register.Organisations, Register.Organisation($"Matrix {Guid.NewGuid():N}")))),
        ["GetOrganisation"] = async admin => new Recipe(Request(HttpMethod.Get, $"{Register.Organisations}/{(await Target(admin)).Organisation.Id}")),
        ["UpdateOrganisation"] = async admin =>
        {
            var (target, etag) = await Target(admin);
            return new Recipe(() => Json(HttpMethod.Put, $"{Register.Organisations}/{target.Id}",
                Register.Organisation(target.Name + " (renamed)", target.Type, gss: target.GssCode), etag), target.GssCode);
        },
        ["CloseOrganisation"] = async admin =>
        {
            var (target, etag) = await Target(admin);
            return new Recipe(() => Json(HttpMethod.Post, $"{Register.Organisations}/{target.Id}/close",
                new CloseOrganisationRequest { LastDay = new DateOnly(2024, 3, 31) }, etag), target.GssCode);
        },
        ["ChangeOrganisationType"] = async admin =>
        {
            var (target, etag) = await Target(admin);
            return new Recipe(() => Json(HttpMethod.Post, $"{Register.Organisations}/{target.Id}/type-changes",
                new TypeChangeRequest { Type = OrganisationType.MetropolitanBorough, From = new DateOnly(2024, 4, 1) }, etag), target.GssCode);
        },
        ["GetSuccessors"] = async admin => new Recipe(Request(HttpMethod.Get, $"{Register.Organisations}/{(await Target(admin)).Organisation.Id}/successors")),
        ["GetPredecessors"] = async admin => new Recipe(Request(HttpMethod.Get, $"{Register.Organisations}/{(await Target(admin)).Organisation.Id}/predecessors")),
        ["GetOrganisationHistory"] = async admin => new Recipe(Request(HttpMethod.Get, $"{Register.Organisations}/{(await Target(admin)).Organisation.Id}/history")),
        ["CreateSuccession"] = async admin =>
        {
            var before = await admin.CreateOrganisationAsync(Register.Organisation($"Matrix predecessor {Guid.NewGuid():N}"));
            var after = await admin.CreateOrganisationAsync(Register.Organisation($"Matrix successor {Guid.NewGuid():N}"));
            return new Recipe(() => Json(HttpMethod.Post, Register.Successions, Register.Succession([before], [after], "2020-04-01", Domain.Successions.SuccessionKind.Rename)));
        },
        ["GetSuccession"] = async admin =>
        {
            var before = await admin.CreateOrganisationAsync(Register.Organisation($"Matrix predecessor {Guid.NewGuid():N}"));
            var after = await admin.CreateOrganisationAsync(Register.Organisation($"Matrix successor {Guid.NewGuid():N}"));
            var succession = await admin.RecordSuccessionAsync(Register.Succession([before], [after], "2020-04-01", Domain.Successions.SuccessionKind.Rename));
            return new Recipe(Request(HttpMethod.Get, $"{Register.Successions}/{succession.Id}"));
        },
        ["ListAgreements"] = _ => Get(Support.Agreements.Url),
        ["ListAgreementSummaries"] = _ => Get($"{Support.Agreements.Url}/summaries"),
        ["ListBindingAgreementSummaries"] = async admin => new Recipe(Request(HttpMethod.Get, $"{Register.Organisations}/{(await Target(admin)).Organisation.Id}/agreements/summaries")),
        ["GetAgreement"] = async admin => new Recipe(Request(HttpMethod.Get, $"{Support.Agreements.Url}/{(await Draft(admin)).Agreement.Id}")),
        ["ListVariations"] = async admin => new Recipe(Request(HttpMethod.Get, $"{Support.Agreements.Url}/{(await Draft(admin)).Agreement.Id}/variations")),
        ["ListSchedules"] = async admin => new Recipe(Request(HttpMethod.Get, $"{Support.Agreements.Url}/{(await Draft(admin)).Agreement.Id}/schedules")),
        ["GetAgreementHistory"] = async admin => new Recipe(Request(HttpMethod.Get, $"{Support.Agreements.Url}/{(await Draft(admin)).Agreement.Id}/history")),
        ["ListBindingAgreements"] = async admin => new Recipe(Request(HttpMethod.Get, $"{Register.Organisations}/{(await Target(admin)).Organisation.Id}/agreements")),
        ["CreateAgreement"] = async admin =>
        {
            var parties = await admin.CouncilAndPctAsync($"Matrix {Guid.NewGuid():N}");
            var request = Support.Agreements.Section75($"MATRIX-{Guid.NewGuid():N}"[..30], parties);
            return new Recipe(() => Json(HttpMethod.Post, Support.Agreements.Url, request), parties.Council.GssCode);
        },
        ["ReviseAgreement"] = async admin =>
        {
            var (agreement, etag, request, party) = await Draft(admin);
            return new Recipe(() => Json(HttpMethod.Put, $"{Support.Agreements.Url}/{agreement.Id}", request with { Title = "Revised" }, etag), party);
        },
        ["RecordApproval"] = async admin =>
        {
            var (agreement, etag, _, party) = await Draft(admin);
            var approval = new ApprovalContract { BodyId = agreement.Parties[0].OrganisationId, DecidedOn = new DateOnly(2012, 3, 1), Outcome = ApprovalOutcome.Approved };
            return new Recipe(() => Json(HttpMethod.Post, $"{Support.Agreements.Url}/{agreement.Id}/approvals", approval, etag), party);
        },
        ["TransitionAgreement"] = async admin =>
        {
            var (agreement, etag, _, party) = await Draft(admin);
            foreach (var body in agreement.Parties.Select(p => p.OrganisationId))
            {
                (_, etag) = await admin.ActOnAsync(agreement.Id, "approvals", new ApprovalContract
                {
                    BodyId = body, DecidedOn = new DateOnly(2012, 3, 1), Outcome = ApprovalOutcome.Approved,
                }, etag);
            }
            var transition = new TransitionRequest { To = AgreementStatus.Approved, EffectiveOn = new DateOnly(2012, 3, 1) };
            return new Recipe(() => Json(HttpMethod.Post, $"{Support.Agreements.Url}/{agreement.Id}/transitions", transition, etag), party);
        },
        ["VaryAgreement"] = async admin =>
        {
            var parties = await admin.CouncilAndPctAsync($"Matrix {Guid.NewGuid():N}");
            var (agreement, etag) = await admin.ActiveAgreementAsync(Support.Agreements.Section75($"MATRIX-{Guid.NewGuid():N}"[..30], parties), parties.Council.Id);
            var variation = new VariationRequest { EffectiveOn = new DateOnly(2015, 4, 1), Description = "Extended", EndsOn = new DateOnly(2020, 3, 31) };
            return new Recipe(() => Json(HttpMethod.Post, $"{Support.Agreements.Url}/{agreement.Id}/variations", variation, etag), parties.Council.GssCode);
        },
        ["AcceptVariation"] = async admin =>
        {
            // the council proposes that the PCT become a provider; only the PCT can accept that
            var (agreement, etag, parties) = await Running(admin);
            var council = _host.CreateClientAs("council", parties.Council.GssCode, Scopes.RegisterWrite);
            (agreement, etag) = await council.ActOnAsync(agreement.Id, "variations", new VariationRequest
            {
                EffectiveOn = new DateOnly(2015, 4, 1), Description = "The PCT provides the services",
                Parties = [new PartyChangeContract { OrganisationId = parties.Pct.Id, Role = PartyRole.Provider }],
            }, etag);
            var number = agreement.Variations[^1].Number;
            return new Recipe(() => Json(HttpMethod.Post, $"{Support.Agreements.Url}/{agreement.Id}/variations/{number}/acceptances", new AcceptanceRequest(), etag),
                parties.Pct.Id.ToString());
        },
        ["AcceptTransition"] = async admin =>
        {
            // the council asks to terminate; the PCT's acceptance puts it in force
            var (agreement, etag, parties) = await Running(admin);
            var council = _host.CreateClientAs("council", parties.Council.GssCode, Scopes.RegisterWrite);
            (agreement, etag) = await council.ActOnAsync(agreement.Id, "transitions",
                new TransitionRequest { To = AgreementStatus.Terminated, EffectiveOn = new DateOnly(2016, 3, 31) }, etag);
            var sequence = agreement.StatusChanges[^1].Sequence;
            return new Recipe(() => Json(HttpMethod.Post, $"{Support.Agreements.Url}/{agreement.Id}/transitions/{sequence}/acceptances", new AcceptanceRequest(), etag),
                parties.Pct.Id.ToString());
        },
        ["ServeNotice"] = async admin =>
        {
            var (agreement, etag, parties) = await Running(admin);
            var notice = new NoticeRequest { Kind = NoticeKind.Withdrawal, ServedOn = new DateOnly(2014, 1, 15) };
            return new Recipe(() => Json(HttpMethod.Post, $"{Support.Agreements.Url}/{agreement.Id}/notices", notice, etag), parties.Council.GssCode);
        },
        ["WithdrawNotice"] = async admin =>
        {
            var (agreement, etag, parties) = await Running(admin);
            (agreement, etag) = await admin.ActOnAsync(agreement.Id, "notices", new NoticeRequest
            {
                OrganisationId = parties.Council.Id, Kind = NoticeKind.Withdrawal, ServedOn = new DateOnly(2026, 11, 1), EffectiveOn = new DateOnly(2099, 3, 31),
            }, etag);
            return new Recipe(() => Json(HttpMethod.Post, $"{Support.Agreements.Url}/{agreement.Id}/notices/{agreement.Notices[^1].Number}/withdrawal", new { }, etag),
                parties.Council.GssCode);
        },
        ["NameTransfer"] = async admin =>
        {
            // a PCT split between two successors: the agreement waits for its transfer to be named
            var council = await admin.CreateOrganisationAsync(Register.Organisation($"Matrix council {Guid.NewGuid():N}", gss: UniqueGss()));
            var pct = await admin.CreateOrganisationAsync(Register.Organisation($"Matrix PCT {Guid.NewGuid():N}", OrganisationType.PrimaryCareTrust, from: "2002-04-01", to: "2013-03-31"));
            var east = await admin.CreateOrganisationAsync(Register.Organisation($"Matrix CCG east {Guid.NewGuid():N}", OrganisationType.ClinicalCommissioningGroup, from: "2013-04-01"));
            var west = await admin.CreateOrganisationAsync(Register.Organisation($"Matrix CCG west {Guid.NewGuid():N}", OrganisationType.ClinicalCommissioningGroup, from: "2013-04-01"));
            var (agreement, _) = await admin.ActiveAgreementAsync(
                Support.Agreements.Section75($"MATRIX-{Guid.NewGuid():N}"[..30], new(council, pct), "2010-04-01", null), council.Id);
            var succession = await admin.RecordSuccessionAsync(Register.Succession([pct], [east, west], "2013-04-01", Domain.Successions.SuccessionKind.Split));
            var transfer = new SuccessionTransferContract { AgreementId = agreement.Id, PredecessorId = pct.Id, SuccessorId = east.Id };
            return new Recipe(() => Json(HttpMethod.Post, $"{Register.Successions}/{succession.Id}/transfers", transfer));
        },
        ["CreatePooledFund"] = async admin =>
        {
            var parties = await admin.CouncilAndPctAsync($"Matrix {Guid.NewGuid():N}");
            var (agreement, _) = await admin.CreateAgreementAsync(Support.Agreements.Section75($"MATRIX-{Guid.NewGuid():N}"[..30], parties));
            var fund = new PooledFundRequest { AgreementId = agreement.Id, Name = "Matrix fund", HostOrganisationId = parties.Council.Id, StartsOn = new DateOnly(2012, 4, 1) };
            return new Recipe(() => Json(HttpMethod.Post, Funds.Url, fund), parties.Council.GssCode);
        },
        ["GetPooledFund"] = async admin => new Recipe(Request(HttpMethod.Get, $"{Funds.Url}/{(await admin.FundAsync("Matrix")).Fund.Id}")),
        ["GetFundSummary"] = async admin => new Recipe(Request(HttpMethod.Get, $"{Funds.Url}/{(await admin.FundAsync("Matrix")).Fund.Id}/summary?financialYear=2015-16")),
        ["GetLedger"] = async admin =>
        {
            var (fund, parties) = await admin.FundAsync("Matrix");
            return new Recipe(Request(HttpMethod.Get, $"{Funds.Url}/{fund.Id}/ledger"), parties.Council.GssCode);
        },
        ["ListFundSummaries"] = _ => Get("/api/v1/finance/summaries?financialYear=2015-16"),
        ["ListOrganisationFunds"] = async admin => new Recipe(Request(HttpMethod.Get, $"{Register.Organisations}/{(await admin.FundAsync("Matrix")).Parties.Pct.Id}/pooled-funds?financialYear=2015-16")),
        ["SetRiskShare"] = async admin =>
        {
            var (fund, parties) = await admin.FundAsync("Matrix");
            var etag = (await admin.GetAsync($"{Funds.Url}/{fund.Id}")).Headers.ETag!.ToString();
            var share = new RiskShareRequest { Method = RiskShareMethod.InProportionToContributions };
            return new Recipe(() => Json(HttpMethod.Put, $"{Funds.Url}/{fund.Id}/risk-shares/2015-16", share, etag), parties.Council.GssCode);
        },
        ["RecordContribution"] = async admin =>
        {
            var (fund, parties) = await admin.FundAsync("Matrix");
            return new Recipe(() => Json(HttpMethod.Post, $"{Funds.Url}/{fund.Id}/contributions", Funds.Contribution(parties.Council.Id, ContributionKind.Planned, 100m)), parties.Council.GssCode);
        },
        ["BookLedgerLine"] = async admin =>
        {
            var (fund, parties) = await admin.FundAsync("Matrix");
            var line = new LedgerLineRequest { Date = new DateOnly(2015, 5, 1), Amount = 1m, Category = "Care", ExternalReference = "M-1" };
            return new Recipe(() => Json(HttpMethod.Post, $"{Funds.Url}/{fund.Id}/ledger-lines", line), parties.Council.GssCode);
        },
        ["ImportLedgerLines"] = async admin =>
        {
            var (fund, parties) = await admin.FundAsync("Matrix");
            return new Recipe(() => new HttpRequestMessage(HttpMethod.Post, $"{Funds.Url}/{fund.Id}/ledger-lines/import")
            {
                Content = new StringContent("date,amount,category,description,external_reference\n2015-05-01,1.00,Care,,M-1\n", System.Text.Encoding.UTF8, "text/csv"),
            }, parties.Council.GssCode);
        },
        ["ListLedgerPeriods"] = async admin => new Recipe(Request(HttpMethod.Get, $"{Funds.Url}/{(await admin.FundAsync("Matrix")).Fund.Id}/periods?financialYear=2015-16")),
        ["CloseLedgerPeriod"] = async admin =>
        {
            var (fund, parties) = await admin.FundAsync("Matrix");
            return new Recipe(Request(HttpMethod.Post, $"{Funds.Url}/{fund.Id}/periods/2015-16/3/close"), parties.Council.GssCode);
        },
        ["ReopenLedgerPeriod"] = async admin =>
        {
            var (fund, parties) = await admin.FundAsync("Matrix");
            (await admin.PostAsync($"{Funds.Url}/{fund.Id}/periods/2015-16/3/close", null)).EnsureSuccessStatusCode();
            return new Recipe(() => Json(HttpMethod.Post, $"{Funds.Url}/{fund.Id}/periods/2015-16/3/reopen", new ReopenLedgerPeriodRequest { Reason = "Matrix" }),
                parties.Council.GssCode);
        },
        ["GetLedgerPeriodHistory"] = async admin =>
        {
            var (fund, _) = await admin.FundAsync("Matrix");
            var closed = await (await admin.PostAsync($"{Funds.Url}/{fund.Id}/periods/2015-16/3/close", null)).ReadAsync<LedgerPeriodResponse>(HttpStatusCode.OK);
            return new Recipe(Request(HttpMethod.Get, $"/api/v1/ledger-periods/{closed.Id}/history"));
        },
        ["SetFundBudget"] = async admin =>
        {
            var (fund, parties) = await admin.FundAsync("Matrix");
            return new Recipe(() => Json(HttpMethod.Put, Budgets.BudgetUrl(fund.Id), Budgets.Budget(("Care", null, 1m))), parties.Council.GssCode);
        },
        ["GetFundBudget"] = async admin => new Recipe(Request(HttpMethod.Get, Budgets.BudgetUrl((await BudgetedFund(admin)).Id))),
        ["GetFundBudgetHistory"] = async admin => new Recipe(Request(HttpMethod.Get, Budgets.BudgetUrl((await BudgetedFund(admin)).Id) + "/history")),
        ["SubmitForecastOutturn"] = async admin =>
        {
            var (fund, parties) = await admin.FundAsync("Matrix");
            return new Recipe(() => Json(HttpMethod.Put, Budgets.ForecastUrl(fund.Id, 6), Budgets.Forecast(("Care", 1m))), parties.Council.GssCode);
        },
        ["GetForecastOutturn"] = async admin => new Recipe(Request(HttpMethod.Get, Budgets.ForecastUrl((await BudgetedFund(admin)).Id, 6))),
        ["GetForecastOutturnHistory"] = async admin => new Recipe(Request(HttpMethod.Get, Budgets.ForecastUrl((await BudgetedFund(admin)).Id, 6) + "/history")),
        ["GetMonthlyReport"] = async admin => new Recipe(Request(HttpMethod.Get, Budgets.ReportUrl((await BudgetedFund(admin)).Id, 6))),
        ["CreatePost"] = async admin =>
        {
            var bodies = await admin.CouncilCcgAndSection113Async($"Matrix {Guid.NewGuid():N}");
            var post = new Api.People.PostRequest { OrganisationId = bodies.Council.Id, Title = "Matrix post", StartsOn = new DateOnly(2013, 4, 1) };
            return new Recipe(() => Json(HttpMethod.Post, "/api/v1/posts", post), bodies.Council.GssCode);
        },
        ["GetPost"] = async admin => new Recipe(Request(HttpMethod.Get, $"/api/v1/posts/{(await MatrixPost(admin)).Id}")),
        ["ListPostLines"] = async admin => new Recipe(Request(HttpMethod.Get, $"/api/v1/posts/{(await MatrixPost(admin)).Id}/lines")),
        ["GetAccountabilityChain"] = async admin => new Recipe(Request(HttpMethod.Get, $"/api/v1/posts/{(await MatrixPost(admin)).Id}/chain")),
        ["ListReports"] = async admin => new Recipe(Request(HttpMethod.Get, $"/api/v1/posts/{(await MatrixPost(admin)).Id}/reports")),
        ["GetStructure"] = async admin => new Recipe(Request(HttpMethod.Get, $"{Register.Organisations}/{(await Target(admin)).Organisation.Id}/structure")),
        ["CreateAccountabilityLine"] = async admin =>
        {
            var bodies = await admin.CouncilCcgAndSection113Async($"Matrix {Guid.NewGuid():N}");
            var (manager, report) = (await admin.PostAsync(bodies.Council.Id, "Manager"), await admin.PostAsync(bodies.Council.Id, "Report"));
            return new Recipe(() => Json(HttpMethod.Post, "/api/v1/accountability-lines", Support.People.Line(report, manager)), bodies.Council.GssCode);
        },
        ["CreateSecondment"] = async admin =>
        {
            var bodies = await admin.CouncilCcgAndSection113Async($"Matrix {Guid.NewGuid():N}");
            var secondment = Support.People.Secondment(bodies);
            return new Recipe(() => Json(HttpMethod.Post, "/api/v1/secondments", secondment), bodies.Council.GssCode);
        },
        ["GetSecondment"] = async admin =>
        {
            var bodies = await admin.CouncilCcgAndSection113Async($"Matrix {Guid.NewGuid():N}");
            var created = await (await admin.PostJsonAsync("/api/v1/secondments", Support.People.Secondment(bodies))).ReadAsync<Api.People.SecondmentResponse>(HttpStatusCode.Created);
            return new Recipe(Request(HttpMethod.Get, $"/api/v1/secondments/{created.Id}"), bodies.Council.GssCode);
        },
        ["ListSecondments"] = _ => Get("/api/v1/secondments"),
        ["GetPostHistory"] = async admin => new Recipe(Request(HttpMethod.Get, $"/api/v1/posts/{(await MatrixPost(admin)).Id}/history")),
        ["EndPost"] = async admin =>
        {
            var (organisation, _) = await Target(admin);
            var post = await admin.PostAsync(organisation.Id, "Matrix post");
            var etag = await admin.ETagAsync($"/api/v1/posts/{post.Id}");
            return new Recipe(() => Json(HttpMethod.Post, $"/api/v1/posts/{post.Id}/end", new Api.People.EndRequest { EndsOn = new DateOnly(2020, 3, 31) }, etag),
                organisation.GssCode);
        },
        ["ChangePost"] = async admin =>
        {
            var (organisation, _) = await Target(admin);
            var post = await admin.PostAsync(organisation.Id, "Matrix post");
            var etag = await admin.ETagAsync($"/api/v1/posts/{post.Id}");
            var change = new Api.People.PostChangeRequest { EffectiveOn = new DateOnly(2020, 4, 1), Title = "Matrix post, renamed" };
            return new Recipe(() => Json(HttpMethod.Post, $"/api/v1/posts/{post.Id}/changes", change, etag), organisation.GssCode);
        },
        ["GetAccountabilityLine"] = async admin => new Recipe(Request(HttpMethod.Get, $"/api/v1/accountability-lines/{(await MatrixLine(admin)).Line.Id}")),
        ["GetAccountabilityLineHistory"] = async admin => new Recipe(Request(HttpMethod.Get, $"/api/v1/accountability-lines/{(await MatrixLine(admin)).Line.Id}/history")),
        ["EndAccountabilityLine"] = async admin =>
        {
            var (line, party) = await MatrixLine(admin);
            var etag = await admin.ETagAsync($"/api/v1/accountability-lines/{line.Id}");
            return new Recipe(() => Json(HttpMethod.Post, $"/api/v1/accountability-lines/{line.Id}/end", new Api.People.EndRequest { EndsOn = new DateOnly(2020, 3, 31) }, etag), party);
        },
        ["ChangeSecondmentEndDate"] = async admin =>
        {
            var (secondment, party) = await MatrixSecondment(admin);
            var etag = await admin.ETagAsync($"/api/v1/secondments/{secondment.Id}");
            return new Recipe(() => Json(HttpMethod.Put, $"/api/v1/secondments/{secondment.Id}/end-date",
                new Api.People.SecondmentEndDateRequest { EndsOn = new DateOnly(2014, 3, 31) }, etag), party);
        },
        ["GetSecondmentHistory"] = async admin =>
        {
            var (secondment, party) = await MatrixSecondment(admin);
            return new Recipe(Request(HttpMethod.Get, $"/api/v1/secondments/{secondment.Id}/history"), party);
        },
        ["ListPostHolders"] = async admin => new Recipe(Request(HttpMethod.Get, $"/api/v1/posts/{(await MatrixHolding(admin)).Holding.PostId}/holders")),
        ["CreatePostHolding"] = async admin =>
        {
            var (organisation, _) = await Target(admin);
            var post = await admin.PostAsync(organisation.Id, "Matrix post");
            return new Recipe(() => Json(HttpMethod.Post, $"/api/v1/posts/{post.Id}/holders", Holdings.Holding("E9000001", Domain.People.HoldingKind.Substantive, "2013-04-01")),
                organisation.GssCode);
        },
        ["GetPostHolding"] = async admin => new Recipe(Request(HttpMethod.Get, $"/api/v1/post-holdings/{(await MatrixHolding(admin)).Holding.Id}")),
        ["GetPostHoldingHistory"] = async admin => new Recipe(Request(HttpMethod.Get, $"/api/v1/post-holdings/{(await MatrixHolding(admin)).Holding.Id}/history")),
        ["ChangePostHoldingEndDate"] = async admin =>
        {
            var (holding, party) = await MatrixHolding(admin);
            var etag = await admin.ETagAsync($"/api/v1/post-holdings/{holding.Id}");
            return new Recipe(() => Json(HttpMethod.Put, $"/api/v1/post-holdings/{holding.Id}/end-date",
                new Api.People.HoldingEndDateRequest { EndsOn = new DateOnly(2015, 3, 31) }, etag), party);
        },
        ["ListJointArrangements"] = async admin => new Recipe(Request(HttpMethod.Get, $"/api/v1/posts/{(await MatrixJoint(admin)).Joint.PostId}/joint-arrangements")),
        ["CreateJointArrangement"] = async admin =>
        {
            var bodies = await admin.CouncilCcgAndSection113Async($"Matrix {Guid.NewGuid():N}");
            var post = await admin.PostAsync(bodies.Ccg.Id, "Matrix joint post");
            return new Recipe(() => Json(HttpMethod.Post, $"/api/v1/posts/{post.Id}/joint-arrangements", Holdings.Joint(bodies.Council.Id, bodies.Section113.Id, "2013-04-01")),
                bodies.Ccg.Id.ToString());
        },
        ["GetJointArrangement"] = async admin => new Recipe(Request(HttpMethod.Get, $"/api/v1/joint-arrangements/{(await MatrixJoint(admin)).Joint.Id}")),
        ["GetJointArrangementHistory"] = async admin => new Recipe(Request(HttpMethod.Get, $"/api/v1/joint-arrangements/{(await MatrixJoint(admin)).Joint.Id}/history")),
        ["EndJointArrangement"] = async admin =>
        {
            var (joint, party) = await MatrixJoint(admin);
            var etag = await admin.ETagAsync($"/api/v1/joint-arrangements/{joint.Id}");
            return new Recipe(() => Json(HttpMethod.Post, $"/api/v1/joint-arrangements/{joint.Id}/end", new Api.People.EndRequest { EndsOn = new DateOnly(2020, 3, 31) }, etag), party);
        },
        ["ImportOrganisations"] = _ => Task.FromResult(new Recipe(() => Csv("/api/v1/imports/organisations",
            $"name,type,gss_code\nMatrix import {Guid.NewGuid():N},DistrictCouncil,{UniqueGss()}\n"))),
        ["ImportAgreements"] = async admin =>
        {
            var parties = await admin.CouncilAndPctAsync($"Matrix {Guid.NewGuid():N}");
            var csv = $"reference,title,basis,parties,commences_on\n{$"MATRIX-{Guid.NewGuid():N}"[..30]},Matrix,MemorandumOfAgreement,{parties.Council.GssCode}:Partner;{parties.Pct.Id}:Partner,2012-04-01\n";
            return new Recipe(() => Csv("/api/v1/imports/agreements", csv), parties.Council.GssCode);
        },
        ["ListWebhookSubscriptions"] = _ => Get("/api/v1/webhook-subscriptions"),
        ["CreateWebhookSubscription"] = async admin =>
        {
            var (owner, _) = await Target(admin);
            var subscription = new Api.Webhooks.WebhookSubscriptionRequest { TargetUrl = "http://127.0.0.1:9/hook" };
            return new Recipe(() => Json(HttpMethod.Post, "/api/v1/webhook-subscriptions", subscription), owner.GssCode);
        },
        ["GetWebhookSubscription"] = async admin =>
        {
            var (subscription, owner, _) = await Subscription(admin);
            return new Recipe(Request(HttpMethod.Get, $"/api/v1/webhook-subscriptions/{subscription}"), owner);
        },
        ["ListWebhookDeliveries"] = async admin =>
        {
            var (subscription, owner, _) = await Subscription(admin);
            return new Recipe(Request(HttpMethod.Get, $"/api/v1/webhook-subscriptions/{subscription}/deliveries"), owner);
        },
        ["DeleteWebhookSubscription"] = async admin =>
        {
            var (subscription, owner, etag) = await Subscription(admin);
            return new Recipe(() => WithIfMatch(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/webhook-subscriptions/{subscription}"), etag), owner);
        },
        ["RotateWebhookSecret"] = async admin =>
        {
            var (subscription, owner, _) = await Subscription(admin);
            return new Recipe(() => new HttpRequestMessage(HttpMethod.Post, $"/api/v1/webhook-subscriptions/{subscription}/secret"), owner);
        },
        ["ResumeWebhookSubscription"] = async admin =>
        {
            var (subscription, owner, etag) = await Subscription(admin);
            return new Recipe(() => WithIfMatch(new HttpRequestMessage(HttpMethod.Post, $"/api/v1/webhook-subscriptions/{subscription}/resume"), etag), owner);
        },
        ["RedeliverWebhook"] = async admin =>
        {
            var (subscription, owner, _) = await Subscription(admin);
            await admin.CreateOrganisationAsync(Register.Organisation($"Matrix redelivery {Guid.NewGuid():N}"));
            await using (var scope = _host.Services.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<IntegrationGovernance.Infrastructure.Webhooks.WebhookDispatcher>().RunOnceAsync(CancellationToken.None);
            var subscriber = _host.CreateClientAs("subscriber", owner, Scopes.RegisterRead);
            var delivery = (await (await subscriber.GetAsync($"/api/v1/webhook-subscriptions/{subscription}/deliveries"))
                .ReadItemsAsync<Api.Webhooks.WebhookDeliveryResponse>(HttpStatusCode.OK))[0];
            return new Recipe(() => new HttpRequestMessage(HttpMethod.Post, $"/api/v1/webhook-subscriptions/{subscription}/deliveries/{delivery.Id}/redeliver"), owner);
        },
        ["GetSuccessionHistory"] = async admin =>
        {
            var before = await admin.CreateOrganisationAsync(Register.Organisation($"Matrix predecessor {Guid.NewGuid():N}"));
            var after = await admin.CreateOrganisationAsync(Register.Organisation($"Matrix successor {Guid.NewGuid():N}"));
            var succession = await admin.RecordSuccessionAsync(Register.Succession([before], [after], "2020-04-01", Domain.Successions.SuccessionKind.Rename));
            return new Recipe(Request(HttpMethod.Get, $"{Register.Successions}/{succession.Id}/history"));
        },
        ["RecordTransferPayment"] = async admin =>
        {
            var (agreement, parties) = await admin.TransferAgreementAsync("Matrix");
            var payment = Arrangements.Payment(parties.Pct.Id, parties.Council.Id, 10m);
            return new Recipe(() => Json(HttpMethod.Post, Arrangements.PaymentsUrl(agreement.Id), payment), parties.Council.GssCode);
        },
        ["ListTransferPayments"] = async admin =>
            new Recipe(Request(HttpMethod.Get, $"{Arrangements.PaymentsUrl((await admin.TransferAgreementAsync("Matrix")).Agreement.Id)}?financialYear=2015-16")),
        ["GetTransferPayment"] = async admin =>
        {
            var (agreement, parties) = await admin.TransferAgreementAsync("Matrix");
            var payment = await admin.PayAsync(agreement.Id, Arrangements.Payment(parties.Pct.Id, parties.Council.Id, 10m));
            return new Recipe(Request(HttpMethod.Get, $"{Arrangements.PaymentsUrl(agreement.Id)}/{payment.Id}"));
        },
        ["ReportAlignedBudget"] = async admin =>
        {
            var (fund, parties) = await admin.FundAsync("Matrix");
            return new Recipe(() =>
            {
                var report = Json(HttpMethod.Put, Arrangements.AlignedUrl(fund.AgreementId, "2015-16", parties.Council.Id), Arrangements.Aligned(10m, 5m));
                report.Headers.TryAddWithoutValidation("If-None-Match", "*");
                return report;
            }, parties.Council.GssCode);
        },
        ["GetAlignedBudget"] = async admin =>
        {
            var (fund, parties) = await admin.FundAsync("Matrix");
            await admin.AlignAsync(fund.AgreementId, "2015-16", parties.Council.Id, Arrangements.Aligned(10m, 5m));
            return new Recipe(Request(HttpMethod.Get, Arrangements.AlignedUrl(fund.AgreementId, "2015-16", parties.Council.Id)));
        },
        ["ListAlignedBudgets"] = async admin =>
            new Recipe(Request(HttpMethod.Get, $"{Arrangements.AlignedUrl((await admin.FundAsync("Matrix")).Fund.AgreementId)}?financialYear=2015-16")),
        ["ExportFinance"] = _ => Get($"{Arrangements.ExportUrl}?financialYear=2015-16"),
        ["GetPooledFundHistory"] = async admin => new Recipe(Request(HttpMethod.Get, $"{Funds.Url}/{(await admin.FundAsync("Matrix")).Fund.Id}/history")),
        ["ListChanges"] = _ => Get("/api/v1/changes"),
        ["GetChangesHead"] = _ => Get("/api/v1/changes/head"),
        ["ListProvenance"] = _ => Get("/api/v1/provenance?resource=posts"),
        ["ListAudit"] = _ => Get("/api/v1/audit"),
    };

    /// <summary>A fund with a budget for 2015-16 and a forecast at P6.</summary>
    private static async Task<PooledFundResponse> BudgetedFund(HttpClient admin)
    {
        var (fund, _) = await admin.FundAsync("Matrix");
        await admin.SetBudgetAsync(fund.Id, Budgets.Budget(("Care", null, 1m)));
        await admin.SubmitForecastAsync(fund.Id, 6, Budgets.Forecast(("Care", 2m)));
        return fund;
    }

    private static HttpRequestMessage WithIfMatch(HttpRequestMessage request, string etag)
    {
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return request;
    }

    /// <summary>A subscription owned by a new organisation: its id, the owner's code, and its ETag.</summary>
    private static async Task<(Guid Id, string? Owner, string ETag)> Subscription(HttpClient admin)
    {
        var (owner, _) = await Target(admin);
        var subscriber = _host.CreateClientAs("subscriber", owner.GssCode, Scopes.RegisterRead);
        var created = await (await subscriber.PostJsonAsync("/api/v1/webhook-subscriptions", new Api.Webhooks.WebhookSubscriptionRequest { TargetUrl = "http://127.0.0.1:9/hook" }))
            .ReadAsync<Api.Webhooks.CreatedWebhookSubscriptionResponse>(HttpStatusCode.Created);
        var etag = (await subscriber.GetAsync($"/api/v1/webhook-subscriptions/{created.Subscription.Id}")).Headers.ETag!.ToString();
        return (created.Subscription.Id, owner.GssCode, etag);
    }

    private static HttpRequestMessage Csv(string url, string csv) =>
        new(HttpMethod.Post, url) { Content = new StringContent(csv, System.Text.Encoding.UTF8, "text/csv") };

    private static Task<Recipe> Get(string url) => Task.FromResult(new Recipe(Request(HttpMethod.Get, url)));

    private static Func<HttpRequestMessage> Request(HttpMethod method, string url) => () => new HttpRequestMessage(method, url);

    private static HttpRequestMessage Json(HttpMethod method, string url, object body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body, options: ApiJson.Options) };
        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    private static Task<(OrganisationResponse Organisation, string ETag)> Target(HttpClient admin) =>
        admin.CreateAsync(Register.Organisation($"Matrix target {Guid.NewGuid():N}", OrganisationType.UnitaryAuthority, gss: UniqueGss()));

    private static string UniqueGss() => Support.Agreements.UniqueGss();

    private static async Task<Api.People.PostResponse> MatrixPost(HttpClient admin)
    {
        var (organisation, _) = await Target(admin);
        return await admin.PostAsync(organisation.Id, "Matrix post");
    }

    /// <summary>A substantive holding of a council post, and the council's code (the post's organisation).</summary>
    private static async Task<(Api.People.PostHoldingResponse Holding, string? Party)> MatrixHolding(HttpClient admin)
    {
        var (organisation, _) = await Target(admin);
        var post = await admin.PostAsync(organisation.Id, "Matrix held post");
        return (await admin.HeldAsync(post.Id, Holdings.Holding("E9000002", Domain.People.HoldingKind.Substantive, "2013-04-01")), organisation.GssCode);
    }

    /// <summary>A CCG post held for a council too under their section 113 arrangement, and the CCG's id (the employer, a party).</summary>
    private static async Task<(Api.People.JointArrangementResponse Joint, string? Party)> MatrixJoint(HttpClient admin)
    {
        var bodies = await admin.CouncilCcgAndSection113Async($"Matrix {Guid.NewGuid():N}");
        var post = await admin.PostAsync(bodies.Ccg.Id, "Matrix joint post");
        return (await admin.JointAsync(post.Id, Holdings.Joint(bodies.Council.Id, bodies.Section113.Id, "2013-04-01")), bodies.Ccg.Id.ToString());
    }

    /// <summary>A line between two posts of a council, and the council's code (the accountable post's organisation).</summary>
    private static async Task<(Api.People.AccountabilityLineResponse Line, string? Party)> MatrixLine(HttpClient admin)
    {
        var bodies = await admin.CouncilCcgAndSection113Async($"Matrix {Guid.NewGuid():N}");
        var (manager, report) = (await admin.PostAsync(bodies.Council.Id, "Manager"), await admin.PostAsync(bodies.Council.Id, "Report"));
        return (await admin.LineAsync(Support.People.Line(report, manager)), bodies.Council.GssCode);
    }

    /// <summary>A secondment to a council, and the council's code (its host).</summary>
    private static async Task<(Api.People.SecondmentResponse Secondment, string? Party)> MatrixSecondment(HttpClient admin)
    {
        var bodies = await admin.CouncilCcgAndSection113Async($"Matrix {Guid.NewGuid():N}");
        var created = await (await admin.PostJsonAsync("/api/v1/secondments", Support.People.Secondment(bodies, ends: "2015-03-31")))
            .ReadAsync<Api.People.SecondmentResponse>(HttpStatusCode.Created);
        return (created, bodies.Council.GssCode);
    }

    /// <summary>An active, open-ended agreement between a council and a PCT, from 2012.</summary>
    private static async Task<(AgreementResponse Agreement, string ETag, Support.Agreements.Parties Parties)> Running(HttpClient admin)
    {
        var parties = await admin.CouncilAndPctAsync($"Matrix {Guid.NewGuid():N}");
        var (agreement, etag) = await admin.ActiveAgreementAsync(Support.Agreements.Section75($"MATRIX-{Guid.NewGuid():N}"[..30], parties, "2012-04-01", null), parties.Council.Id);
        return (agreement, etag, parties);
    }

    private static async Task<(AgreementResponse Agreement, string ETag, AgreementRequest Request, string? Party)> Draft(HttpClient admin)
    {
        var parties = await admin.CouncilAndPctAsync($"Matrix {Guid.NewGuid():N}");
        var request = Support.Agreements.Section75($"MATRIX-{Guid.NewGuid():N}"[..30], parties);
        var (agreement, etag) = await admin.CreateAgreementAsync(request);
        return (agreement, etag, request, parties.Council.GssCode);
    }
}
