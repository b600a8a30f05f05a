using System.Diagnostics;
using Serilog.Context;

namespace IntegrationGovernance.Api.Http;

/// <summary>
/// Every request carries a correlation id: the caller's <c>X-Correlation-Id</c> when it sends a sane one,
/// otherwise the W3C trace id (from <c>traceparent</c> or a new one). It is echoed back and on every log line.
/// </summary>
public static class CorrelationId
{
    public const string Header = "X-Correlation-Id";
    private const string ItemKey = "CorrelationId";

    public static string Of(HttpContext context) =>
        context.Items[ItemKey] as string ?? Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;

    public static IApplicationBuilder UseCorrelationId(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var sent = context.Request.Headers[Header].ToString();
        var id = IsSane(sent) ? sent : Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
        context.Items[ItemKey] = id;
        context.Response.Headers[Header] = id;
        using (LogContext.PushProperty(ItemKey, id))
            await next(context);
    });

    private static bool IsSane(string value) =>
        value.Length is > 0 and <= 128 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}
