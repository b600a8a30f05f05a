using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;
using Polly;
using Polly.Retry;

namespace IntegrationGovernance.Infrastructure.Persistence;

/// <summary>
/// Applies checked-in migrations as the schema owner. A database that is still starting is waited for
/// (Polly retry), so the API and its database can be started together.
/// </summary>
public sealed class DatabaseMigrator(IConfiguration configuration, ILogger<DatabaseMigrator> logger)
{
    private static readonly ResiliencePipeline WaitForDatabase = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>(e => e.IsTransient),
            MaxRetryAttempts = 10,
            Delay = TimeSpan.FromMilliseconds(500),
            BackoffType = DelayBackoffType.Exponential,
            MaxDelay = TimeSpan.FromSeconds(5),
        })
        .Build();

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var connectionString = configuration.GetConnectionString(DatabaseOptions.MigrationsConnection) is { Length: > 0 } owner
            ? owner
            : DatabaseServiceCollectionExtensions.RequiredConnectionString(configuration, DatabaseOptions.RegisterConnection);
        await using var db = new RegisterDbContext(DatabaseServiceCollectionExtensions.OptionsFor(connectionString));
        await WaitForDatabase.ExecuteAsync(async token =>
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(token)).ToList();
            if (pending.Count > 0)
                logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, pending);
            await db.Database.MigrateAsync(token);
        }, cancellationToken);
    }
}
