using System.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace IntegrationGovernance.Api.Http;

/// <summary>
/// Writes a problem as application/problem+json whatever the request's Accept header asks for, as the API's other
/// responses are JSON whatever it asks for. The framework's writer declines a caller that accepts neither JSON nor
/// problem+json (Accept: application/xml, say), and the refusal then had an empty body, became a text/plain status
/// page, or (where a problem had to be written) a 500. Registered after the framework's writer, so it writes only
/// what that one declines.
/// </summary>
public sealed class ProblemJsonWriter(IOptions<JsonOptions> json, IOptions<ProblemDetailsOptions> problems) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var response = context.HttpContext.Response;
        var problem = context.ProblemDetails;
        problem.Status ??= response.StatusCode;
        problem.Title ??= ReasonPhrases.GetReasonPhrase(response.StatusCode);
        // RFC 9457: a problem with no semantics beyond its status code
        problem.Type ??= "about:blank";
        problem.Extensions.TryAdd("traceId", Activity.Current?.Id ?? context.HttpContext.TraceIdentifier);
        problems.Value.CustomizeProblemDetails?.Invoke(context);
        return new ValueTask(response.WriteAsJsonAsync(problem, problem.GetType(), json.Value.SerializerOptions, "application/problem+json"));
    }
}
