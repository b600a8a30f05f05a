using System.Net;
using IntegrationGovernance.Api.People;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.People;

/// <summary>Who holds a post is personal data: seen only by those who have a part in it, set only with people:write.</summary>
public sealed class PostHolderTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private readonly HttpClient _admin = api.CreateClient();

    [Fact]
    public async Task A_reader_of_peoples_data_acting_for_an_unrelated_organisation_does_not_see_the_holder()
    {
        var bodies = await _admin.CouncilCcgAndSection113Async("Holder leak");
        var post = await _admin.PostAsync(bodies.Council.Id, "Head of Commissioning", holder: "E1234567");
        var outsider = await _admin.CreateOrganisationAsync(Register.Organisation("Holder Outsider Council", OrganisationType.LondonBorough, gss: Support.Agreements.UniqueGss()));

        var asOutsider = await api.CreateClientAs("hr", outsider.GssCode, "register:read", "people:read").GetAsync($"/api/v1/posts/{post.Id}");

        Assert.Null((await asOutsider.ReadAsync<PostResponse>(HttpStatusCode.OK)).HolderReference);
    }

    [Fact]
    public async Task The_host_of_a_secondment_sees_the_holder_of_the_employers_post_and_no_one_else_outside_it()
    {
        var bodies = await _admin.CouncilCcgAndSection113Async("Holder host");
        var secondment = Support.People.Secondment(bodies);
        var post = await _admin.PostAsync(bodies.Ccg.Id, "Chief Operating Officer", holder: secondment.HolderReference);
        var council = api.CreateClientAs("hr", bodies.Council.GssCode, "register:read", "people:read");
        Assert.Null((await (await council.GetAsync($"/api/v1/posts/{post.Id}")).ReadAsync<PostResponse>(HttpStatusCode.OK)).HolderReference);

        (await _admin.PostJsonAsync("/api/v1/secondments", secondment)).EnsureSuccessStatusCode();

        Assert.Equal(secondment.HolderReference,
            (await (await council.GetAsync($"/api/v1/posts/{post.Id}")).ReadAsync<PostResponse>(HttpStatusCode.OK)).HolderReference);
    }

    [Fact]
    public async Task Naming_a_holder_needs_people_write_and_a_refusal_records_nothing()
    {
        var bodies = await _admin.CouncilCcgAndSection113Async("Holder write");
        var writer = api.CreateClientAs("clerk", bodies.Council.GssCode, "register:write", "register:read");
        var title = $"Service Manager {Guid.NewGuid():N}";

        var refused = await writer.PostJsonAsync("/api/v1/posts", new PostRequest
        {
            OrganisationId = bodies.Council.Id, Title = title, StartsOn = new DateOnly(2013, 4, 1), HolderReference = "E7777777",
        });
        var withoutHolder = await writer.PostJsonAsync("/api/v1/posts", new PostRequest
        {
            OrganisationId = bodies.Council.Id, Title = title, StartsOn = new DateOnly(2013, 4, 1),
        });

        var problem = await refused.ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("urn:integration-governance:problem:forbidden", (string?)problem["type"]);
        Assert.Null((await withoutHolder.ReadAsync<PostResponse>(HttpStatusCode.Created)).HolderReference);
        Assert.Equal(1L, await Sql.ScalarAsync<long>(api.ConnectionString, $"SELECT count(*) FROM posts WHERE title = '{title}'"));
    }
}
