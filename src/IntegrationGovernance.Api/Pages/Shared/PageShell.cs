using Microsoft.AspNetCore.Antiforgery;

namespace IntegrationGovernance.Api.Pages.Shared;

/// <summary>What every page's frame shows: its title, who is signed in, the navigation, and the API request giving the same data.</summary>
public sealed record PageShell
{
    public required string Title { get; init; }

    /// <summary>Which item of the service navigation is this page's.</summary>
    public string? Section { get; init; }

    public SignedInPerson? Person { get; init; }

    /// <summary>The API request that gives the same data (its path and query), with the scope it needs.</summary>
    public string? ApiUrl { get; init; }

    /// <summary>For the sign-out form (and any other that posts).</summary>
    public AntiforgeryTokenSet? Antiforgery { get; init; }

    /// <summary>Problems with the page's filters, by query parameter, shown in an error summary.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; init; } = new Dictionary<string, string[]>();

    public string ErrorFor(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : string.Empty;

    public bool HasError(string field) => Errors.ContainsKey(field);
}

/// <summary>The person signed in to the pages: the subject, the organisation acted for, and the scopes held.</summary>
public sealed record SignedInPerson(string Subject, string? Name, string? OrganisationName, IReadOnlyList<string> Scopes);
