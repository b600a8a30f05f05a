using System.Reflection;
using System.Security.Claims;
using IntegrationGovernance.Api.Http;
using IntegrationGovernance.Infrastructure.RecordKeeping;

namespace IntegrationGovernance.Api.RecordKeeping;

/// <summary>
/// The change context of an HTTP request: the caller (token subject and organisation; <c>anonymous</c>
/// until a request is authenticated), its correlation id, and the operation (the handler's name, which is
/// also its operationId). Writes made by the register's own jobs use their system context instead.
/// </summary>
public sealed class RequestChangeContext(IHttpContextAccessor http) : IChangeContextSource
{
    public const string Anonymous = "anonymous";

    public ChangeContext? Current => ChangeContext.Current ?? FromRequest(http.HttpContext);

    public static string SubjectOf(ClaimsPrincipal user) =>
        user.FindFirstValue("sub") ?? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? Anonymous;

    private static ChangeContext? FromRequest(HttpContext? context)
    {
        if (context is null)
            return null;
        var endpoint = context.GetEndpoint();
        return new ChangeContext(
            SubjectOf(context.User),
            context.User.FindFirstValue("org"),
            CorrelationId.Of(context),
            endpoint?.Metadata.GetMetadata<MethodInfo>()?.Name,
            endpoint?.Metadata.GetMetadata<RecordsChangeAs>()?.Kind);
    }
}

/// <summary>Names the kind of change an operation makes when it is more than created/updated (e.g. closed).</summary>
public sealed record RecordsChangeAs(string Kind);

public static class RecordsChangeAsExtensions
{
    /// <param name="builder">The operation.</param>
    /// <param name="kind">One of <see cref="ChangeKinds"/>: the contract declares the kinds a client can meet, so a new one is added there.</param>
    public static RouteHandlerBuilder RecordsChangeAs(this RouteHandlerBuilder builder, string kind) =>
        ChangeKinds.All.Contains(kind)
            ? builder.WithMetadata(new RecordsChangeAs(kind))
            : throw new ArgumentException($"'{kind}' is not one of the ChangeKinds; add it there, so the contract declares it.", nameof(kind));
}
