using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.Contract;

/// <summary>
/// One error shape: every refusal, those the framework makes included (a route that does not match, a wrong media type,
/// an empty or unreadable body, a method the resource does not have, a query value that does not bind), is the
/// register's RFC 9457 problem with one of its <c>urn:</c> types, saying nothing of the framework; and a field at fault
/// deep in a body is named by its full JSON path.
/// </summary>
public sealed class ProblemShapeTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private const string Prefix = "urn:integration-governance:problem:";

    private readonly HttpClient _admin = api.CreateClient();

    [Fact]
    public async Task An_id_that_is_not_a_uuid_is_a_register_not_found()
    {
        var problem = await RegisterProblemAsync(await _admin.GetAsync("/api/v1/organisations/not-a-uuid"), HttpStatusCode.NotFound);

        Assert.Equal(Prefix + "not-found", (string?)problem["type"]);
        Assert.Equal("/api/v1/organisations/not-a-uuid", (string?)problem["instance"]);
    }

    [Fact]
    public async Task A_number_in_the_route_that_is_not_a_number_is_a_register_not_found()
    {
        var response = await _admin.PostRawJsonAsync($"/api/v1/agreements/{Guid.NewGuid()}/variations/first/acceptances", "{}");

        Assert.Equal(Prefix + "not-found", (string?)(await RegisterProblemAsync(response, HttpStatusCode.NotFound))["type"]);
    }

    [Fact]
    public async Task A_path_the_api_does_not_have_is_a_register_not_found()
    {
        var problem = await RegisterProblemAsync(await _admin.GetAsync("/api/v1/no-such-resource"), HttpStatusCode.NotFound);

        Assert.Equal(Prefix + "not-found", (string?)problem["type"]);
    }

    [Fact]
    public async Task A_number_in_the_route_that_does_not_bind_is_a_validation_problem_naming_it()
    {
        var response = await _admin.GetAsync($"/api/v1/pooled-funds/{Guid.NewGuid()}/forecasts/2015-16/June");

        var problem = await RegisterProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(Prefix + "validation", (string?)problem["type"]);
        Assert.NotEmpty(problem.ErrorsFor("period"));
    }

    [Fact]
    public async Task A_version_the_api_does_not_have_is_a_register_problem()
    {
        var response = await _admin.GetAsync("/api/v2/organisations");

        Assert.True((int)response.StatusCode is 400 or 404, $"got {(int)response.StatusCode}");
        await RegisterProblemAsync(response, response.StatusCode);
    }

    [Fact]
    public async Task A_body_of_the_wrong_media_type_is_a_register_unsupported_media_type_naming_json()
    {
        var response = await _admin.PostAsync(Register.Organisations, new StringContent("name=x", Encoding.UTF8, "application/x-www-form-urlencoded"));

        var problem = await RegisterProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(Prefix + "unsupported-media-type", (string?)problem["type"]);
        Assert.Contains("application/json", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_without_a_content_type_is_a_register_unsupported_media_type()
    {
        var content = new ByteArrayContent("""{"name":"No type","type":"CountyCouncil"}"""u8.ToArray());

        var problem = await RegisterProblemAsync(await _admin.PostAsync(Register.Organisations, content), HttpStatusCode.UnsupportedMediaType);

        Assert.Equal(Prefix + "unsupported-media-type", (string?)problem["type"]);
    }

    [Fact]
    public async Task An_empty_body_is_a_register_bad_request_not_the_frameworks_message()
    {
        var response = await _admin.PostAsync(Register.Organisations, new StringContent(string.Empty, Encoding.UTF8, "application/json"));

        var problem = await RegisterProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(Prefix + "bad-request", (string?)problem["type"]);
        Assert.Contains("body", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_json_null_body_is_a_register_bad_request()
    {
        var problem = await RegisterProblemAsync(await _admin.PostRawJsonAsync(Register.Organisations, "null"), HttpStatusCode.BadRequest);

        Assert.StartsWith(Prefix, (string?)problem["type"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_register_problem_at_the_root()
    {
        var problem = await RegisterProblemAsync(await _admin.PostRawJsonAsync(Register.Organisations, "name=Council"), HttpStatusCode.BadRequest);

        Assert.Equal(Prefix + "validation", (string?)problem["type"]);
        Assert.NotEmpty(problem.ErrorsFor("$"));
    }

    [Fact]
    public async Task A_json_array_where_an_object_is_wanted_is_a_register_problem()
    {
        var problem = await RegisterProblemAsync(await _admin.PostRawJsonAsync(Register.Organisations, "[]"), HttpStatusCode.BadRequest);

        Assert.Equal(Prefix + "validation", (string?)problem["type"]);
    }

    [Fact]
    public async Task A_method_the_resource_does_not_have_is_a_register_method_not_allowed_with_allow()
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, Register.Organisations) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };

        var response = await _admin.SendAsync(request);

        var problem = await RegisterProblemAsync(response, HttpStatusCode.MethodNotAllowed);
        Assert.Equal(Prefix + "method-not-allowed", (string?)problem["type"]);
        Assert.Contains("GET", response.Content.Headers.Allow);
    }

    [Theory]
    [InlineData("/api/v1/organisations?limit=many", "limit")]
    [InlineData("/api/v1/organisations?type=Parish", "type")]
    [InlineData("/api/v1/agreements?overdue=maybe", "overdue")]
    [InlineData("/api/v1/agreements?organisationId=someone", "organisationId")]
    [InlineData("/api/v1/changes?after=last", "after")]
    [InlineData("/api/v1/organisations?limit=1&limit=2", "limit")]
    [InlineData("/api/v1/organisations?type=3", "type")]               // a fixed set is named, in a query string as in a body
    [InlineData("/api/v1/organisations?type=999", "type")]             // not a member at all
    [InlineData("/api/v1/secondments?direction=1", "direction")]       // a filter record's member
    [InlineData("/api/v1/agreements?organisationId=0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70&role=-1", "role")]
    [InlineData("/api/v1/finance/summaries", "financialYear")]         // a required member of a filter record, missing
    public async Task A_query_value_that_does_not_bind_is_a_validation_problem_naming_the_parameter(string url, string parameter)
    {
        var problem = await RegisterProblemAsync(await _admin.GetAsync(url), HttpStatusCode.BadRequest);

        Assert.Equal(Prefix + "validation", (string?)problem["type"]);
        Assert.NotEmpty(problem.ErrorsFor(parameter));
    }

    [Fact]
    public async Task A_party_without_a_role_is_named_by_its_full_json_path()
    {
        var problem = await RegisterProblemAsync(await _admin.PostRawJsonAsync(Support.Agreements.Url, AgreementWithParties(
            $$"""{"organisationId":"{{Guid.NewGuid()}}","role":"Host"}""", $$"""{"organisationId":"{{Guid.NewGuid()}}"}""")), HttpStatusCode.BadRequest);

        Assert.Equal(Prefix + "validation", (string?)problem["type"]);
        Assert.NotEmpty(problem.ErrorsFor("$.parties[1].role"));
        Assert.Empty(problem.ErrorsFor("$.role"));
    }

    [Fact]
    public async Task An_unknown_field_inside_a_party_is_named_by_its_full_json_path()
    {
        var problem = await RegisterProblemAsync(await _admin.PostRawJsonAsync(Support.Agreements.Url, AgreementWithParties(
            $$"""{"organisationId":"{{Guid.NewGuid()}}","role":"Host","share":1}""")), HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.ErrorsFor("$.parties[0].share"));
    }

    [Fact]
    public async Task A_wrong_value_inside_a_party_is_named_by_its_full_json_path()
    {
        var problem = await RegisterProblemAsync(await _admin.PostRawJsonAsync(Support.Agreements.Url, AgreementWithParties(
            $$"""{"organisationId":"{{Guid.NewGuid()}}","role":"Landlord"}""")), HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.ErrorsFor("$.parties[0].role"));
    }

    [Fact]
    public async Task A_problem_is_json_even_for_a_caller_that_accepts_only_xml()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/organisations/not-a-uuid");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/xml"));

        await RegisterProblemAsync(await _admin.SendAsync(request), HttpStatusCode.NotFound);
    }

    private static string AgreementWithParties(params string[] parties) =>
        $$"""{"reference":"SHAPE-1","title":"Shape","basis":"Section75NhsAct2006","commencesOn":"2012-04-01","parties":[{{string.Join(',', parties)}}]}""";

    /// <summary>The register's problem: its urn: type, its correlation and trace ids, and nothing of the framework.</summary>
    private static async Task<JsonObject> RegisterProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        var problem = await response.ReadProblemAsync(status);
        Assert.StartsWith(Prefix, (string?)problem["type"], StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty((string?)problem["title"]), body);
        Assert.False(string.IsNullOrEmpty((string?)problem["traceId"]), body);
        Assert.False(string.IsNullOrEmpty((string?)problem["correlationId"]), body);
        foreach (var framework in new[] { "tools.ietf.org", "Implicit body", "Did you mean", "parameter \"", "Microsoft.", "System.", "Exception" })
            Assert.DoesNotContain(framework, body, StringComparison.Ordinal);
        return problem;
    }
}
