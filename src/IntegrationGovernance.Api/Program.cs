using IntegrationGovernance.Api.Agreements;
using IntegrationGovernance.Api.Health;
using IntegrationGovernance.Api.Imports;
using IntegrationGovernance.Api.Hosting;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Api.OpenApi;
using IntegrationGovernance.Api.Pages;
using IntegrationGovernance.Api.Organisations;
using IntegrationGovernance.Api.People;
using IntegrationGovernance.Api.PooledFunds;
using IntegrationGovernance.Api.RecordKeeping;
using IntegrationGovernance.Api.Webhooks;
using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Infrastructure.Persistence;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddRegisterLogging(builder.Configuration, builder.Environment);
builder.Services.AddRegisterTelemetry(builder.Configuration);
builder.Services.AddRegisterHttp();
builder.Services.AddRegisterSecurity(builder.Configuration, builder.Environment);
builder.Services.AddRegisterOpenApi();
builder.Services.AddRegisterMapping(builder.Configuration);
builder.Services.AddRegisterDatabase(builder.Configuration);
builder.Services.AddRegisterHealthChecks();
builder.Services.AddRegisterPages(builder.Configuration, builder.Environment);

var app = builder.Build();

app.UseRegisterHttp();
app.UseRegisterOpenApi(); // the contract and Swagger UI are public
app.UseRegisterPageAssets(); // the pages' CSS, fonts and scripts are public too
app.UseRegisterAccess();
app.MapRegisterHealthChecks();
app.MapVersionedApi()
    .MapOrganisationsEndpoints()
    .MapSuccessionsEndpoints()
    .MapAgreementsEndpoints()
    .MapPooledFundsEndpoints()
    .MapFundReportsEndpoints()
    .MapLedgerPeriodsEndpoints()
    .MapFundBudgetsEndpoints()
    .MapTransferPaymentsEndpoints()
    .MapAlignedBudgetsEndpoints()
    .MapFinanceExportEndpoints()
    .MapPostsEndpoints()
    .MapAccountabilityEndpoints()
    .MapStructureEndpoints()
    .MapSecondmentsEndpoints()
    .MapPostHoldersEndpoints()
    .MapJointArrangementsEndpoints()
    .MapImportsEndpoints()
    .MapWebhooksEndpoints()
    .MapChangesEndpoints()
    .MapProvenanceEndpoints()
    .MapAuditEndpoints();
app.UseRegisterPages(); // the register as pages for officers, signed in with a cookie of their own

if (DevelopmentTokens.IsRequested(args))
{
    Environment.ExitCode = DevelopmentTokens.Print(app.Services, app.Configuration, args);
    return;
}

if (OpenApiDocumentFile.IsRequested(args))
{
    await OpenApiDocumentFile.WriteAsync(app, args);
    return;
}

await app.PrepareDatabaseAsync();
await app.VerifyDeploymentAsync();
await app.RunAsync();

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
