using System.Net;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.IntegrationTests.Support;
using Microsoft.AspNetCore.Hosting;

namespace IntegrationGovernance.IntegrationTests.Security;

/// <summary>By default no browser page elsewhere may call the register: no CORS header is ever sent.</summary>
public sealed class CorsClosedByDefaultTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    [Fact]
    public async Task With_no_origin_configured_no_answer_allows_any_origin()
    {
        var read = new HttpRequestMessage(HttpMethod.Get, "/api/v1/changes");
        read.Headers.Add("Origin", CorsTests.Allowed);
        var preflight = CorsTests.Preflight(CorsTests.Allowed);

        var answered = await api.CreateClientAs("browser", null, Scopes.RegisterRead).SendAsync(read);
        var preflighted = await api.CreateAnonymousClient().SendAsync(preflight);

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.False(answered.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(preflighted.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(preflighted.Headers.Contains("Access-Control-Allow-Methods"));
    }
}

/// <summary>An origin in <c>Cors:AllowedOrigins</c> may call from a browser: preflights are answered without a token, and every answer to it says so.</summary>
public sealed class CorsTests(CorsTests.OneOriginFactory api) : IClassFixture<CorsTests.OneOriginFactory>
{
    public const string Allowed = "https://case-system.example.gov.uk";
    private const string Other = "https://elsewhere.example.com";

    [Fact]
    public async Task An_allowed_origin_is_answered_with_its_origin_and_the_headers_a_client_reads()
    {
        var response = await SendAsync(api.CreateClientAs("browser", null, Scopes.RegisterRead), HttpMethod.Get, "/api/v1/changes", Allowed);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Allowed, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        var exposed = string.Join(",", response.Headers.GetValues("Access-Control-Expose-Headers")).Split(',', StringSplitOptions.TrimEntries);
        Assert.Contains("ETag", exposed);
        Assert.Contains(RateLimiting.Header, exposed);
        Assert.Contains(RateLimiting.PolicyHeader, exposed);
        Assert.Contains("Retry-After", exposed);
        Assert.Contains("Location", exposed);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task A_preflight_from_an_allowed_origin_is_answered_without_a_token()
    {
        var response = await api.CreateAnonymousClient().SendAsync(Preflight(Allowed));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Allowed, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("PUT", string.Join(",", response.Headers.GetValues("Access-Control-Allow-Methods")));
        var headers = string.Join(",", response.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant();
        Assert.Contains("if-match", headers);
        Assert.Contains("authorization", headers);
    }

    [Fact]
    public async Task A_refusal_to_an_allowed_origin_says_so_too_so_the_page_can_read_it()
    {
        var response = await SendAsync(api.CreateAnonymousClient(), HttpMethod.Get, "/api/v1/changes", Allowed);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(Allowed, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    [Fact]
    public async Task Another_origin_gets_no_cors_headers()
    {
        var read = await SendAsync(api.CreateClientAs("elsewhere", null, Scopes.RegisterRead), HttpMethod.Get, "/api/v1/changes", Other);
        var preflight = await api.CreateAnonymousClient().SendAsync(Preflight(Other));

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.False(read.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
    }

    public static HttpRequestMessage Preflight(string origin)
    {
        var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v1/organisations/0193a6b2-7c1e-7d4f-9a51-2f3c4d5e6f70");
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "PUT");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,if-match");
        return preflight;
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, string origin)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Add("Origin", origin);
        return client.SendAsync(request);
    }

    public sealed class OneOriginFactory : RegisterApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Cors:AllowedOrigins:0", Allowed);
        }
    }
}
