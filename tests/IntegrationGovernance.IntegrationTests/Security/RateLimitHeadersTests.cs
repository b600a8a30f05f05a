using System.Net;
using System.Text.RegularExpressions;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.IntegrationTests.Support;
using Microsoft.AspNetCore.Hosting;

namespace IntegrationGovernance.IntegrationTests.Security;

/// <summary>
/// Every answer says where its client stands against the rate limit, in the IETF RateLimit fields the contract declares, read from
/// the client's own window: the quota and window, the requests left counting down, the seconds until the window resets. Past the
/// quota, 429 with Retry-After those seconds.
/// </summary>
public sealed partial class RateLimitHeadersTests(RateLimitHeadersTests.ThreeAnHourFactory api) : IClassFixture<RateLimitHeadersTests.ThreeAnHourFactory>
{
    private const int Quota = 3;
    private const int WindowSeconds = 3600;

    [Fact]
    public async Task Each_answer_counts_the_client_down_and_the_one_past_the_quota_is_a_429_with_retry_after_the_reset()
    {
        var client = api.CreateClientAs("counted", null, Scopes.RegisterRead);
        var seen = new List<(int Remaining, int Reset)>();
        for (var i = 0; i < Quota; i++)
        {
            var response = await client.GetAsync("/api/v1/changes");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal($"\"default\";q={Quota};w={WindowSeconds}", Single(response, RateLimiting.PolicyHeader));
            seen.Add(State(response));
        }

        var refused = await client.GetAsync("/api/v1/changes");

        Assert.Equal([Quota - 1, Quota - 2, 0], seen.Select(s => s.Remaining));
        Assert.All(seen, s => Assert.InRange(s.Reset, 1, WindowSeconds));
        Assert.True(seen.Zip(seen.Skip(1)).All(p => p.Second.Reset <= p.First.Reset), "the window's reset only comes nearer");
        var problem = await refused.ReadProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("urn:integration-governance:problem:rate-limited", (string?)problem["type"]);
        var (remaining, reset) = State(refused);
        Assert.Equal(0, remaining);
        Assert.InRange(reset, 1, seen[^1].Reset);
        Assert.Equal(TimeSpan.FromSeconds(reset), refused.Headers.RetryAfter?.Delta);
        Assert.Equal($"\"default\";q={Quota};w={WindowSeconds}", Single(refused, RateLimiting.PolicyHeader));
    }

    [Fact]
    public async Task Clients_are_counted_apart()
    {
        var first = api.CreateClientAs("apart-1", null, Scopes.RegisterRead);
        var second = api.CreateClientAs("apart-2", null, Scopes.RegisterRead);
        await first.GetAsync("/api/v1/changes");
        await first.GetAsync("/api/v1/changes");

        Assert.Equal(Quota - 1, State(await second.GetAsync("/api/v1/changes")).Remaining);
        Assert.Equal(Quota - 3, State(await first.GetAsync("/api/v1/changes")).Remaining);
    }

    [Fact]
    public async Task Refusals_carry_the_fields_too_whoever_writes_them()
    {
        // a handler's 404, the exception handler's 400 for a body it cannot read (after it clears the response), and the
        // challenge's 401 to an anonymous caller (counted by its address), and the 413 of a body over the limit
        var client = api.CreateClientAs("refused", null, Scopes.Admin);
        var notFound = await client.GetAsync($"{Register.Organisations}/{Guid.NewGuid()}");
        var unreadable = await client.PostRawJsonAsync(Register.Organisations, "{");
        var anonymous = await api.CreateAnonymousClient().GetAsync("/api/v1/changes");
        var oversized = await api.CreateClientAs("oversized", null, Scopes.Admin)
            .PostRawJsonAsync(Register.Organisations, $$"""{"name":"{{new string('n', 1_100_000)}}","type":"PartnershipBoard"}""");

        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversized.StatusCode);
        Assert.Equal(Quota - 1, State(oversized).Remaining);
        Assert.Equal([Quota - 1, Quota - 2], new[] { notFound, unreadable }.Select(r => State(r).Remaining));
        Assert.Equal(Quota - 1, State(anonymous).Remaining);
        Assert.All(new[] { notFound, unreadable, anonymous, oversized }, r => Assert.Equal($"\"default\";q={Quota};w={WindowSeconds}", Single(r, RateLimiting.PolicyHeader)));
    }

    [Fact]
    public async Task Health_probes_are_not_limited_and_say_nothing_of_it()
    {
        var probe = api.CreateAnonymousClient();
        for (var i = 0; i <= Quota; i++)
        {
            var response = await probe.GetAsync("/health/live");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains(RateLimiting.Header));
        }
    }

    private static (int Remaining, int Reset) State(HttpResponseMessage response)
    {
        var match = StateField().Match(Single(response, RateLimiting.Header));
        Assert.True(match.Success, $"RateLimit is not \"default\";r=<n>;t=<n>: {Single(response, RateLimiting.Header)}");
        return (int.Parse(match.Groups["r"].Value), int.Parse(match.Groups["t"].Value));
    }

    private static string Single(HttpResponseMessage response, string header) =>
        Assert.Single(response.Headers.TryGetValues(header, out var values) ? values : []);

    [GeneratedRegex("""^"default";r=(?<r>[0-9]+);t=(?<t>[0-9]+)$""")]
    private static partial Regex StateField();

    public sealed class ThreeAnHourFactory : RegisterApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("RateLimiting:PermitLimit", Quota.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("RateLimiting:Window", "01:00:00");
        }
    }
}
