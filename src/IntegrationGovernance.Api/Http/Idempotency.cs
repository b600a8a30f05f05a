using System.Security.Cryptography;
using IntegrationGovernance.Api.RecordKeeping;
using IntegrationGovernance.Infrastructure.Persistence;
using IntegrationGovernance.Infrastructure.RecordKeeping;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace IntegrationGovernance.Api.Http;

public sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";

    /// <summary>How long a repeat waits for the first request with its key before it is told 409.</summary>
    public TimeSpan Wait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long keys are kept; never less than 24 hours.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a key claimed by a request that calls out (<see cref="CallsOut"/>) may stay without a response before a
    /// retry takes it over: the request died with its process. Longer than any outbound call may take.
    /// </summary>
    public TimeSpan AbandonedAfter { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>
/// Endpoint metadata: the handler calls another system and may wait on it for long. With an <c>Idempotency-Key</c> its
/// key is claimed and committed first, so no transaction is open (nor a connection held) while it waits; its writes
/// commit as it makes them and its response is stored when it ends.
/// </summary>
public sealed class CallsOut;

/// <summary>
/// Endpoint metadata: the top-level JSON <paramref name="Property"/> of a success is a secret shown once. It is never
/// stored: the key keeps the response with it set to null, and a replay says so in <c>Idempotent-Replay-Withheld</c>.
/// </summary>
public sealed record WithheldFromReplay(string Property)
{
    public const string Header = "Idempotent-Replay-Withheld";

    public byte[] Redact(int status, byte[] body)
    {
        if (status is < 200 or >= 300 || System.Text.Json.Nodes.JsonNode.Parse(body) is not System.Text.Json.Nodes.JsonObject json)
            return body;
        json[Property] = null;
        return System.Text.Encoding.UTF8.GetBytes(json.ToJsonString());
    }
}

/// <summary>
/// <c>Idempotency-Key</c> on any POST: the first response (status, body, Location, ETag) is kept with a hash
/// of the request; a repeat with the same request gets it again (marked <c>Idempotent-Replayed: true</c>),
/// a repeat with another request gets 422, and one that cannot wait for the first to finish gets 409.
/// The request's writes and its stored response commit in one transaction (see <see cref="IdempotencyStore"/>).
/// A request that fails with an exception or a 5xx keeps nothing, so its retry runs afresh.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, IOptions<IdempotencyOptions> options, IProblemDetailsService problems)
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 255;

    /// <summary>A key is 1 to <see cref="MaxKeyLength"/> visible ASCII characters, e.g. a UUID.</summary>
    public const string KeyPattern = "^[!-~]{1,255}$";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.Headers.TryGetValue(Header, out var values))
        {
            await next(context);
            return;
        }
        var key = values.ToString();
        if (key.Length is 0 or > MaxKeyLength || !key.All(c => c is >= '!' and <= '~'))
        {
            await WriteProblemAsync(context, StatusCodes.Status400BadRequest, ProblemTypes.Validation, "The request is not valid.",
                $"{Header} is 1 to {MaxKeyLength} visible ASCII characters, e.g. a UUID.", Header);
            return;
        }

        // resolved only here, so requests without a key (the OpenAPI document among them) need no database
        var store = context.RequestServices.GetRequiredService<IdempotencyStore>();
        var db = context.RequestServices.GetRequiredService<RegisterDbContext>();
        var scope = ScopeOf(context.User);
        var callsOut = context.GetEndpoint()?.Metadata.GetMetadata<CallsOut>() is not null;
        var withheld = context.GetEndpoint()?.Metadata.GetMetadata<WithheldFromReplay>();
        await using var claim = await store.ClaimAsync(db, scope, key, await HashAsync(context.Request), options.Value.Wait, context.RequestAborted,
            commitClaim: callsOut, options.Value.AbandonedAfter);
        switch (claim.Outcome)
        {
            case IdempotencyOutcome.Replay:
                await ReplayAsync(context, claim.Response!, withheld);
                return;
            case IdempotencyOutcome.Mismatch:
                await WriteProblemAsync(context, StatusCodes.Status422UnprocessableEntity, ProblemTypes.ForRule("idempotency-key-reused"),
                    "The Idempotency-Key was used for another request.",
                    "This key was first used with a different request. Use a new key for a new request.", Header);
                return;
            case IdempotencyOutcome.InFlight:
                context.Response.Headers.RetryAfter = "1";
                await WriteProblemAsync(context, StatusCodes.Status409Conflict, ProblemTypes.ForRule("idempotency-key-in-flight"),
                    "The first request with this Idempotency-Key is still running.", "Retry shortly with the same key to get its response.", Header);
                return;
        }

        // the key is this request's now: it runs to the end even if the client goes, so the response a retry
        // will replay is whole (a write cancelled half-way would leave an empty body to replay)
        context.RequestAborted = CancellationToken.None;
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        // commit the change with its response, even if the client has gone, so its retry is a replay;
        // a refused request keeps its answer but none of its writes
        var response = context.Response;
        if (response.StatusCode < StatusCodes.Status500InternalServerError)
        {
            await claim.CompleteAsync(
                new StoredResponse(response.StatusCode, response.ContentType, response.Headers.Location, response.Headers.ETag,
                    withheld?.Redact(response.StatusCode, buffer.ToArray()) ?? buffer.ToArray()),
                keepChanges: response.StatusCode < StatusCodes.Status400BadRequest,
                CancellationToken.None);
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original, CancellationToken.None);
    }

    /// <summary>Whose keys these are: the token's issuer, subject and organisation, so two callers' keys never meet.</summary>
    public static string ScopeOf(System.Security.Claims.ClaimsPrincipal user) =>
        $"{user.FindFirst("iss")?.Value}|{RequestChangeContext.SubjectOf(user)}|{user.FindFirst("org")?.Value}";

    private static async Task<string> HashAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
            hash.AppendData(chunk, 0, read);
        request.Body.Position = 0;
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static async Task ReplayAsync(HttpContext context, StoredResponse stored, WithheldFromReplay? withheld)
    {
        var response = context.Response;
        response.StatusCode = stored.Status;
        response.ContentType = stored.ContentType;
        if (stored.Location is not null)
            response.Headers.Location = stored.Location;
        if (stored.ETag is not null)
            response.Headers.ETag = stored.ETag;
        response.Headers[ReplayedHeader] = "true";
        if (withheld is not null && stored.Status is >= 200 and < 300)
            response.Headers[WithheldFromReplay.Header] = withheld.Property;
        await response.Body.WriteAsync(stored.Body, context.RequestAborted);
    }

    private Task WriteProblemAsync(HttpContext context, int status, string type, string title, string detail, string field)
    {
        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Type = type, Title = title, Detail = detail };
        problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail] };
        return problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }).AsTask();
    }
}

/// <summary>Forgets idempotency keys once they are older than the retention period.</summary>
public sealed class IdempotencyCleanup(IServiceProvider services, IOptions<IdempotencyOptions> options, ILogger<IdempotencyCleanup> logger) : BackgroundService
{
    private static readonly TimeSpan MinimumRetention = TimeSpan.FromHours(24);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CleanupInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                // resolved when first needed, so the host starts without a database (as when writing the contract)
                var store = services.GetRequiredService<IdempotencyStore>();
                var removed = await store.DeleteExpiredAsync(Max(options.Value.Retention, MinimumRetention), stoppingToken);
                if (removed > 0)
                    logger.LogInformation("Forgot {Count} expired idempotency key(s)", removed);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Idempotency key clean-up failed; will try again");
            }
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
