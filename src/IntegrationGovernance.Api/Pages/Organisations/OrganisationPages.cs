using AutoMapper;
using IntegrationGovernance.Api.Agreements;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.Organisations;
using IntegrationGovernance.Api.Pages.Shared;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Domain.Common;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.Infrastructure.Organisations;
using IntegrationGovernance.Infrastructure.Persistence;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationGovernance.Api.Pages.Organisations;

/// <summary>Organisations as pages: a list to find one, and one organisation with its succession chain and the agreements binding it.</summary>
public static class OrganisationPages
{
    /// <summary>The organisations list, and an organisation's binding agreements, show this many a page unless the address says <c>limit</c> (passed to the API's handler).</summary>
    public const int PerPage = 100;

    public static RouteGroupBuilder MapOrganisationPages(this RouteGroupBuilder pages)
    {
        pages.MapGet("/organisations", List).RequirePageScope(Scopes.RegisterRead);
        pages.MapGet("/organisations/{id:guid}", Show).RequirePageScope(Scopes.RegisterRead);
        return pages;
    }

    private static async Task<IResult> List(HttpContext http, PageShells shells, RegisterDbContext db, RecordHistory history, IMapper mapper,
        CancellationToken cancellationToken)
    {
        var query = new PageAddress(http.Request.Query);
        var filter = new OrganisationFilter(query.Text("nameContains"), query.Text("code", 20), query.Choice<OrganisationType>("type"), query.Date("activeOn"),
            query.Moment("asOf"), query.Text("cursor", 1000));
        var limit = query.Number("limit", 1, PageRequest.MaxLimit) ?? PerPage;
        Page<OrganisationResponse>? results = null;
        if (query.Valid)
        {
            var answer = await OrganisationsEndpoints.ListOrganisations(
                new OrganisationFilters { Type = filter.Type, Code = filter.Code, NameContains = filter.NameContains, ActiveOn = filter.ActiveOn, AsOf = filter.AsOf },
                new PageQuery { Limit = limit, Cursor = filter.Cursor }, db, history, mapper, http.Request, cancellationToken);
            if (answer.Result is Ok<Page<OrganisationResponse>> ok)
                results = ok.Value;
            else if (answer.Result is ValidationProblem problem)
                query.Problems(problem.ProblemDetails.Errors);
        }
        var shell = await shells.CreateAsync(http, "Organisations", "organisations",
            query.Valid ? PageLinks.With(http.Request, "/api/v1/organisations", ["cursor"], ("limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture))) : null, query.Errors, cancellationToken);
        var next = results?.NextCursor is { } cursor ? PageLinks.With(http.Request, "/organisations", null, ("cursor", cursor)) : null;
        return PageResults.Page<OrganisationsPage>(shell, new OrganisationsModel(filter, results, next),
            query.Valid ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> Show(Guid id, HttpContext http, PageShells shells, RegisterDbContext db, RecordHistory history, IMapper mapper,
        SuccessionChains chains, TimeProvider clock, CancellationToken cancellationToken)
    {
        var query = new PageAddress(http.Request.Query);
        var on = query.Date("on") ?? RegisterCalendar.Today(clock);
        var asOf = query.Moment("asOf");
        var cursor = query.Text("cursor", 1000);
        var limit = query.Number("limit", 1, PageRequest.MaxLimit) ?? PerPage;
        if (!query.Valid)
            return PageResults.Status(await shells.CreateAsync(http, "Organisation", "organisations", null, query.Errors, cancellationToken),
                StatusCodes.Status400BadRequest, "Correct the date in the address to see this organisation.");
        var answer = await OrganisationsEndpoints.GetOrganisation(id, asOf, db, history, mapper, http.Response, cancellationToken);
        if (answer.Result is ProblemHttpResult missing)
            return await PageResults.ProblemAsync(shells, http, missing, "Organisation not found");
        var organisation = ((Ok<OrganisationResponse>)answer.Result).Value!;
        var predecessors = (await OrganisationsEndpoints.GetPredecessors(id, db, chains, mapper, cancellationToken)).Result as Ok<SuccessionChainResponse>;
        var successors = (await OrganisationsEndpoints.GetSuccessors(id, db, chains, mapper, cancellationToken)).Result as Ok<SuccessionChainResponse>;
        // the agreements binding it, paged as the API pages them: the page's next link carries the cursor the API's own query issued
        var bindingAnswer = await AgreementSearch.ListBindingAgreements(id, new BindingAgreementFilters { ActiveOn = on, IncludePredecessors = true, AsOf = asOf },
            new PageQuery { Limit = limit, Cursor = cursor }, db, history, mapper, http.Request, cancellationToken);
        if (bindingAnswer.Result is ValidationProblem badCursor)
            return PageResults.Status(await shells.CreateAsync(http, "Organisation", "organisations", null, badCursor.ProblemDetails.Errors.AsReadOnly(), cancellationToken),
                StatusCodes.Status400BadRequest, "This page of agreements has expired or its address was changed: open the organisation again.");
        var binding = bindingAnswer.Result as Ok<Page<BindingAgreementResponse>>;
        var partOf = organisation.PartOfId is { } parent
            ? (await OrganisationsEndpoints.GetOrganisation(parent, asOf, db, history, mapper, http.Response, cancellationToken)).Result as Ok<OrganisationResponse>
            : null;
        var model = new OrganisationModel(organisation, on, asOf, predecessors?.Value, successors?.Value, binding?.Value?.Items ?? [], partOf?.Value,
            SuccessionDiagram.Layout(organisation, predecessors?.Value, successors?.Value),
            binding?.Value?.NextCursor is { } next ? PageLinks.With(http.Request, $"/organisations/{id}", null, ("cursor", next)) + "#binding" : null,
            cursor is null ? null : PageLinks.With(http.Request, $"/organisations/{id}", null, ("cursor", null)) + "#binding");
        var api = $"/api/v1/organisations/{id}/agreements?activeOn={PageLinks.Date(on)}" + (asOf is null ? "" : $"&asOf={Uri.EscapeDataString(PageLinks.Moment(asOf))}");
        var shell = await shells.CreateAsync(http, organisation.Name, "organisations", api, cancellationToken: cancellationToken);
        return PageResults.Page<OrganisationPage>(shell, model);
    }
}

public sealed record OrganisationFilter(string? NameContains, string? Code, OrganisationType? Type, DateOnly? ActiveOn, DateTimeOffset? AsOf, string? Cursor);

public sealed record OrganisationsModel(OrganisationFilter Filter, Page<OrganisationResponse>? Results, string? NextUrl);

public sealed record OrganisationModel(OrganisationResponse Organisation, DateOnly On, DateTimeOffset? AsOf, SuccessionChainResponse? Predecessors,
    SuccessionChainResponse? Successors, IReadOnlyList<BindingAgreementResponse> Binding, OrganisationResponse? PartOf, Diagram Chain,
    string? NextBindingUrl, string? FirstBindingUrl);
