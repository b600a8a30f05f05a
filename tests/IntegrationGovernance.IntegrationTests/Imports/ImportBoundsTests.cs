using System.Net;
using System.Text;
using IntegrationGovernance.IntegrationTests.Support;

namespace IntegrationGovernance.IntegrationTests.Imports;

/// <summary>An import is bounded: in rows, in the size of a field, and in the errors its rejection lists.</summary>
public sealed class ImportBoundsTests(RegisterApiFactory api) : IClassFixture<RegisterApiFactory>
{
    private const string Header = "name,type,ods_code,gss_code,operational_from,operational_to\n";
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task Fifty_thousand_bad_rows_are_answered_with_the_first_hundred_errors_and_the_count_of_all()
    {
        var csv = new StringBuilder(Header);
        for (var row = 1; row <= 50_000; row++)
            csv.Append($"Bad council {row},DistrictCouncil,,X{row},2001-04-01,\n");

        var response = await PostCsvAsync(csv.ToString());
        var size = (await response.Content.ReadAsByteArrayAsync()).Length;
        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(100, problem["errors"]!.AsObject().Count);
        Assert.Equal((50_000, 50_000), ((int)problem["errorCount"]!, (int)problem["rejectedRows"]!));
        Assert.True(size < 64 * 1024, $"the rejection was {size} bytes");
    }

    [Fact]
    public async Task A_file_of_more_than_a_hundred_thousand_rows_is_refused_and_nothing_is_recorded()
    {
        var before = await Sql.ScalarAsync<long>(api.ConnectionString, "SELECT count(*) FROM organisations");
        var csv = new StringBuilder(Header);
        for (var row = 1; row <= 100_001; row++)
            csv.Append($"C{row},DistrictCouncil,,,,\n");

        var problem = await (await PostCsvAsync(csv.ToString())).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("at most 100,000 rows", problem["errors"]!["$"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, await Sql.ScalarAsync<long>(api.ConnectionString, "SELECT count(*) FROM organisations"));
    }

    [Fact]
    public async Task A_field_longer_than_any_the_register_keeps_is_refused_naming_its_row()
    {
        var problem = await (await PostCsvAsync($"{Header}Fine council,DistrictCouncil,,,,\n{new string('n', 10_001)},DistrictCouncil,,,,\n"))
            .ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("Row 2 has a field longer than 10000 characters", problem["errors"]!["$"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> PostCsvAsync(string csv) =>
        _client.PostAsync("/api/v1/imports/organisations", new StringContent(csv, Encoding.UTF8, "text/csv"));
}
