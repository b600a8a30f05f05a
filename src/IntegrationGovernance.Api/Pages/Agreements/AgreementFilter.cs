using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.Organisations;
using IntegrationGovernance.Api.Pages.Shared;
using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Infrastructure.Persistence;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using AutoMapper;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationGovernance.Api.Pages.Agreements;

/// <summary>
/// The agreements search's filters, under the names of <c>GET /api/v1/agreements</c>'s parameters, but for
/// <c>organisation</c>, which also takes an ODS or GSS code (a link in a report reads better with QOX than with an id).
/// </summary>
public sealed record AgreementFilter
{
    public string? Q { get; init; }
    public string? Organisation { get; init; }
    public Guid? OrganisationId { get; init; }
    public string? OrganisationName { get; init; }
    public PartyRole? Role { get; init; }
    public StatutoryBasis? Basis { get; init; }
    public AgreementStatus? Status { get; init; }
    public string? Service { get; init; }
    public DateOnly? ActiveOn { get; init; }
    public DateTimeOffset? AsOf { get; init; }
    public int? ExpiringWithinDays { get; init; }
    public int? ReviewWithinDays { get; init; }
    public bool Overdue { get; init; }
    public DateOnly? On { get; init; }
    public int? Limit { get; init; }
    public string? Cursor { get; init; }

    /// <summary>Query parameters the page reads that the API operation does not (it is sent organisationId instead).</summary>
    public static readonly string[] PageOnly = ["organisation"];

    public static AgreementFilter Read(PageAddress query) => new()
    {
        Q = query.Text("q"),
        Organisation = query.Text("organisation", 40),
        Role = query.Choice<PartyRole>("role"),
        Basis = query.Choice<StatutoryBasis>("basis"),
        Status = query.Choice<AgreementStatus>("status"),
        Service = query.Text("service"),
        ActiveOn = query.Date("activeOn"),
        AsOf = query.Moment("asOf"),
        ExpiringWithinDays = query.Number("expiringWithinDays", 0, 3660),
        ReviewWithinDays = query.Number("reviewWithinDays", 0, 3660),
        Overdue = query.Flag("overdue"),
        On = query.Date("on"),
        Limit = query.Number("limit", 1, PageRequest.MaxLimit),
        Cursor = query.Text("cursor", 1000),
    };

    /// <summary>Finds the organisation named by id or code through the API's own organisations list.</summary>
    public async Task<AgreementFilter> ResolveAsync(PageAddress query, RegisterDbContext db, RecordHistory history, IMapper mapper, HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (Organisation is null)
            return this;
        if (Guid.TryParse(Organisation, out var id))
        {
            var one = await OrganisationsEndpoints.GetOrganisation(id, null, db, history, mapper, request.HttpContext.Response, cancellationToken);
            if (one.Result is Ok<OrganisationResponse> found)
                return this with { OrganisationId = id, OrganisationName = found.Value!.Name };
        }
        else
        {
            var list = await OrganisationsEndpoints.ListOrganisations(new OrganisationFilters { Code = Organisation }, new PageQuery { Limit = 1 }, db, history, mapper,
                request, cancellationToken);
            if (list.Result is Ok<Page<OrganisationResponse>> { Value.Items: [var match, ..] })
                return this with { OrganisationId = match.Id, OrganisationName = match.Name };
        }
        query.Problem("organisation", "No organisation has this ODS or GSS code (for example QOX, E06000022).");
        return this;
    }
}
