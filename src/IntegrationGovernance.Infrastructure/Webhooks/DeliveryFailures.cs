using System.Net;

namespace IntegrationGovernance.Infrastructure.Webhooks;

/// <summary>
/// What the delivery log says went wrong. Deliberately coarse: the subscriber chooses the target and may ask for
/// redelivery at will, so socket and TLS messages ("connection refused", "no route to host") would turn the log
/// into a port scanner.
/// </summary>
public static class DeliveryFailures
{
    /// <summary>The longest reason the log gives.</summary>
    public const int MaxLength = 100;

    public const string TimedOut = "timed out";
    public const string ConnectionFailed = "connection failed";
    public const string RefusedTarget = "not sent: the target resolves to an address deliveries may not reach";

    public static string? Of(HttpStatusCode status) => (int)status switch
    {
        >= 200 and < 300 => null,
        >= 300 and < 400 => $"redirect not followed: HTTP {(int)status}",
        _ => $"refused by the receiver: HTTP {(int)status}",
    };

    public static string Of(Exception exception) =>
        exception is OperationCanceledException ? TimedOut
        : IsRefusedTarget(exception) ? RefusedTarget
        : ConnectionFailed;

    public static bool IsRefusedTarget(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is WebhookTargetRefusedException)
                return true;
        return false;
    }
}
