using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Infrastructure.Persistence;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Api.Pages.Shared;

/// <summary>Builds each page's frame and renders pages (Razor components, rendered on the server: no client-side code reads the register).</summary>
public sealed class PageShells(IAntiforgery antiforgery, CallerOrganisation caller, RegisterDbContext db)
{
    public async Task<PageShell> CreateAsync(HttpContext http, string title, string? section, string? apiUrl = null,
        IReadOnlyDictionary<string, string[]>? errors = null, CancellationToken cancellationToken = default)
    {
        SignedInPerson? person = null;
        if (http.User.Identity?.IsAuthenticated == true && http.User.Identity.AuthenticationType == PageAccess.CookieScheme)
        {
            var organisation = await caller.IdAsync(cancellationToken) is { } id
                ? await db.Organisations.AsNoTracking().Where(o => o.Id == id).Select(o => o.Name).FirstOrDefaultAsync(cancellationToken)
                : null;
            person = new SignedInPerson(http.User.FindFirst("sub")?.Value ?? "unknown", http.User.FindFirst("name")?.Value, organisation,
                PageAccess.ScopesOf(http.User));
        }
        return new PageShell
        {
            Title = title,
            Section = section,
            Person = person,
            ApiUrl = apiUrl,
            Antiforgery = antiforgery.GetAndStoreTokens(http),
            Errors = errors ?? new Dictionary<string, string[]>(),
        };
    }
}

public static class PageResults
{
    /// <summary>Renders <typeparamref name="TPage"/> with its frame and model.</summary>
    public static RazorComponentResult<TPage> Page<TPage>(PageShell shell, object? model, int statusCode = StatusCodes.Status200OK)
        where TPage : Microsoft.AspNetCore.Components.IComponent =>
        new(new Dictionary<string, object?> { ["Shell"] = shell, ["Model"] = model }) { StatusCode = statusCode };

    /// <summary>A page saying why there is nothing to show (not found, not allowed), with the status the API would give.</summary>
    public static RazorComponentResult<StatusPage> Status(PageShell shell, int statusCode, string message) =>
        new(new Dictionary<string, object?> { ["Shell"] = shell, ["Message"] = message }) { StatusCode = statusCode };

    /// <summary>The problem a handler answered with, as a page: its detail, and its status.</summary>
    public static async Task<IResult> ProblemAsync(PageShells shells, HttpContext http, ProblemHttpResult problem, string title)
    {
        var shell = await shells.CreateAsync(http, title, null, cancellationToken: http.RequestAborted);
        return Status(shell, problem.StatusCode, problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title ?? title);
    }
}
