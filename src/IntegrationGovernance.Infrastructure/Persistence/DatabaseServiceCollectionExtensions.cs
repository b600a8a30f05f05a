using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IntegrationGovernance.Infrastructure.Persistence;

public static class DatabaseServiceCollectionExtensions
{
    public static IServiceCollection AddRegisterDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section));
        // the connection string is read when first needed, so the host (and the OpenAPI document) starts without a database
        services.AddDbContextPool<RegisterDbContext>((provider, options) =>
            Configure(options,
                RequiredConnectionString(provider.GetRequiredService<IConfiguration>(), DatabaseOptions.RegisterConnection),
                provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.MaxRetryCount));
        services.AddScoped<Organisations.SuccessionChains>();
        services.AddTransient<DatabaseMigrator>();
        services.AddTransient<DemoData.DemoDataLoader>();
        return services;
    }

    public static string RequiredConnectionString(IConfiguration configuration, string name) =>
        configuration.GetConnectionString(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"ConnectionStrings:{name} is not set. Set ConnectionStrings__{name}, or use scripts/run, which starts a local PostgreSQL.");

    internal static DbContextOptions<RegisterDbContext> OptionsFor(string connectionString, int maxRetryCount)
    {
        var builder = new DbContextOptionsBuilder<RegisterDbContext>();
        Configure(builder, connectionString, maxRetryCount);
        return builder.Options;
    }

    private static void Configure(DbContextOptionsBuilder options, string connectionString, int maxRetryCount) =>
        options
            .UseNpgsql(connectionString, npgsql => npgsql
                .EnableRetryOnFailure(maxRetryCount, TimeSpan.FromMilliseconds(500), errorCodesToAdd: null)
                .MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();
}
