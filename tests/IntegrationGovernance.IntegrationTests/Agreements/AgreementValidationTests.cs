using System.Net;
using IntegrationGovernance.Api.Agreements;
using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.Agreements;

/// <summary>Each rule of the statutes and of the register, broken once: a 400 or 409 naming the field, and nothing written.</summary>
public sealed class AgreementValidationTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>, IAsyncLifetime
{
    private readonly HttpClient _client = api.CreateClient();
    private Support.Agreements.Parties _parties = null!;
    private Api.Organisations.OrganisationResponse _cic = null!;

    public async Task InitializeAsync()
    {
        _parties = await _client.CouncilAndPctAsync($"Rules {Guid.NewGuid():N}");
        _cic = await _client.CreateOrganisationAsync(Register.Organisation($"Rules CIC {Guid.NewGuid():N}", OrganisationType.CommunityInterestCompany));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, string> BrokenRules() => new()
    {
        { "bad reference", "$.reference" },
        { "blank title", "$.title" },
        { "end before commencement", "$.endsOn" },
        { "review before commencement", "$.reviewOn" },
        { "notice of 61 months", "$.noticeMonths" },
        { "one party", "$.parties" },
        { "unknown party", "$.parties[1].organisationId" },
        { "party twice", "$.parties[1].organisationId" },
        { "s75 without an NHS body", "$.parties" },
        { "s75 without a flexibility", "$.flexibilities" },
        { "s75 before it was in force", "$.commencesOn" },
        { "s31 made after 2007", "$.basis" },
        { "pooled fund without a host", "$.parties" },
        { "two hosts", "$.parties" },
        { "flexibilities on a s256 transfer", "$.flexibilities" },
        { "s113 without a provider", "$.parties" },
        { "service listed twice", "$.services[1]" },
        { "document without a sha256", "$.documents[0].sha256" },
        { "document that is not a URL", "$.documents[0].url" },
        { "party not operating at commencement", "$.parties[1].organisationId" },
        { "unknown parent", "$.parentId" },
    };

    [Theory]
    [MemberData(nameof(BrokenRules))]
    public async Task A_broken_rule_is_a_400_naming_the_field_and_writes_nothing(string rule, string field)
    {
        var request = Break(rule, Support.Agreements.Section75($"RULE-{Guid.NewGuid():N}"[..20], _parties));

        var problem = await (await _client.PostJsonAsync(Support.Agreements.Url, request)).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.ErrorsFor(field).Count > 0, $"{rule}: expected an error on {field}, got {problem.ToJsonString()}");
        Assert.Equal(0L, await Sql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM agreements WHERE reference = '{request.Reference.ToUpperInvariant()}'"));
    }

    [Fact]
    public async Task A_duplicate_reference_is_a_conflict()
    {
        await _client.CreateAgreementAsync(Support.Agreements.Section75("DUPLICATE-REF", _parties));

        var problem = await (await _client.PostJsonAsync(Support.Agreements.Url, Support.Agreements.Section75("duplicate-ref", _parties)))
            .ReadProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("urn:integration-governance:problem:duplicate-reference", (string?)problem["type"]);
    }

    [Fact]
    public async Task An_unknown_statutory_basis_is_refused()
    {
        var problem = await (await _client.PostRawJsonAsync(Support.Agreements.Url,
            """{"reference":"X-1","title":"t","basis":"Section999","parties":[],"commencesOn":"2012-04-01"}"""))
            .ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.ErrorsFor("$.basis"));
    }

    [Fact]
    public async Task A_caller_that_is_not_a_party_cannot_create_the_agreement()
    {
        var outsider = api.CreateClientAs("outsider", _cic.Id.ToString(), "register:write");

        var problem = await (await outsider.PostJsonAsync(Support.Agreements.Url, Support.Agreements.Section75("OUTSIDER-1", _parties)))
            .ReadProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal("urn:integration-governance:problem:not-a-party", (string?)problem["type"]);
    }

    private AgreementRequest Break(string rule, AgreementRequest valid) => rule switch
    {
        "bad reference" => valid with { Reference = "no spaces allowed" },
        "blank title" => valid with { Title = "  " },
        "end before commencement" => valid with { EndsOn = new DateOnly(2012, 3, 31) },
        "review before commencement" => valid with { ReviewOn = new DateOnly(2012, 3, 31) },
        "notice of 61 months" => valid with { NoticeMonths = 61 },
        "one party" => valid with { Parties = [valid.Parties[0]] },
        "unknown party" => valid with { Parties = [valid.Parties[0], new AgreementPartyContract { OrganisationId = Guid.NewGuid(), Role = PartyRole.Partner }] },
        "party twice" => valid with { Parties = [valid.Parties[0], valid.Parties[0] with { Role = PartyRole.Partner }] },
        "s75 without an NHS body" => valid with { Parties = [valid.Parties[0], new AgreementPartyContract { OrganisationId = _cic.Id, Role = PartyRole.Provider }] },
        "s75 without a flexibility" => valid with { Flexibilities = [] },
        "s75 before it was in force" => valid with { CommencesOn = new DateOnly(2007, 2, 28), EndsOn = null },
        "s31 made after 2007" => valid with { Basis = StatutoryBasis.Section31HealthAct1999 },
        "pooled fund without a host" => valid with { Parties = valid.Parties.Select(p => p with { Role = PartyRole.Partner }).ToList() },
        "two hosts" => valid with { Parties = valid.Parties.Select(p => p with { Role = PartyRole.Host }).ToList() },
        "flexibilities on a s256 transfer" => valid with { Basis = StatutoryBasis.Section256NhsAct2006 },
        "s113 without a provider" => valid with { Basis = StatutoryBasis.Section113LocalGovernmentAct1972, Flexibilities = [] },
        "service listed twice" => valid with { Services = ["health visiting", "Health Visiting"] },
        "document without a sha256" => valid with { Documents = [new DocumentContract { Url = "https://example.org/a.pdf", Title = "Signed", Sha256 = "abc" }] },
        "document that is not a URL" => valid with { Documents = [new DocumentContract { Url = "signed.pdf", Title = "Signed", Sha256 = new string('a', 64) }] },
        "party not operating at commencement" => valid with { CommencesOn = new DateOnly(2001, 4, 1), Basis = StatutoryBasis.Section31HealthAct1999, EndsOn = null },
        "unknown parent" => valid with { ParentId = Guid.NewGuid() },
        _ => throw new ArgumentOutOfRangeException(nameof(rule)),
    };
}
