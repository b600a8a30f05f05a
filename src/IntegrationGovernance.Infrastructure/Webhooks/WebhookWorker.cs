using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationGovernance.Infrastructure.Webhooks;

/// <summary>Runs the dispatcher every poll interval, in every API instance that enables it.</summary>
public sealed class WebhookWorker(IServiceScopeFactory scopes, IOptions<WebhookOptions> options, ILogger<WebhookWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WorkerEnabled)
            return;
        using var timer = new PeriodicTimer(options.Value.PollInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                using var _ = RecordKeeping.ChangeContext.BeginSystem("webhooks");
                await scope.ServiceProvider.GetRequiredService<WebhookDispatcher>().RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Webhook delivery round failed; will try again");
            }
        }
    }
}
