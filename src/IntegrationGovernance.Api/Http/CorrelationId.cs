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

    /// <summary>The longest correlation id kept (a longer one sent is replaced by the trace id).</summary>
    public const int MaxLength = 128;

    /// <summary>What a correlation id is made of: letters, digits and <c>- _ . :</c>.</summary>
    public const string Pattern = "^[A-Za-z0-9._:-]{1,128}$";

    public static string Of(HttpContext context) =>
        context.Items[ItemKey] as string ?? Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;

    public static IApplicationBuilder UseCorrelationId(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var sent = context.Request.Headers[Header].ToString();
        var id = IsSane(sent) ? sent : Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
        context.Items[ItemKey] = id;
        context.Response.Headers[Header] = id;
        // again as the response starts: an answer written after the exception handler cleared the headers carries it too
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[Header] = id;
            return Task.CompletedTask;
        });
        using (LogContext.PushProperty(ItemKey, id))
            await next(context);
    });

    private static bool IsSane(string value) =>
        value.Length is > 0 and <= MaxLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}
