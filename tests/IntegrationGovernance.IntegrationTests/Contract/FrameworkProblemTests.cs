using System.Net;
using System.Text;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.Contract;

/// <summary>Problems the framework answers itself carry the register's types too, so clients switch on one set.</summary>
public sealed class FrameworkProblemTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _admin = api.CreateClient();

    [Fact]
    public async Task An_id_that_is_not_a_uuid_is_a_register_not_found()
    {
        var problem = await (await _admin.GetAsync("/api/v1/agreements/not-a-uuid")).ReadProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal("urn:integration-governance:problem:not-found", (string?)problem["type"]);
    }

    [Fact]
    public async Task A_body_of_the_wrong_media_type_is_a_register_unsupported_media_type()
    {
        var response = await _admin.PostAsync("/api/v1/organisations", new StringContent("name=x", Encoding.UTF8, "application/x-www-form-urlencoded"));

        var problem = await response.ReadProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("urn:integration-governance:problem:unsupported-media-type", (string?)problem["type"]);
    }
}
