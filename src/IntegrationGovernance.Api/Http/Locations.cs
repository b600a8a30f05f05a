namespace IntegrationGovernance.Api.Http;

/// <summary>
/// Where a created record lives, from the named route that reads it (an endpoint's name is its handler's method name):
/// a <c>Location</c> is never a hand-written URL, so it follows the routes wherever they are mapped.
/// </summary>
public static class Locations
{
    /// <summary>The path (with the request's path base) of <paramref name="endpoint"/> for <paramref name="values"/>, in the request's API version.</summary>
    public static string PathTo(this HttpContext http, string endpoint, object values)
    {
        var route = new RouteValueDictionary(values) { ["version"] = http.Request.RouteValues["version"] ?? "1" };
        return http.RequestServices.GetRequiredService<LinkGenerator>().GetPathByName(http, endpoint, route)
            ?? throw new InvalidOperationException($"No route named {endpoint} for {string.Join(", ", route.Keys)}.");
    }
}
