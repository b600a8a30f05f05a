using IntegrationGovernance.Domain.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationGovernance.Api.Http;

/// <summary>The problem responses handlers return; every error body the API writes is one of these shapes.</summary>
public static class Problems
{
    public static ValidationProblem Validation(IEnumerable<RuleViolation> violations) =>
        TypedResults.ValidationProblem(
            violations.GroupBy(v => v.Field).ToDictionary(g => g.Key, g => g.Select(v => v.Message).ToArray()),
            detail: "One or more fields are not valid; see errors, keyed by JSON path.",
            title: "The request is not valid.",
            type: ProblemTypes.Validation);

    public static ValidationProblem Validation(string field, string message) => Validation([new RuleViolation(field, message)]);

    public static ProblemHttpResult NotFound(string resource, Guid id) => TypedResults.Problem(
        $"No {resource} with id {id}.", title: "Not found.", statusCode: StatusCodes.Status404NotFound, type: ProblemTypes.NotFound);

    /// <summary>422: the answer would be larger than one response holds (the contract's bounds); <paramref name="detail"/> says how to narrow the question.</summary>
    public static ProblemHttpResult TooLarge(string detail) => TypedResults.Problem(
        detail, title: "The answer is too large for one response.", statusCode: StatusCodes.Status422UnprocessableEntity, type: ProblemTypes.ForRule("too-large"));

    public static ProblemHttpResult PreconditionRequired() => TypedResults.Problem(
        "Send the ETag from your last read of this record in an If-Match header, so a change made since is not overwritten.",
        title: "If-Match is required.", statusCode: StatusCodes.Status428PreconditionRequired, type: ProblemTypes.PreconditionRequired);

    public static ProblemHttpResult PreconditionFailed() => TypedResults.Problem(
        "The record has changed since the ETag in If-Match was issued. Read it again, then retry your change.",
        title: "The record has changed.", statusCode: StatusCodes.Status412PreconditionFailed, type: ProblemTypes.PreconditionFailed);

    public static ProblemDetails FromRule(RegisterRuleException rule)
    {
        var status = rule.Kind == RuleKind.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
        var problem = new ProblemDetails
        {
            Type = ProblemTypes.ForRule(rule.Code),
            Title = rule.Kind == RuleKind.Conflict ? "The change conflicts with the register." : "The change breaks a rule of the register.",
            Status = status,
            Detail = rule.Message,
        };
        if (rule.Field is not null)
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [rule.Field] = [rule.Message] };
        return problem;
    }
}
