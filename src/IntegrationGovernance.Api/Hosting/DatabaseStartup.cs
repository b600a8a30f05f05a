using IntegrationGovernance.Infrastructure.Agreements;
using IntegrationGovernance.Infrastructure.DemoData;
using IntegrationGovernance.Infrastructure.Persistence;
using Microsoft.Extensions.Options;

namespace IntegrationGovernance.Api.Hosting;

public static class DatabaseStartup
{
    /// <summary>Applies migrations and loads the demo data when configuration asks for it (the run script does).</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (!options.MigrateOnStartup && !options.SeedDemoData)
            return;
        await using var scope = app.Services.CreateAsyncScope();
        if (options.MigrateOnStartup)
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(app.Lifetime.ApplicationStopping);
            await scope.ServiceProvider.GetRequiredService<AgreementPeriodsBackfill>().RunAsync(app.Lifetime.ApplicationStopping);
        }
        if (options.SeedDemoData)
            await scope.ServiceProvider.GetRequiredService<DemoDataLoader>().LoadAsync(app.Lifetime.ApplicationStopping);
    }
}
