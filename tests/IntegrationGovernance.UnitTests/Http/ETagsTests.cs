using IntegrationGovernance.Api.Http;
using Microsoft.AspNetCore.Http;

namespace IntegrationGovernance.UnitTests.Http;

public sealed class ETagsTests
{
    [Theory]
    [InlineData(null, IfMatchResult.Missing)]
    [InlineData("\"42\"", IfMatchResult.Matches)]
    [InlineData("\"41\"", IfMatchResult.Stale)]
    [InlineData("\"41\", \"42\"", IfMatchResult.Matches)]
    [InlineData("W/\"42\"", IfMatchResult.Stale)]
    [InlineData("*", IfMatchResult.Missing)] // names no version: a change must say which one it was made from
    [InlineData("42", IfMatchResult.Stale)]
    public void If_match_is_compared_strongly_with_the_current_version(string? header, IfMatchResult expected)
    {
        var context = new DefaultHttpContext();
        if (header is not null)
            context.Request.Headers.IfMatch = header;

        Assert.Equal(expected, ETags.CheckIfMatch(context.Request, currentVersion: 42));
    }
}
