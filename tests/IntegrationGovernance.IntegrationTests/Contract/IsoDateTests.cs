using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using IntegrationGovernance.Api.Agreements;
using IntegrationGovernance.IntegrationTests.Support;
using TypedClient = IntegrationGovernance.Client.IntegrationGovernanceClient;

namespace IntegrationGovernance.IntegrationTests.Contract;

/// <summary>
/// Dates in query strings and routes are ISO 8601 and nothing else: <c>yyyy-MM-dd</c> for a date, and a date-time
/// with its offset or Z for a moment. Anything else is a 400 validation problem naming the parameter, never a guess.
/// </summary>
public sealed class IsoDateTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private const string Validation = "urn:integration-governance:problem:validation";

    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task A_date_written_day_and_month_with_slashes_is_refused_not_read_as_4_January()
    {
        var problem = await RefusedAsync($"{Support.Agreements.Url}?activeOn=01/04/2008");

        Assert.Equal(Validation, (string?)problem["type"]);
        var message = Assert.Single(problem.ErrorsFor("activeOn"));
        Assert.Contains("ISO 8601", message, StringComparison.Ordinal);
        Assert.Contains("yyyy-MM-dd", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_iso_date_finds_the_agreements_active_that_day()
    {
        var (agreement, council) = await AgreementActiveOnlyInApril2008Async("ISO-DAY");

        var onTheDay = await IdsAsync($"?activeOn=2008-04-01&organisationId={council}");
        var onFourthJanuary = await IdsAsync($"?activeOn=2008-01-04&organisationId={council}");

        Assert.Equal([agreement], onTheDay);
        Assert.Empty(onFourthJanuary);
    }

    [Theory]
    [InlineData("2008-4-1")]             // no leading zeros
    [InlineData("1 April 2008")]         // words
    [InlineData("2008/04/01")]           // another separator
    [InlineData("20080401")]             // ISO basic format: not the extended one the register speaks
    [InlineData("2008-04-01T00:00:00Z")] // a moment where a day is wanted
    [InlineData("2008-13-45")]           // the right shape, but no such day
    [InlineData("2008-02-30")]
    public async Task A_date_in_any_other_form_is_refused_with_the_format_it_needs(string value)
    {
        var problem = await RefusedAsync($"{Support.Agreements.Url}?activeOn={Uri.EscapeDataString(value)}");

        Assert.Equal(Validation, (string?)problem["type"]);
        Assert.Contains("yyyy-MM-dd", Assert.Single(problem.ErrorsFor("activeOn")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2024-04-01")]            // a date where a moment is wanted
    [InlineData("01/04/2024 10:00")]
    [InlineData("2024-04-01T09:30:00")]   // no offset: whose nine thirty?
    [InlineData("2024-04-01T09:30Z")]     // no seconds
    [InlineData("2024-04-01 09:30:00Z")]  // a space for the T
    [InlineData("2024-04-01T09:30:00+15:00")] // no such offset
    [InlineData("last tuesday")]
    public async Task A_moment_that_is_not_an_iso_date_time_with_an_offset_is_refused(string value)
    {
        var problem = await RefusedAsync($"{Support.Agreements.Url}?asOf={Uri.EscapeDataString(value)}");

        Assert.Equal(Validation, (string?)problem["type"]);
        var message = Assert.Single(problem.ErrorsFor("asOf"));
        Assert.Contains("ISO 8601 date-time with an offset or Z", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_offset_whose_plus_was_not_encoded_is_refused_and_the_message_says_to_send_it_as_percent_2B()
    {
        // a bare + in a query string means a space: the register receives "2024-04-01T09:30:00 01:00"
        var problem = await RefusedAsync($"{Support.Agreements.Url}?asOf=2024-04-01T09:30:00+01:00");

        Assert.Contains("%2B", Assert.Single(problem.ErrorsFor("asOf")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2024-04-01T09:30:00Z")]
    [InlineData("2024-04-01T09:30:00.123+01:00")]
    [InlineData("2024-04-01T09:30:00.1234567-05:00")]
    [InlineData("2024-04-01T09:30:00.123456789Z")] // nanoseconds, as Java's Instant writes them
    public async Task An_iso_date_time_with_an_offset_or_Z_is_read(string value)
    {
        var response = await _client.GetAsync($"{Support.Agreements.Url}?asOf={Uri.EscapeDataString(value)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_offset_of_a_moment_is_honoured_not_replaced_by_the_servers()
    {
        var (agreement, council) = await AgreementActiveOnlyInApril2008Async("ISO-MOMENT");
        var (created, lastChanged) = await FirstAndLastChangeAsync(agreement);
        // read with their offsets dropped, the first would fall 4 hours before the agreement was created, the second 2 hours after
        var justAfterInNewYork = Moment(lastChanged.AddSeconds(1), TimeSpan.FromHours(-4));
        var justBeforeInParis = Moment(created.AddSeconds(-1), TimeSpan.FromHours(2));

        Assert.Equal([agreement], await IdsAsync($"?organisationId={council}&asOf={justAfterInNewYork}"));
        Assert.Empty(await IdsAsync($"?organisationId={council}&asOf={justBeforeInParis}"));
    }

    [Fact]
    public async Task The_typed_client_sends_a_moment_with_its_offset()
    {
        var name = $"ISO-CLIENT {Guid.NewGuid():N}";
        await _client.CreateOrganisationAsync(Register.Organisation(name, gss: Support.Agreements.UniqueGss()));
        // sent without its offset, this would be read as 4 hours earlier: before the organisation was recorded
        var justAfterInNewYork = DateTimeOffset.UtcNow.AddSeconds(1).ToOffset(TimeSpan.FromHours(-4));

        var page = await new TypedClient(api.CreateClient()).ListOrganisationsAsync(nameContains: name, asOf: justAfterInNewYork);

        Assert.Equal([name], page.Result.Items!.Select(o => o.Name));
    }

    [Theory]
    [InlineData("/api/v1/organisations?activeOn=01/04/2008", "activeOn")]
    [InlineData("/api/v1/organisations?asOf=2024-04-01", "asOf")]
    [InlineData("/api/v1/organisations/{id}?asOf=01/04/2024 10:00", "asOf")]
    [InlineData("/api/v1/organisations/{id}/agreements?activeOn=1 April 2008", "activeOn")]
    [InlineData("/api/v1/organisations/{id}/structure?on=01/04/2008", "on")]
    [InlineData("/api/v1/agreements/{id}?activeOn=2008-4-1", "activeOn")]
    [InlineData("/api/v1/agreements?on=04/01/2008", "on")]
    [InlineData("/api/v1/posts/{id}/chain?on=01/04/2008", "on")]
    [InlineData("/api/v1/posts/{id}/reports?on=01/04/2008", "on")]
    [InlineData("/api/v1/secondments?activeOn=01/04/2008", "activeOn")]
    [InlineData("/api/v1/secondments?on=01/04/2008", "on")]
    [InlineData("/api/v1/audit?from=2024-04-01T09:30:00", "from")]
    [InlineData("/api/v1/audit?to=01/04/2024", "to")]
    public async Task Every_operation_refuses_a_date_that_is_not_iso_8601_naming_the_parameter(string url, string parameter)
    {
        var problem = await RefusedAsync(url.Replace("{id}", Guid.NewGuid().ToString(), StringComparison.Ordinal));

        Assert.Equal(Validation, (string?)problem["type"]);
        Assert.Contains("ISO 8601", Assert.Single(problem.ErrorsFor(parameter)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_date_in_a_json_body_that_is_not_iso_8601_is_refused_naming_its_json_path()
    {
        var problem = await (await _client.PostRawJsonAsync(Support.Agreements.Url,
            """{"reference":"ISO-BODY-1","title":"t","basis":"Section75NhsAct2006","parties":[],"commencesOn":"01/04/2008"}"""))
            .ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(Validation, (string?)problem["type"]);
        Assert.NotEmpty(problem.ErrorsFor("$.commencesOn"));
    }

    [Fact]
    public async Task A_date_means_the_same_whatever_day_order_the_servers_culture_uses()
    {
        // the build is invariant-globalization, so no named culture exists; one with British day order is made by hand
        var british = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        british.DateTimeFormat.ShortDatePattern = "dd/MM/yyyy";
        var (agreement, council) = await AgreementActiveOnlyInApril2008Async("ISO-CULTURE");
        api.Server.PreserveExecutionContext = true; // the culture set below is the server's for requests this test sends
        using var client = api.CreateClient();
        var before = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            // an async local: the requests below see it, tests running in parallel do not
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = british;

            var slashed = await client.GetAsync($"{Support.Agreements.Url}?activeOn=01/04/2008&organisationId={council}");
            var iso = await client.GetAsync($"{Support.Agreements.Url}?activeOn=2008-04-01&organisationId={council}");

            Assert.Single((await slashed.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("activeOn"));
            Assert.Equal([agreement], (await iso.ReadAsync<Page>(HttpStatusCode.OK)).Items.Select(a => a.Id));
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = before;
            api.Server.PreserveExecutionContext = false;
        }
    }

    /// <summary>A section 75 agreement between a new council and PCT, active from 1 April 2008 to 30 April 2008.</summary>
    private async Task<(Guid Agreement, Guid Council)> AgreementActiveOnlyInApril2008Async(string prefix)
    {
        var parties = await _client.CouncilAndPctAsync($"{prefix} {Guid.NewGuid():N}"[..30]);
        var request = Support.Agreements.Section75($"{prefix}-{Guid.NewGuid():N}"[..20], parties, commencesOn: "2008-04-01", endsOn: "2008-04-30");
        var (agreement, _) = await _client.ActiveAgreementAsync(request, parties.Council.Id);
        return (agreement.Id, parties.Council.Id);
    }

    private async Task<(DateTimeOffset First, DateTimeOffset Last)> FirstAndLastChangeAsync(Guid agreement)
    {
        var history = JsonNode.Parse(await (await _client.GetAsync($"{Support.Agreements.Url}/{agreement}/history?limit=500")).Content.ReadAsStringAsync())!;
        var committed = history["items"]!.AsArray().Select(r => DateTimeOffset.Parse((string)r!["committedAt"]!, CultureInfo.InvariantCulture)).ToList();
        return (committed[0], committed[^1]);
    }

    private static string Moment(DateTimeOffset moment, TimeSpan offset) =>
        Uri.EscapeDataString(moment.ToOffset(offset).ToString("O", CultureInfo.InvariantCulture));

    private async Task<List<Guid>> IdsAsync(string query) =>
        (await (await _client.GetAsync($"{Support.Agreements.Url}{query}")).ReadAsync<Page>(HttpStatusCode.OK)).Items.Select(a => a.Id).ToList();

    private async Task<JsonObject> RefusedAsync(string url) =>
        await (await _client.GetAsync(url)).ReadProblemAsync(HttpStatusCode.BadRequest);

    private sealed record Page(List<AgreementResponse> Items);
}
