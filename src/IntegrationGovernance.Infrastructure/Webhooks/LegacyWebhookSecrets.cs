using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IntegrationGovernance.Infrastructure.Webhooks;

/// <summary>Protects, in place, the signing secrets stored in plain before they were protected.</summary>
public sealed class LegacyWebhookSecrets(NpgsqlDataSource dataSource, WebhookSecrets secrets)
{
    /// <summary>Returns how many secrets it protected.</summary>
    public async Task<int> ProtectAsync(CancellationToken cancellationToken)
    {
        var plain = new List<(Guid Id, string Secret)>();
        await using (var select = dataSource.CreateCommand("SELECT id, protected_secret FROM webhook_subscriptions WHERE protected_secret LIKE 'whsec\\_%'"))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken))
                plain.Add((reader.GetGuid(0), reader.GetString(1)));
        var protectedCount = 0;
        foreach (var (id, secret) in plain)
        {
            // only if still the plain value: another instance may have protected it meanwhile
            await using var update = dataSource.CreateCommand("UPDATE webhook_subscriptions SET protected_secret = @protected WHERE id = @id AND protected_secret = @plain");
            update.Parameters.AddWithValue("protected", secrets.Protect(secret));
            update.Parameters.AddWithValue("id", id);
            update.Parameters.AddWithValue("plain", secret);
            protectedCount += await update.ExecuteNonQueryAsync(cancellationToken);
        }
        return protectedCount;
    }
}

/// <summary>Runs <see cref="LegacyWebhookSecrets"/> once as the API starts; a database not there yet is tried at the next start.</summary>
public sealed class LegacyWebhookSecretsAtStartup(IServiceProvider services, ILogger<LegacyWebhookSecretsAtStartup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // resolved here, so the host starts without a database (as when writing the contract)
            var legacy = (LegacyWebhookSecrets)services.GetService(typeof(LegacyWebhookSecrets))!;
            if (await legacy.ProtectAsync(stoppingToken) is > 0 and var count)
                logger.LogInformation("Protected {Count} webhook signing secret(s) stored in plain", count);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Could not protect webhook signing secrets stored in plain; they still sign, and will be protected at the next start");
        }
    }
}
