using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Domain.Agreements;
using IntegrationGovernance.Domain.Common;
using IntegrationGovernance.Domain.Organisations;
using IntegrationGovernance.Infrastructure.Agreements;
using IntegrationGovernance.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Api.Imports;

/// <summary>
/// Bulk import of organisations and agreements from an existing register: every row is checked first, one
/// bad row rejects the whole file (each rejected row named by number), rows already in the register (by code
/// or reference) are skipped, and a dry run books nothing.
/// </summary>
public static class ImportsEndpoints
{
    /// <summary>The columns of an organisations import in CSV.</summary>
    public static readonly string[] OrganisationColumns = ["name", "type", "ods_code", "gss_code", "operational_from", "operational_to"];

    /// <summary>The columns of an agreements import in CSV.</summary>
    public static readonly string[] AgreementColumns =
    [
        "reference", "title", "purpose", "basis", "flexibilities", "services", "client_groups", "parties", "signed_on", "commences_on", "ends_on",
        "notice_months", "review_on", "parent_reference",
    ];

    public static RouteGroupBuilder MapImportsEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/imports").WithTags("Imports");
        group.MapPost("/organisations", ImportOrganisations)
            .WithSummary("Import organisations (CSV or JSON)")
            .WithDescription("CSV header: `name,type,ods_code,gss_code,operational_from,operational_to`, or a JSON array. "
                + "Idempotent on ODS/GSS code (or on name and type when a row has neither). " + ImportFile.Limits)
            .Accepts<List<OrganisationImportRow>>("application/json", "text/csv")
            .WithMetadata(new OpenApi.CsvBody(OrganisationColumns))
            .AllowsLargeBody()
            .RequireScope(Scopes.Admin);
        group.MapPost("/agreements", ImportAgreements)
            .WithSummary("Import agreements from a contracts register (CSV or JSON)")
            .WithDescription("CSV header: `reference,title,purpose,basis,flexibilities,services,client_groups,parties,signed_on,commences_on,ends_on,notice_months,review_on,parent_reference`; "
                + "lists separated by `;`, parties as `code:Role`. Agreements arrive as drafts. Idempotent on reference. "
                + "The caller's organisation must be a party to every agreement it imports, unless admin. " + ImportFile.Limits)
            .Accepts<List<AgreementImportRow>>("application/json", "text/csv")
            .WithMetadata(new OpenApi.CsvBody(AgreementColumns))
            .AllowsLargeBody()
            .RequireScope(Scopes.RegisterWrite);
        return api;
    }

    /// <param name="dryRun">Check and count without recording anything.</param>
    public static async Task<Results<Ok<ImportReport>, ValidationProblem>> ImportOrganisations(
        bool? dryRun, RegisterDbContext db, TimeProvider clock, HttpRequest request, CancellationToken cancellationToken)
    {
        var (rows, unreadable) = await ImportFile.ReadAsync(request, OrganisationFromCsv, cancellationToken);
        if (unreadable is not null)
            return Problems.Validation("$", unreadable);

        var existing = await db.Organisations.AsNoTracking().Select(o => new { o.Name, o.Type, o.OdsCode, o.GssCode }).ToListAsync(cancellationToken);
        var codes = existing.SelectMany(o => new[] { o.OdsCode, o.GssCode }).OfType<string>().ToHashSet();
        var named = existing.Where(o => o.OdsCode is null && o.GssCode is null).Select(o => (o.Name, o.Type)).ToHashSet();
        var errors = new ImportErrors();
        var toAdd = new List<OrganisationDetails>();
        var seen = new HashSet<string>();
        foreach (var row in rows)
        {
            var problems = Errors(row);
            if (string.IsNullOrWhiteSpace(row.Value.Name))
                problems.TryAdd("name", ["A name is required."]);
            if (row.Value.Type is null)
                problems.TryAdd("type", ["A type is required."]);
            if (problems.Count == 0)
            {
                var details = new OrganisationDetails(row.Value.Name!, row.Value.Type!.Value, row.Value.OdsCode, row.Value.GssCode,
                    row.Value.OperationalFrom, row.Value.OperationalTo).Normalised();
                foreach (var violation in details.Validate())
                    problems.TryAdd(violation.Field.TrimStart('$', '.'), [violation.Message]);
                var keys = new[] { details.OdsCode, details.GssCode }.OfType<string>().ToList();
                if (keys.Count == 0)
                    keys.Add($"{details.Name}|{details.Type}");
                if (keys.Any(k => !seen.Add(k)))
                    problems.TryAdd("odsCode", ["This organisation appears earlier in the file."]);
                var known = keys.Any(codes.Contains) || named.Contains((details.Name, details.Type));
                if (problems.Count == 0 && !known)
                    toAdd.Add(details);
            }
            errors.Add(row.Row, problems);
        }
        if (errors.Count > 0)
            return ImportFile.Rejected(errors, rows.Count, "import-rejected");

        if (dryRun != true && toAdd.Count > 0)
        {
            await db.InTransactionAsync(async token =>
            {
                var now = clock.GetUtcNow();
                db.Organisations.AddRange(toAdd.Select(d => Organisation.Create(d, now)));
                return await db.SaveChangesAsync(token);
            }, cancellationToken);
        }
        return TypedResults.Ok(new ImportReport { DryRun = dryRun == true, Rows = rows.Count, Added = toAdd.Count, AlreadyRecorded = rows.Count - toAdd.Count });
    }

    /// <param name="dryRun">Check and count without recording anything.</param>
    public static async Task<Results<Ok<ImportReport>, ValidationProblem>> ImportAgreements(
        bool? dryRun, RegisterDbContext db, AgreementTransfers transfers, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var (rows, unreadable) = await ImportFile.ReadAsync(http.Request, AgreementFromCsv, cancellationToken);
        if (unreadable is not null)
            return Problems.Validation("$", unreadable);

        var organisations = await db.Organisations.AsNoTracking().ToListAsync(cancellationToken);
        var byId = organisations.ToDictionary(o => o.Id);
        var byCode = organisations.SelectMany(o => new[] { (Code: o.OdsCode, o.Id), (Code: o.GssCode, o.Id) })
            .Where(c => c.Code is not null).ToDictionary(c => c.Code!, c => c.Id);
        var references = (await db.Agreements.AsNoTracking().Select(a => new { a.Reference, a.Id }).ToListAsync(cancellationToken))
            .ToDictionary(a => a.Reference, a => (Guid?)a.Id);
        var errors = new ImportErrors();
        var toAdd = new List<(AgreementDetails Details, string? Parent)>();
        foreach (var row in rows)
        {
            var value = row.Value;
            var problems = Errors(row);
            var parties = new List<AgreementParty>();
            for (var i = 0; i < value.Parties.Count; i++)
            {
                var named = value.Parties[i].Organisation.Trim();
                Guid? id = Guid.TryParse(named, out var guid) && byId.ContainsKey(guid) ? guid
                    : byCode.TryGetValue(named.ToUpperInvariant(), out var coded) ? coded : null;
                if (id is { } organisation)
                    parties.Add(new AgreementParty(organisation, value.Parties[i].Role));
                else
                    problems.TryAdd($"parties[{i}].organisation", [$"No organisation with code or id '{named}'."]);
            }
            if (string.IsNullOrWhiteSpace(value.Reference))
                problems.TryAdd("reference", ["A reference is required."]);
            if (value.Basis is null)
                problems.TryAdd("basis", ["A statutory basis is required."]);
            if (value.CommencesOn is null)
                problems.TryAdd("commencesOn", ["A commencement date is required."]);
            if (value.ParentReference is { } parent && !references.ContainsKey(parent.Trim().ToUpperInvariant()))
                problems.TryAdd("parentReference", ["No agreement with this reference in the register or earlier in the file."]);
            if (problems.Count == 0)
            {
                var details = new AgreementDetails(value.Reference!, value.Title ?? string.Empty, value.Purpose, value.Basis!.Value, value.Flexibilities,
                    value.Services, value.ClientGroups, parties, value.SignedOn, value.CommencesOn!.Value, value.EndsOn, value.NoticeMonths, value.ReviewOn,
                    null, [], false).Normalised();
                foreach (var violation in AgreementRules.Check(details, byId))
                    problems.TryAdd(violation.Field.TrimStart('$', '.'), [violation.Message]);
                if (!await AccessRuleExtensions.ActsForAnyAsync(http, parties.Select(p => p.OrganisationId), cancellationToken))
                    problems.TryAdd("parties", ["Your organisation is not a party to this agreement."]);
                if (problems.Count == 0 && !references.ContainsKey(details.Reference))
                {
                    references[details.Reference] = null; // later rows may name it as their parent
                    toAdd.Add((details, value.ParentReference?.Trim().ToUpperInvariant()));
                }
            }
            errors.Add(row.Row, problems);
        }
        if (errors.Count > 0)
            return ImportFile.Rejected(errors, rows.Count, "import-rejected");

        if (dryRun != true && toAdd.Count > 0)
        {
            await db.InTransactionAsync(async token =>
            {
                var now = clock.GetUtcNow();
                var created = new Dictionary<string, Agreement>();
                foreach (var (details, parent) in toAdd)
                {
                    var parentId = parent is null ? null : created.TryGetValue(parent, out var fresh) ? fresh.Id : references[parent];
                    var agreement = Agreement.Draft(details with { ParentId = parentId }, now);
                    created[agreement.Reference] = agreement;
                    db.Agreements.Add(agreement);
                }
                // successions already recorded for their parties are carried out on them, as on any new agreement
                await transfers.ApplyAsync(created.Values, token);
                return await db.SaveChangesAsync(token);
            }, cancellationToken);
        }
        return TypedResults.Ok(new ImportReport { DryRun = dryRun == true, Rows = rows.Count, Added = toAdd.Count, AlreadyRecorded = rows.Count - toAdd.Count });
    }

    private static OrganisationImportRow OrganisationFromCsv(CsvFields csv) => new()
    {
        Name = csv.Text("name"),
        Type = csv.Enum<OrganisationType>("type"),
        OdsCode = csv.Text("ods_code"),
        GssCode = csv.Text("gss_code"),
        OperationalFrom = csv.Date("operational_from"),
        OperationalTo = csv.Date("operational_to"),
    };

    private static AgreementImportRow AgreementFromCsv(CsvFields csv) => new()
    {
        Reference = csv.Text("reference"),
        Title = csv.Text("title"),
        Purpose = csv.Text("purpose"),
        Basis = csv.Enum<StatutoryBasis>("basis"),
        Flexibilities = csv.List("flexibilities").Select(f => Enum.TryParse<Flexibility>(f, true, out var x) ? x : (Flexibility)(-1)).ToList(),
        Services = csv.List("services"),
        ClientGroups = csv.List("client_groups"),
        Parties = csv.List("parties").Select(p => p.Split(':', 2)).Select(p => new ImportPartyContract
        {
            Organisation = p[0],
            Role = p.Length == 2 && Enum.TryParse<PartyRole>(p[1], true, out var role) ? role : (PartyRole)(-1),
        }).ToList(),
        SignedOn = csv.Date("signed_on"),
        CommencesOn = csv.Date("commences_on"),
        EndsOn = csv.Date("ends_on"),
        NoticeMonths = csv.Number("notice_months"),
        ReviewOn = csv.Date("review_on"),
        ParentReference = csv.Text("parent_reference"),
    };

    private static Dictionary<string, string[]> Errors<T>(ImportRow<T> row) => row.Unreadable.ToDictionary(e => e.Key, e => e.Value);
}
