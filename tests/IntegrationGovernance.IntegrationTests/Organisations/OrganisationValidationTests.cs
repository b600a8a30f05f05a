using System.Net;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.Organisations;

/// <summary>Each rule broken gets a 400 (or 409) problem naming the field, and writes nothing.</summary>
public sealed class OrganisationValidationTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Theory]
    [InlineData(OrganisationType.PrimaryCareTrust, "5F")]
    [InlineData(OrganisationType.PrimaryCareTrust, "5FL!")]
    [InlineData(OrganisationType.ClinicalCommissioningGroup, "11EE")]
    [InlineData(OrganisationType.PrimaryCareTrust, "RXT")]
    [InlineData(OrganisationType.CareTrust, "5FL")]
    [InlineData(OrganisationType.NhsTrust, "QOX")]
    public async Task An_ods_code_of_the_wrong_format_for_the_type_is_refused(OrganisationType type, string code)
    {
        var problem = await RefusedAsync(Register.Organisation($"Body {code}", type, ods: code), HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.ErrorsFor("$.odsCode"));
    }

    [Theory]
    [InlineData("E0600002")]
    [InlineData("X06000022")]
    [InlineData("E06 000022")]
    public async Task A_gss_code_of_the_wrong_format_is_refused(string code)
    {
        var problem = await RefusedAsync(Register.Organisation("Some council", gss: code), HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.ErrorsFor("$.gssCode"));
    }

    [Fact]
    public async Task A_duplicate_ods_code_is_a_conflict_naming_the_field()
    {
        await _client.CreateOrganisationAsync(Register.Organisation("Black Country Partnership NHS Foundation Trust", OrganisationType.NhsFoundationTrust, ods: "TAJ"));

        var problem = await RefusedAsync(
            Register.Organisation("Another trust", OrganisationType.NhsFoundationTrust, ods: "taj"), HttpStatusCode.Conflict);

        Assert.Equal("urn:integration-governance:problem:duplicate-ods-code", (string?)problem["type"]);
        Assert.NotEmpty(problem.ErrorsFor("$.odsCode"));
    }

    [Fact]
    public async Task A_duplicate_gss_code_is_a_conflict_naming_the_field()
    {
        await _client.CreateOrganisationAsync(Register.Organisation("Hertfordshire County Council", OrganisationType.CountyCouncil, gss: "E10000015"));

        var problem = await RefusedAsync(Register.Organisation("Herts again", OrganisationType.CountyCouncil, gss: "E10000015"),
            HttpStatusCode.Conflict);

        Assert.NotEmpty(problem.ErrorsFor("$.gssCode"));
    }

    [Fact]
    public async Task An_end_date_before_the_start_date_is_refused()
    {
        var problem = await RefusedAsync(Register.Organisation("Backwards PCT", from: "2013-04-01", to: "2013-03-31"), HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.ErrorsFor("$.operationalTo"));
    }

    [Fact]
    public async Task An_unknown_type_is_refused()
    {
        var problem = await RawRefusedAsync("""{"name":"Ministry of Magic","type":"GovernmentDepartment"}""");

        Assert.NotEmpty(problem.ErrorsFor("$.type"));
    }

    [Fact]
    public async Task A_numeric_type_is_refused()
    {
        var problem = await RawRefusedAsync("""{"name":"Council","type":2}""");

        Assert.NotEmpty(problem.ErrorsFor("$.type"));
    }

    [Theory]
    [InlineData("""{"type":"CountyCouncil"}""")]
    [InlineData("""{"name":null,"type":"CountyCouncil"}""")]
    [InlineData("""{"name":"   ","type":"CountyCouncil"}""")]
    public async Task A_missing_or_blank_name_is_refused(string json)
    {
        var problem = await RawRefusedAsync(json);

        Assert.NotEmpty(problem.ErrorsFor("$.name"));
    }

    [Theory]
    [InlineData("id")]
    [InlineData("createdAt")]
    [InlineData("version")]
    public async Task A_field_the_server_owns_cannot_be_set(string field)
    {
        var problem = await RawRefusedAsync($$"""{"name":"Council","type":"CountyCouncil","{{field}}":"2020-01-01"}""");

        Assert.NotEmpty(problem.ErrorsFor($"$.{field}"));
    }

    [Fact]
    public async Task A_date_that_is_not_a_date_is_refused()
    {
        var problem = await RawRefusedAsync("""{"name":"Council","type":"CountyCouncil","operationalFrom":"1st April 2013"}""");

        Assert.NotEmpty(problem.ErrorsFor("$.operationalFrom"));
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        var response = await _client.PostRawJsonAsync(Register.Organisations, """{"name": "Council", """);

        await response.ReadProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_invalid_activeOn_filter_is_a_400_problem_naming_the_parameter()
    {
        var problem = await (await _client.GetAsync($"{Register.Organisations}?activeOn=yesterday")).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.ErrorsFor("activeOn"));
    }

    private async Task<System.Text.Json.Nodes.JsonObject> RawRefusedAsync(string json)
    {
        var before = await CountAsync();
        var problem = await (await _client.PostRawJsonAsync(Register.Organisations, json)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(before, await CountAsync());
        return problem;
    }

    /// <summary>Posts a request that must be refused, and checks no organisation of its name was written.</summary>
    private async Task<System.Text.Json.Nodes.JsonObject> RefusedAsync(Api.Organisations.OrganisationRequest request, HttpStatusCode status)
    {
        var problem = await (await _client.PostJsonAsync(Register.Organisations, request)).ReadProblemAsync(status);
        Assert.Empty(await ListAsync($"&nameContains={Uri.EscapeDataString(request.Name)}"));
        return problem;
    }

    private async Task<int> CountAsync() => (await ListAsync(string.Empty)).Count;

    private async Task<List<object>> ListAsync(string filter)
    {
        var page = await (await _client.GetAsync($"{Register.Organisations}?limit=500{filter}")).ReadAsync<PageOfAny>(HttpStatusCode.OK);
        return page.Items;
    }

    private sealed record PageOfAny(List<object> Items);
}
