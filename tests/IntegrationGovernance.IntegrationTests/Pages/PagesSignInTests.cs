using System.Net;
using System.Text.Json.Nodes;
using IntegrationGovernance.Api.Pages;
using IntegrationGovernance.IntegrationTests.Support;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationGovernance.IntegrationTests.Pages;

/// <summary>
/// Signing in to the pages outside Development, over HTTP as a browser would (no browser needed): the local page does
/// not exist, and OpenID Connect's code flow against the issuer the API trusts gives a session with the access token's
/// scopes. The API's bearer authentication is unchanged beside it.
/// </summary>
public sealed class PagesSignInTests(PagesSignInTests.ProductionHost host) : IClassFixture<PagesSignInTests.ProductionHost>
{
    [Fact]
    public async Task Outside_Development_the_local_sign_in_page_does_not_exist()
    {
        using var plain = host.WithWebHostBuilder(b => b.UseSetting("Pages:OpenIdConnect:ClientId", "")).Server.CreateClient();
        plain.BaseAddress = new Uri("https://localhost/");

        var page = await plain.GetAsync("/sign-in");
        var posted = await plain.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["subject"] = "intruder",
            ["scopes"] = "admin",
            ["returnUrl"] = "/",
        }));

        Assert.True(page.StatusCode == HttpStatusCode.NotFound, await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.False(posted.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("register-session=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Outside_Development_a_page_sends_the_browser_to_the_issuer_with_the_authorisation_code_flow_and_pkce()
    {
        var browser = new Browser(host.HttpsClient());

        var response = await browser.GetAsync("/agreements");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(host.Issuer.Url + "/authorize?", location.ToString(), StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.False(string.IsNullOrEmpty(query["code_challenge"]));
        Assert.Equal("register-pages", query["client_id"]);
        Assert.Contains("register:read", query["scope"].ToString().Split(' '));
        Assert.EndsWith("/sign-in/callback", query["redirect_uri"].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_in_at_the_issuer_gives_a_session_with_the_access_tokens_scopes_and_nothing_more()
    {
        host.Issuer.Subject = "officer-1";
        host.Issuer.Scope = "register:read";
        var browser = new Browser(host.HttpsClient());

        var landed = await browser.SignInAsync(host.Issuer, "/agreements");

        Assert.True(landed.StatusCode == HttpStatusCode.OK, await landed.Content.ReadAsStringAsync());
        var html = await landed.Content.ReadAsStringAsync();
        Assert.Contains("Officer One", html, StringComparison.Ordinal);
        Assert.Contains("register:read", html, StringComparison.Ordinal);
        // the access token gave register:read, not finance:read: the finance pages refuse the session, as the API would the token
        var funds = await browser.GetAsync("/pooled-funds?financialYear=2008-09");
        Assert.Equal(HttpStatusCode.Forbidden, funds.StatusCode);
        Assert.Contains("finance:read", await funds.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_takes_the_issuers_bearer_tokens_and_never_the_pages_session()
    {
        host.Issuer.Scope = "register:read";
        var browser = new Browser(host.HttpsClient());
        await browser.SignInAsync(host.Issuer, "/");

        var withSession = await browser.GetAsync("/api/v1/agreements");
        using var bearer = host.HttpsClient();
        bearer.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", host.Issuer.AccessToken());
        var withToken = await bearer.GetAsync("/api/v1/agreements");

        Assert.Equal(HttpStatusCode.Unauthorized, withSession.StatusCode);
        Assert.Equal("application/problem+json", withSession.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
    }

    /// <summary>What a browser does that HttpClient does not: keep cookies and follow the issuer's answer.</summary>
    private sealed class Browser(HttpClient client)
    {
        private readonly Dictionary<string, string> _cookies = [];

        public async Task<HttpResponseMessage> GetAsync(string url) => await SendAsync(new HttpRequestMessage(HttpMethod.Get, url));

        public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
        {
            if (_cookies.Count > 0)
                request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            var response = await client.SendAsync(request);
            foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var pair = header.Split(';')[0];
                var (name, value) = (pair[..pair.IndexOf('=')], pair[(pair.IndexOf('=') + 1)..]);
                if (value.Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                    _cookies.Remove(name);
                else
                    _cookies[name] = value;
            }
            return response;
        }

        /// <summary>Opens <paramref name="path"/>, is sent to the issuer, and comes back with its code as the issuer's form would post it.</summary>
        public async Task<HttpResponseMessage> SignInAsync(FakeIssuer issuer, string path)
        {
            var challenge = await GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
            using var toIssuer = new HttpClient();
            var answer = JsonNode.Parse(await toIssuer.GetStringAsync(challenge.Headers.Location))!;
            var callback = new Uri((string)answer["redirect_uri"]!).PathAndQuery;
            var back = await SendAsync(new HttpRequestMessage(HttpMethod.Post, callback)
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["code"] = (string)answer["code"]!, ["state"] = (string)answer["state"]! }),
            });
            Assert.True(back.StatusCode == HttpStatusCode.Redirect, $"the callback answered {(int)back.StatusCode}: {await back.Content.ReadAsStringAsync()}");
            Assert.Equal(path, back.Headers.Location!.OriginalString);
            return await GetAsync(path);
        }
    }

    /// <summary>The application in Production: no development key, the fake issuer as the trusted authority, the pages as its client.</summary>
    public sealed class ProductionHost : RegisterApiFactory
    {
        public FakeIssuer Issuer { get; } = new();

        /// <summary>Outside Development every cookie is Secure: the requests come over HTTPS, as behind any real deployment.</summary>
        public HttpClient HttpsClient()
        {
            var client = Server.CreateClient();
            client.BaseAddress = new Uri("https://localhost/");
            return client;
        }

        public override async Task InitializeAsync()
        {
            await Issuer.StartAsync();
            await base.InitializeAsync();
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            builder.UseSetting("Authentication:Authority", Issuer.Url);
            builder.UseSetting("Authentication:DevelopmentSigningKey", "");
            builder.UseSetting("Pages:OpenIdConnect:ClientId", "register-pages");
            builder.UseSetting("Pages:OpenIdConnect:ClientSecret", "test-secret");
            builder.UseSetting("Webhooks:WorkerEnabled", "false");
            // the only allowance for the test: the fake issuer's metadata is served over plain HTTP on loopback
            builder.ConfigureTestServices(services =>
            {
                services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o => o.RequireHttpsMetadata = false);
                services.Configure<OpenIdConnectOptions>(PageAccess.OpenIdConnectScheme, o => o.RequireHttpsMetadata = false);
            });
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await Issuer.DisposeAsync();
        }
    }
}
