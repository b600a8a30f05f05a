using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Retry;
using Polly.Timeout;

namespace IntegrationGovernance.Infrastructure.Webhooks;

/// <summary>The outcome of sending one change: delivered or not, whether the circuit was open, and every attempt.</summary>
public sealed record SendOutcome(bool Delivered, bool CircuitOpen, IReadOnlyList<DeliveryAttempt> Attempts);

/// <summary>
/// Sends one change to one subscriber, signed in the manner of the Standard Webhooks specification
/// (<c>webhook-id</c>, <c>webhook-timestamp</c>, <c>webhook-signature: v1,&lt;base64 HMAC-SHA256 of id.timestamp.body&gt;</c>),
/// through one Polly pipeline per subscription: a circuit breaker around retries (exponential backoff with
/// jitter) around a per-attempt timeout.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, WebhookTargetGuard guard, WebhookSecrets secrets, IOptions<WebhookOptions> options, TimeProvider clock)
{
    public const string ClientName = "webhooks";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ResiliencePipelineRegistry<Guid> _pipelines = new();

    public async Task<SendOutcome> SendAsync(WebhookSubscription subscription, Change change, CancellationToken cancellationToken)
    {
        var attempts = new List<DeliveryAttempt>();
        if (guard.UrlProblem(subscription.TargetUrl) is { } refused)
            return new SendOutcome(false, false, [new DeliveryAttempt(clock.GetUtcNow(), null, refused)]);

        var (id, body) = Message(change);
        var client = clients.CreateClient(ClientName);
        try
        {
            using var response = await Pipeline(subscription.Id).ExecuteAsync(async token =>
            {
                try
                {
                    var sent = await client.SendAsync(Request(subscription, id, body), token);
                    attempts.Add(new DeliveryAttempt(clock.GetUtcNow(), (int)sent.StatusCode, DeliveryFailures.Of(sent.StatusCode)));
                    return sent;
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    attempts.Add(new DeliveryAttempt(clock.GetUtcNow(), null, DeliveryFailures.Of(e)));
                    throw;
                }
            }, cancellationToken);
            return new SendOutcome(response.IsSuccessStatusCode, false, attempts);
        }
        catch (BrokenCircuitException)
        {
            attempts.Add(new DeliveryAttempt(clock.GetUtcNow(), null, "circuit open: not sent"));
            return new SendOutcome(false, true, attempts);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new SendOutcome(false, false, attempts);
        }
    }

    /// <summary>The Standard Webhooks signature of a message, as a receiver recomputes it to verify.</summary>
    public static string Sign(string secret, string id, long timestamp, string body)
    {
        var key = Convert.FromBase64String(secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret[6..] : secret);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"));
        return $"v1,{Convert.ToBase64String(mac)}";
    }

    private static (string Id, string Body) Message(Change change)
    {
        var id = $"evt_{change.Position}";
        var body = JsonSerializer.Serialize(new
        {
            type = $"{change.Resource}.{change.Kind}",
            timestamp = change.RecordedAt,
            data = new { position = change.Position, resource = change.Resource, id = change.RecordId, revision = change.Revision, kind = change.Kind },
        }, Json);
        return (id, body);
    }

    private HttpRequestMessage Request(WebhookSubscription subscription, string id, string body)
    {
        var now = clock.GetUtcNow();
        var timestamp = now.ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, subscription.TargetUrl)
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        // during a rotation's grace both secrets sign, space-separated, as Standard Webhooks allows
        request.Headers.Add("webhook-signature",
            string.Join(' ', subscription.SigningSecrets(now).Select(secret => Sign(secrets.Reveal(secret), id, timestamp, body))));
        return request;
    }

    private ResiliencePipeline<HttpResponseMessage> Pipeline(Guid subscription) =>
        _pipelines.GetOrAddPipeline<HttpResponseMessage>(subscription, builder =>
        {
            var settings = options.Value;
            var failed = new PredicateBuilder<HttpResponseMessage>()
                .Handle<HttpRequestException>(e => !DeliveryFailures.IsRefusedTarget(e))
                .Handle<TimeoutRejectedException>()
                .HandleResult(response => !response.IsSuccessStatusCode);
            builder
                .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
                {
                    ShouldHandle = failed,
                    FailureRatio = 1.0,
                    MinimumThroughput = Math.Max(2, settings.CircuitBreakAfter),
                    SamplingDuration = TimeSpan.FromMinutes(10),
                    BreakDuration = settings.CircuitBreakDuration,
                })
                .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
                {
                    ShouldHandle = failed,
                    MaxRetryAttempts = settings.Retries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = settings.RetryBaseDelay,
                })
                .AddTimeout(settings.Timeout);
        });
}
