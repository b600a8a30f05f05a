using IntegrationGovernance.Api.Security;
using IntegrationGovernance.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IntegrationGovernance.Api.Hosting;

/// <summary>
/// Configurations that would fail open are refused before the API serves anything: no issuer to trust outside
/// Development (every token would be refused, silently), or a database role able to bypass the record keeping.
/// </summary>
public static class StartupChecks
{
    public static async Task VerifyDeploymentAsync(this WebApplication app)
    {
        var security = app.Configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        if (!app.Environment.IsDevelopment() && string.IsNullOrWhiteSpace(security.Authority) && string.IsNullOrWhiteSpace(security.SigningKeysFile))
            throw new InvalidOperationException(
                $"Neither Authentication:Authority nor Authentication:SigningKeysFile is set in the {app.Environment.EnvironmentName} environment: "
                + "no token could be trusted. Set the authority of the tokens the register accepts, or its issuer and pinned public keys.");

        if (string.IsNullOrWhiteSpace(app.Configuration.GetConnectionString(DatabaseOptions.RegisterConnection)))
            return; // the first request that needs the database says what is missing
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegisterDbContext>();
        RoleRights rights;
        try
        {
            rights = await db.Database.SqlQuery<RoleRights>($"""
                SELECT r.rolsuper AS superuser,
                       EXISTS (SELECT 1 FROM pg_tables t WHERE t.tablename = 'revisions' AND pg_has_role(current_user, t.tableowner, 'USAGE')) AS owns_tables
                FROM pg_roles r WHERE r.rolname = current_user
                """).SingleAsync(app.Lifetime.ApplicationStopping);
        }
        catch (Exception e) when (Unreachable(e))
        {
            // the database is not there yet: readiness says so, and this is checked again at the next start
            app.Logger.LogWarning("Could not check the API's database role at start-up: {Reason}", e.Message);
            return;
        }
        if (rights.Superuser || rights.OwnsTables)
            throw new InvalidOperationException(
                "The API connects to the database as a role that is a superuser or owns the register's tables, so it could bypass the "
                + "record keeping. Connect it (ConnectionStrings:Register) as a login role that is only a member of register_writer.");
    }

    // the database could not be reached (after the execution strategy's retries): not a refusal by PostgreSQL
    private static bool Unreachable(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is Npgsql.NpgsqlException and not Npgsql.PostgresException or TimeoutException or System.Net.Sockets.SocketException)
                return true;
        return false;
    }

    private sealed record RoleRights(bool Superuser, bool OwnsTables);
}
