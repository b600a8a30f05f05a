using System.Net;
using System.Text.Json.Nodes;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.Security;

/// <summary>Every request does bounded work: just over a declared bound is refused, naming the field, before anything is done.</summary>
public sealed class RequestBoundsTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private static readonly Guid Someone = Guid.CreateVersion7();
    private static readonly Guid Another = Guid.CreateVersion7();

    private readonly HttpClient _admin = api.CreateClient();

    public static TheoryData<string, string, string> JustOverABound => new()
    {
        { "/api/v1/organisations", $$"""{"name":"{{new string('n', 201)}}","type":"UnitaryAuthority"}""", "$.name" },
        { "/api/v1/successions", $$"""{"predecessorIds":["{{Someone}}"],"successorIds":["{{Another}}"],"effectiveOn":"2013-04-01","kind":"Rename","note":"{{new string('n', 2001)}}"}""", "$.note" },
        { "/api/v1/agreements", $$"""{"reference":"BOUNDS-1","title":"Bounds","basis":"Section75NhsAct2006","parties":[],"commencesOn":"2012-04-01","services":[{{string.Join(',', Enumerable.Range(0, 201).Select(i => $"\"service {i}\""))}}]}""", "$.services" },
        { "/api/v1/agreements", $$"""{"reference":"BOUNDS-2","title":"Bounds","basis":"Section75NhsAct2006","parties":[],"commencesOn":"2012-04-01","services":["{{new string('s', 101)}}"]}""", "$.services" },
        { "/api/v1/posts", $$"""{"organisationId":"{{Someone}}","title":"{{new string('t', 201)}}","startsOn":"2013-04-01"}""", "$.title" },
        { "/api/v1/secondments", $$"""{"holderReference":"{{new string('h', 201)}}","employerId":"{{Someone}}","hostId":"{{Another}}","agreementId":"{{Someone}}","startsOn":"2013-04-01","fte":1}""", "$.holderReference" },
        { "/api/v1/webhook-subscriptions", $$"""{"targetUrl":"https://example.org/{{new string('u', 2001)}}","resources":["agreements"]}""", "$.targetUrl" },
        { "/api/v1/posts", $$"""{"organisationId":"{{Someone}}","title":"Head of Service","team":"{{new string('t', 201)}}","startsOn":"2013-04-01"}""", "$.team" },
        { "/api/v1/webhook-subscriptions", """{"targetUrl":"https://example.org/hooks","resources":["agreement"]}""", "$.resources" },
    };

    [Theory]
    [InlineData("/api/v1/organisations?nameContains=", "nameContains")]
    [InlineData("/api/v1/agreements?q=", "q")]
    [InlineData("/api/v1/audit?actor=", "actor")]
    public async Task A_query_value_longer_than_the_contract_allows_is_refused_naming_the_parameter(string url, string parameter)
    {
        var problem = await (await _admin.GetAsync(url + new string('x', Api.Http.RequestBounds.MaxQueryValueLength + 1))).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("urn:integration-governance:problem:validation", (string?)problem["type"]);
        Assert.NotEmpty(problem.ErrorsFor(parameter));
        Assert.Equal(HttpStatusCode.OK, (await _admin.GetAsync(url + new string('x', Api.Http.RequestBounds.MaxQueryValueLength))).StatusCode);
    }

    [Fact]
    public async Task A_moment_with_more_than_nanoseconds_is_refused()
    {
        var problem = await (await _admin.GetAsync("/api/v1/agreements?asOf=2024-04-01T09:30:00.1234567890Z")).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.ErrorsFor("asOf"));
    }

    [Fact]
    public async Task An_imported_row_is_bounded_as_the_same_fields_sent_alone()
    {
        var services = string.Join(',', Enumerable.Range(0, 201).Select(i => $"\"service {i}\""));
        var body = $$"""[{"reference":"BOUNDS-IMPORT","title":"Bounds","basis":"Section75NhsAct2006","commencesOn":"2012-04-01","services":[{{services}}],"parties":[{"organisation":"{{new string('o', 37)}}","role":"Host"}]}]""";

        var problem = await (await _admin.PostRawJsonAsync("/api/v1/imports/agreements?dryRun=true", body)).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("urn:integration-governance:problem:import-rejected", (string?)problem["type"]);
        Assert.NotEmpty(problem.ErrorsFor("rows[1].services"));
        Assert.NotEmpty(problem.ErrorsFor("rows[1].parties[0].organisation"));
    }

    [Theory]
    [MemberData(nameof(JustOverABound))]
    public async Task Just_over_a_bound_is_refused_naming_the_field_and_nothing_is_recorded(string url, string body, string field)
    {
        var before = await Sql.ScalarAsync<long>(api.ConnectionString, "SELECT count(*) FROM revisions");

        var problem = await (await _admin.PostRawJsonAsync(url, body)).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("urn:integration-governance:problem:validation", (string?)problem["type"]);
        Assert.NotNull(problem["errors"]?[field]);
        Assert.Equal(before, await Sql.ScalarAsync<long>(api.ConnectionString, "SELECT count(*) FROM revisions"));
    }

    [Fact]
    public async Task The_contract_declares_how_long_each_entry_of_a_list_may_be()
    {
        var document = JsonNode.Parse(await _admin.GetStringAsync("/swagger/v1/swagger.json"))!;

        Assert.Equal(100, (int?)document["components"]!["schemas"]!["AgreementRequest"]!["properties"]!["services"]!["items"]!["maxLength"]);
    }

    [Theory]
    [InlineData("AgreementRequest", "services", "maxItems", 200)]
    [InlineData("AgreementRequest", "parties", "maxItems", 50)]
    [InlineData("AgreementRequest", "title", "maxLength", 300)]
    [InlineData("AgreementRequest", "noticeMonths", "maximum", 60)]
    [InlineData("OrganisationRequest", "name", "maxLength", 200)]
    [InlineData("SuccessionRequest", "note", "maxLength", 2000)]
    [InlineData("PostRequest", "title", "maxLength", 200)]
    [InlineData("WebhookSubscriptionRequest", "targetUrl", "maxLength", 2000)]
    [InlineData("PostRequest", "team", "maxLength", 200)]
    [InlineData("AgreementImportRow", "parties", "maxItems", 50)]
    [InlineData("AgreementResponse", "variations", "maxItems", 500)]
    [InlineData("ChangesPage", "items", "maxItems", 500)]
    public async Task The_contract_declares_the_bound_the_api_enforces(string schema, string property, string keyword, int bound)
    {
        var document = JsonNode.Parse(await _admin.GetStringAsync("/swagger/v1/swagger.json"))!;

        Assert.Equal(bound, (int?)document["components"]!["schemas"]![schema]!["properties"]![property]![keyword]);
    }
}
