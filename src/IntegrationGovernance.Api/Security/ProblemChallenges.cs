using IntegrationGovernance.Api.Http;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationGovernance.Api.Security;

/// <summary>401 and 403 as problem details, like every other error.</summary>
public static class ProblemChallenges
{
    public static async Task WriteUnauthorizedAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = context.AuthenticateFailure is null
            ? "Bearer"
            : "Bearer error=\"invalid_token\"";
        await WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "unauthorized", "A valid bearer token is required.",
            context.AuthenticateFailure is null
                ? "Send a bearer token in the Authorization header."
                : "The bearer token was refused: it is expired, not for this audience, or not signed by a trusted issuer.");
    }

    public static Task WriteForbiddenAsync(ForbiddenContext context) =>
        WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "forbidden", "The token does not allow this.",
            "The token lacks the scope this operation requires.");

    public static Task WriteAsync(HttpContext context, int status, string code, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Type = ProblemTypes.ForRule(code), Title = title, Detail = detail },
        }).AsTask();
    }
}
