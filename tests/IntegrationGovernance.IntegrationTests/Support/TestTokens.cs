using System.Net.Http.Headers;
using IntegrationGovernance.Api.Security;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationGovernance.IntegrationTests.Support;

/// <summary>Tokens for tests, minted with the development key the API trusts in Development.</summary>
public static class TestTokens
{
    public const string AdminSubject = "test-admin";

    public static string Mint(IServiceProvider services, string subject, string? organisation, params string[] scopes) =>
        services.GetRequiredService<DevelopmentTokens>().Mint(subject, organisation, scopes, "integration-governance", TimeSpan.FromMinutes(30));

    public static void Authorise(HttpClient client, string token) =>
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

    public static HttpClient WithToken(this HttpClient client, string token)
    {
        Authorise(client, token);
        return client;
    }
}
