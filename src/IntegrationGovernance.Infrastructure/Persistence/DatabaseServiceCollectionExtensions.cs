using IntegrationGovernance.Infrastructure.RecordKeeping;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;
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
        services.AddSingleton(provider => DataSource(
            RequiredConnectionString(provider.GetRequiredService<IConfiguration>(), DatabaseOptions.RegisterConnection),
            provider.GetRequiredService<IOptions<DatabaseOptions>>().Value));
        services.TryAddSingleton<IChangeContextSource, AmbientChangeContextSource>();
        services.AddSingleton<ChangeContextInterceptor>();
        services.AddDbContextPool<RegisterDbContext>((provider, options) =>
        {
            Configure(options, provider.GetRequiredService<NpgsqlDataSource>(),
                provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.MaxRetryCount);
            options.AddInterceptors(provider.GetRequiredService<ChangeContextInterceptor>());
        });
        services.AddScoped<RecordKeeping.RecordHistory>();
        services.AddScoped<RecordKeeping.ChangeFeed>();
        // the key ring lives in the register's database, so every API instance reads what another protected; it is
        // read when first needed, so the host (and the OpenAPI document) still starts without a database
        services.AddDataProtection().SetApplicationName("integration-governance").PersistKeysToDbContext<RegisterDbContext>();
        services.AddSingleton<Webhooks.WebhookSecrets>();
        services.AddSingleton<Webhooks.LegacyWebhookSecrets>();
        services.AddHostedService<Webhooks.LegacyWebhookSecretsAtStartup>();
        services.AddSingleton<RecordKeeping.IdempotencyStore>();
        services.AddScoped<PooledFunds.LedgerImporter>();
        services.AddScoped<People.AccountabilityGraph>();
        services.AddScoped<People.OrganisationStructure>();
        services.AddOptions<Webhooks.WebhookOptions>().Bind(configuration.GetSection(Webhooks.WebhookOptions.Section))
            .Validate(o => o.Retries is >= 0 and <= Webhooks.WebhookOptions.MaxRetries, $"Webhooks:Retries is 0 to {Webhooks.WebhookOptions.MaxRetries}.")
            .ValidateOnStart();
        services.TryAddSingleton<Webhooks.IHostResolver, Webhooks.DnsHostResolver>();
        services.TryAddSingleton(Webhooks.WebhookAddressAllowance.None);
        services.AddSingleton<Webhooks.WebhookTargetGuard>();
        // a redirect is a failed delivery (following one would go where nobody vetted), and no proxy: the address
        // the guard vets must be the one connected to
        services.AddHttpClient(Webhooks.WebhookSender.ClientName).ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            ConnectCallback = provider.GetRequiredService<Webhooks.WebhookTargetGuard>().ConnectAsync,
        });
        services.AddSingleton<Webhooks.WebhookSender>();
        services.AddScoped<Webhooks.WebhookDispatcher>();
        services.AddHostedService<Webhooks.WebhookWorker>();
        services.AddScoped<Organisations.SuccessionChains>();
        services.AddScoped<Agreements.AgreementTransfers>();
        services.AddScoped<Agreements.AgreementPeriodsBackfill>();
        services.AddTransient<DatabaseMigrator>();
        services.AddTransient<DemoData.DemoDataLoader>();
        return services;
    }

    public static string RequiredConnectionString(IConfiguration configuration, string name) =>
        configuration.GetConnectionString(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"ConnectionStrings:{name} is not set. Set ConnectionStrings__{name}, or use scripts/run, which starts a local PostgreSQL.");

    /// <summary>
    /// The API's connections. The register sends the same few statements over and over, so unless the connection
    /// string says otherwise they are prepared once per connection (Npgsql's automatic preparation) and PostgreSQL
    /// stops parsing them for every request. They are still planned for their values each time: one organisation
    /// is party to thousands of agreements and another to two, and a generic plan made the lists many times slower.
    /// The timeouts go on the connection, not on the role: <c>ALTER ROLE register_writer SET</c> would not reach the
    /// login role the API connects as (a member inherits privileges, not settings).
    /// </summary>
    private static NpgsqlDataSource DataSource(string connectionString, DatabaseOptions options)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var settings = builder.ConnectionStringBuilder;
        if (settings.MaxAutoPrepare == 0)
            settings.MaxAutoPrepare = 100;
        if (string.IsNullOrEmpty(settings.Options))
            settings.Options = "-c plan_cache_mode=force_custom_plan";
        // one request cannot hold a connection (and the locks it took) for long: a runaway statement is cancelled, and
        // a transaction left open while the API waits on something else is ended by the server
        if (!settings.Options.Contains("statement_timeout", StringComparison.Ordinal))
            settings.Options += $" -c statement_timeout={(long)options.StatementTimeout.TotalMilliseconds}";
        if (!settings.Options.Contains("idle_in_transaction_session_timeout", StringComparison.Ordinal))
            settings.Options += $" -c idle_in_transaction_session_timeout={(long)options.IdleInTransactionTimeout.TotalMilliseconds}";
        // the register keeps nothing in a session (its settings are transaction-local, its advisory locks transaction-level,
        // its temporary table drops on commit), so a pooled connection needs no reset: seven statements saved per request
        settings.NoResetOnClose = true;
        return builder.Build();
    }

    /// <summary>Options for a context outside the request pipeline (migrations, design time): no retries, no change context.</summary>
    internal static DbContextOptions<RegisterDbContext> OptionsFor(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<RegisterDbContext>();
        builder.UseNpgsql(connectionString, Npgsql).UseSnakeCaseNamingConvention();
        return builder.Options;
    }

    private static void Configure(DbContextOptionsBuilder options, NpgsqlDataSource dataSource, int maxRetryCount) =>
        options
            .UseNpgsql(dataSource, npgsql => Npgsql(npgsql.ExecutionStrategy(dependencies => new RegisterExecutionStrategy(dependencies, maxRetryCount))))
            .UseSnakeCaseNamingConvention();

    private static void Npgsql(NpgsqlDbContextOptionsBuilder npgsql) => npgsql.MigrationsHistoryTable("__ef_migrations_history");

    private sealed class AmbientChangeContextSource : IChangeContextSource
    {
        public ChangeContext? Current => ChangeContext.Current;
    }
}
