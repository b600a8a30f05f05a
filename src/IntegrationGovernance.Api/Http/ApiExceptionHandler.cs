using System.Text;
using IntegrationGovernance.Domain.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Net.Http.Headers;
using Npgsql;

namespace IntegrationGovernance.Api.Http;

/// <summary>
/// The one place exceptions become responses: malformed input → 400 keyed by the JSON path at fault, a broken
/// register rule → 409/422, a lost update race → 412, a body in a charset it cannot read → 415, the database unreachable → 503 with Retry-After.
/// Anything else is a 500 that says nothing of the internals (the log has them, under the trace id).
/// </summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problemDetails, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            httpContext.Response.StatusCode = StatusCodes.Status499ClientClosedRequest; // for the request log; no one is listening
            return true;
        }

        var problem = exception switch
        {
            BadHttpRequestException bad => UnreadableRequests.From(bad),
            RegisterRuleException rule => Problems.FromRule(rule),
            _ when DataExceptionIn(exception) => Problem(StatusCodes.Status400BadRequest, ProblemTypes.Validation, "The request is not valid.",
                "A value in the request cannot be stored (for example a NUL character in text, or a number out of range)."),
            InvalidOperationException when UnsupportedCharset(httpContext.Request) is { } charset => Problem(StatusCodes.Status415UnsupportedMediaType,
                ProblemTypes.ForStatus(StatusCodes.Status415UnsupportedMediaType), "The request could not be read.", $"The charset '{charset}' is not one the register can read; send the body as UTF-8."),
            DbUpdateConcurrencyException => Problem(StatusCodes.Status412PreconditionFailed, ProblemTypes.PreconditionFailed,
                "The record has changed.", "The record was changed by another request while yours was being made. Read it again, then retry."),
            _ when IsDatabaseUnavailable(exception) => Unavailable(httpContext),
            _ => null,
        };
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled exception");
            problem = Problem(StatusCodes.Status500InternalServerError, ProblemTypes.Internal,
                "An unexpected error occurred.", "The error has been logged under the trace id.");
        }
        else if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            logger.LogWarning(exception, "Database unavailable");
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    // SQLSTATE class 22: the database refused a value the request carried; bad input, not a fault
    private static bool DataExceptionIn(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState.StartsWith("22", StringComparison.Ordinal),
        { InnerException: { } inner } => DataExceptionIn(inner),
        _ => false,
    };

    // the framework reads a JSON body in the charset its Content-Type names, and throws (rather than answer 400) for one it does not know
    private static string? UnsupportedCharset(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || type.Charset is not { HasValue: true } charset)
            return null;
        try
        {
            Encoding.GetEncoding(charset.Value);
            return null;
        }
        catch (Exception unknown) when (unknown is ArgumentException or NotSupportedException)
        {
            return charset.Value;
        }
    }

    private static bool IsDatabaseUnavailable(Exception exception) => exception switch
    {
        RetryLimitExceededException => true,
        // the server shutting down or restarting ends sessions with 57P0x; class 08 is a lost connection
        PostgresException postgres => postgres.IsTransient || postgres.SqlState.StartsWith("57P0", StringComparison.Ordinal)
            || postgres.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException => true, // not from the server: the connection itself failed
        TimeoutException => true,
        // EF wraps what the connection threw (DbUpdateException, InvalidOperationException)
        _ when exception.InnerException is { } inner => IsDatabaseUnavailable(inner),
        _ => false,
    };

    private static ProblemDetails Unavailable(HttpContext httpContext)
    {
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Problem(StatusCodes.Status503ServiceUnavailable, ProblemTypes.ServiceUnavailable,
            "The register is temporarily unavailable.", $"The database could not be reached. Nothing was changed; retry after {RetryAfterSeconds} seconds.");
    }

    private static ProblemDetails Problem(int status, string type, string title, string detail) =>
        new() { Status = status, Type = type, Title = title, Detail = detail };
}
