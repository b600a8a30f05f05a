using System.Net;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.Contract;

public sealed class HttpContractTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task Health_endpoints_report_live_and_ready_with_a_migrated_database()
    {
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task An_unsupported_api_version_is_a_problem_not_a_page()
    {
        var response = await _client.GetAsync("/api/v2/organisations");

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((int)response.StatusCode is 400 or 404, $"got {(int)response.StatusCode}");
    }

    [Fact]
    public async Task A_caller_correlation_id_is_echoed_and_put_on_problems()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Register.Organisations}/{Guid.NewGuid()}");
        request.Headers.Add("X-Correlation-Id", "case-4711");

        var response = await _client.SendAsync(request);

        Assert.Equal("case-4711", response.Headers.GetValues("X-Correlation-Id").Single());
        var problem = await response.ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("case-4711", (string?)problem["correlationId"]);
        Assert.False(string.IsNullOrEmpty((string?)problem["traceId"]));
    }

    [Fact]
    public async Task Without_a_correlation_id_the_trace_id_is_used()
    {
        var response = await _client.GetAsync("/health/live");

        Assert.Matches("^[0-9a-f]{32}$", response.Headers.GetValues("X-Correlation-Id").Single());
    }
}
