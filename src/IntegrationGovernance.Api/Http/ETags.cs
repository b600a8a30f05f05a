using Microsoft.Net.Http.Headers;

namespace IntegrationGovernance.Api.Http;

/// <summary>Strong ETags from the row version, and the If-Match check every change makes (RFC 9110 §13.1.1).</summary>
public static class ETags
{
    /// <summary>An ETag is a row version (a 32-bit number) in quotes: at most 12 characters.</summary>
    public const int MaxLength = 12;

    public const string Pattern = "^\"[0-9]{1,10}\"$";

    public static string For(uint version) => $"\"{version}\"";

    public static void Set(HttpResponse response, uint version) => response.Headers.ETag = For(version);

    public static IfMatchResult CheckIfMatch(HttpRequest request, uint currentVersion)
    {
        var values = request.Headers.IfMatch;
        if (values.Count == 0)
            return IfMatchResult.Missing;
        if (!EntityTagHeaderValue.TryParseList(values, out var tags))
            return IfMatchResult.Stale;
        // "*" would match whatever the record now says: a change must name the version it was made from
        if (tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any)))
            return IfMatchResult.Missing;
        var current = new EntityTagHeaderValue(For(currentVersion));
        return tags.Any(tag => tag.Compare(current, useStrongComparison: true))
            ? IfMatchResult.Matches
            : IfMatchResult.Stale;
    }
}

public enum IfMatchResult
{
    Missing,
    Stale,
    Matches,
}
