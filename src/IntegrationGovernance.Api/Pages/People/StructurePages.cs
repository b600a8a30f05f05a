using AutoMapper;
using IntegrationGovernance.Api.Organisations;
using IntegrationGovernance.Api.Pages.Shared;
using IntegrationGovernance.Api.People;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Domain.Common;
using IntegrationGovernance.Infrastructure.People;
using IntegrationGovernance.Infrastructure.Persistence;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationGovernance.Api.Pages.People;

/// <summary>An organisation's accountability structure on a date, read through <see cref="StructureEndpoints.GetStructure"/>, drawn as SVG.</summary>
public static class StructurePages
{
    public static RouteGroupBuilder MapStructurePages(this RouteGroupBuilder pages)
    {
        pages.MapGet("/organisations/{id:guid}/structure", Show).RequirePageScope(Scopes.RegisterRead);
        return pages;
    }

    private static async Task<IResult> Show(Guid id, HttpContext http, PageShells shells, RegisterDbContext db, RecordHistory history, IMapper mapper,
        OrganisationStructure structure, TimeProvider clock, CancellationToken cancellationToken)
    {
        var query = new PageAddress(http.Request.Query);
        var on = query.Date("on") ?? RegisterCalendar.Today(clock);
        var asOf = query.Moment("asOf");
        if (!query.Valid)
            return PageResults.Status(await shells.CreateAsync(http, "Structure", "organisations", null, query.Errors, cancellationToken),
                StatusCodes.Status400BadRequest, "Correct the date in the address to see this structure.");
        var organisation = await OrganisationsEndpoints.GetOrganisation(id, asOf, db, history, mapper, http.Response, cancellationToken);
        if (organisation.Result is ProblemHttpResult missing)
            return await PageResults.ProblemAsync(shells, http, missing, "Organisation not found");
        var answer = await StructureEndpoints.GetStructure(id, on, asOf, db, history, structure, clock, http, cancellationToken);
        if (answer.Result is ProblemHttpResult refused)
            return await PageResults.ProblemAsync(shells, http, refused, "Structure too large");
        var tree = ((Ok<StructureResponse>)answer.Result).Value!;
        var name = ((Ok<OrganisationResponse>)organisation.Result).Value!.Name;
        var api = PageLinks.With(http.Request, $"/api/v1/organisations/{id}/structure", null, ("on", PageLinks.Date(on)));
        var shell = await shells.CreateAsync(http, $"Structure of {name}", "organisations", api, cancellationToken: cancellationToken);
        return PageResults.Page<StructurePage>(shell, new StructureModel(id, name, on, asOf, tree, StructureDiagram.Layout(tree.Roots)));
    }
}

public sealed record StructureModel(Guid OrganisationId, string OrganisationName, DateOnly On, DateTimeOffset? AsOf, StructureResponse Structure, Diagram? Chart);
