namespace IntegrationGovernance.Infrastructure.Persistence;

/// <summary>
/// Connection strings: <c>ConnectionStrings:Register</c> is what the API uses for every request;
/// <c>ConnectionStrings:RegisterMigrations</c> (the schema owner) applies migrations and defaults to the first.
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string RegisterConnection = "Register";
    public const string MigrationsConnection = "RegisterMigrations";

    /// <summary>Apply pending migrations when the API starts (the run script turns this on).</summary>
    public bool MigrateOnStartup { get; set; }

    /// <summary>Load the demo data set drawn from the seed papers after migrating (idempotent).</summary>
    public bool SeedDemoData { get; set; }

    /// <summary>How many times a transient database fault is retried inside one request.</summary>
    public int MaxRetryCount { get; set; } = 3;

    /// <summary>The longest one statement of the API may run (PostgreSQL <c>statement_timeout</c>) before it is cancelled.</summary>
    public TimeSpan StatementTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest the API's session may sit in an open transaction doing nothing
    /// (<c>idle_in_transaction_session_timeout</c>) before PostgreSQL ends it and frees its locks.</summary>
    public TimeSpan IdleInTransactionTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
