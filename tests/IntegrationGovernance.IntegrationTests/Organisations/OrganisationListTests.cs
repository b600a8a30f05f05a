using System.Net;
using IntegrationGovernance.Api.Organisations;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.Organisations;

public sealed class OrganisationListTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>, IAsyncLifetime
{
    private readonly HttpClient _client = api.CreateClient();

    // created once for the class: names sort in this order
    private static readonly (string Name, OrganisationType Type, string? From, string? To)[] Bodies =
    [
        ("Alpha Council", OrganisationType.CountyCouncil, null, null),
        ("Bravo PCT", OrganisationType.PrimaryCareTrust, "2002-04-01", "2013-03-31"),
        ("Charlie CCG", OrganisationType.ClinicalCommissioningGroup, "2013-04-01", "2022-06-30"),
        ("Delta ICB", OrganisationType.IntegratedCareBoard, "2022-07-01", null),
        ("Echo Council", OrganisationType.CountyCouncil, "1974-04-01", null),
        ("Foxtrot Trust", OrganisationType.NhsTrust, "1994-04-01", null),
        ("Golf 50% Partnership_Board", OrganisationType.PartnershipBoard, null, null),
    ];

    public async Task InitializeAsync()
    {
        var existing = await ListAsync("?limit=500");
        if (existing.Items.Count == 0)
        {
            foreach (var body in Bodies)
                await _client.CreateOrganisationAsync(Register.Organisation(body.Name, body.Type, from: body.From, to: body.To));
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Paging_follows_next_links_through_every_organisation_once_in_name_order()
    {
        var seen = new List<string>();
        var page = await ListAsync("?limit=3");
        var pages = 1;
        while (true)
        {
            Assert.True(page.Items.Count <= 3);
            seen.AddRange(page.Items.Select(o => o.Name));
            if (page.Next is null)
                break;
            Assert.NotNull(page.NextCursor);
            page = await ListAsync(new Uri(page.Next).PathAndQuery.Replace(Register.Organisations, string.Empty, StringComparison.Ordinal));
            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(Bodies.Select(b => b.Name), seen);
    }

    [Fact]
    public async Task The_next_link_keeps_the_filters_of_the_first_page()
    {
        var first = await ListAsync("?type=CountyCouncil&limit=1");
        var second = await ListAsync(new Uri(first.Next!).PathAndQuery.Replace(Register.Organisations, string.Empty, StringComparison.Ordinal));

        Assert.Equal(["Alpha Council"], first.Items.Select(o => o.Name));
        Assert.Equal(["Echo Council"], second.Items.Select(o => o.Name));
        Assert.Null(second.Next);
    }

    [Fact]
    public async Task ActiveOn_lists_only_organisations_operational_on_that_date()
    {
        var in2010 = await ListAsync("?activeOn=2010-06-01");
        var onAbolition = await ListAsync("?activeOn=2013-03-31");
        var onIcbDay = await ListAsync("?activeOn=2022-07-01");

        Assert.Equal(["Alpha Council", "Bravo PCT", "Echo Council", "Foxtrot Trust", "Golf 50% Partnership_Board"], in2010.Items.Select(o => o.Name));
        Assert.Contains("Bravo PCT", onAbolition.Items.Select(o => o.Name));
        Assert.DoesNotContain("Charlie CCG", onAbolition.Items.Select(o => o.Name));
        Assert.Contains("Delta ICB", onIcbDay.Items.Select(o => o.Name));
        Assert.DoesNotContain("Charlie CCG", onIcbDay.Items.Select(o => o.Name));
    }

    [Theory]
    [InlineData("?type=PrimaryCareTrust", "Bravo PCT")]
    [InlineData("?nameContains=ccg", "Charlie CCG")]
    [InlineData("?nameContains=50%25", "Golf 50% Partnership_Board")]
    [InlineData("?nameContains=golf_50", "")]
    [InlineData("?nameContains=partnership_", "Golf 50% Partnership_Board")]
    public async Task Filters_match_exactly_what_they_say(string query, string expected)
    {
        var page = await ListAsync(query);

        Assert.Equal(expected, string.Join(",", page.Items.Select(o => o.Name)));
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=501", "limit")]
    [InlineData("?cursor=not-a-cursor", "cursor")]
    [InlineData("?type=Ministry", "type")]
    public async Task Bad_list_parameters_are_400_problems_naming_the_parameter(string query, string parameter)
    {
        var problem = await (await _client.GetAsync(Register.Organisations + query)).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.ErrorsFor(parameter));
    }

    private async Task<Page> ListAsync(string query) =>
        await (await _client.GetAsync(Register.Organisations + query)).ReadAsync<Page>(HttpStatusCode.OK);

    private sealed record Page(List<OrganisationResponse> Items, string? NextCursor, string? Next);
}
