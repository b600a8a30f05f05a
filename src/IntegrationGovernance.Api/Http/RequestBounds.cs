using System.Text.Json;
using IntegrationGovernance.Domain.Common;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationGovernance.Api.Http;

/// <summary>
/// Every request does bounded work: each list, string and number in a request contract carries its bound
/// (<c>[MaxLength]</c>, <c>[Range]</c>, <see cref="EachMaxLengthAttribute"/>), which the contract declares (<c>maxItems</c>, <c>maxLength</c>,
/// <c>minimum</c>/<c>maximum</c>) and the framework's validation checks before the handler runs.
/// </summary>
public static class RequestBounds
{
    /// <summary>The most entries in any list of terms (services, client groups, documents...).</summary>
    public const int MaxListItems = 200;

    /// <summary>The most parties an agreement, variation or succession names.</summary>
    public const int MaxParties = 50;

    /// <summary>The most flexibilities an agreement uses (there are few kinds).</summary>
    public const int MaxFlexibilities = 10;

    /// <summary>The most agreements a succession's transfers name, at once or over time.</summary>
    public const int MaxTransfers = Domain.Successions.SuccessionRules.MaxTransfers;

    /// <summary>
    /// The most organisations ever party to one agreement: its first parties, and those each of its variations (novations among
    /// them) brings in. What is in force on a day, and who is asked to accept a change, is drawn from these.
    /// </summary>
    public const int MaxPartiesEver = Domain.Agreements.AgreementRules.MaxPartiesEver;

    /// <summary>The most fields a record has: a revision's <c>changedFields</c> name some of them.</summary>
    public const int MaxRecordFields = 100;

    /// <summary>
    /// The longest link the API writes (<c>next</c>): the request's own URL with another cursor, and the request line and Host
    /// header the server accepts are at most 8 KiB and 32 KiB.
    /// </summary>
    public const int MaxLinkLength = 65_536;

    public const int MaxUrlLength = 2_000;

    /// <summary>The longest value of any query-string parameter (a search, a cursor...): no longer than a URL may be.</summary>
    public const int MaxQueryValueLength = MaxUrlLength;

    /// <summary>The most values one query-string parameter may be given.</summary>
    public const int MaxQueryValues = 100;

    /// <summary>The widest window of the "expiring / due for review / ending within N days" questions: ten years.</summary>
    public const int MaxWithinDays = 3660;

    /// <summary>A reason, a note: free text of a paragraph or two.</summary>
    public const int MaxTextLength = 2_000;

    /// <summary>A minute's or a document's reference.</summary>
    public const int MaxReferenceLength = 200;

    /// <summary>An ODS or GSS code as sent, before it is trimmed and upper-cased.</summary>
    public const int MaxCodeLength = 16;

    /// <summary>
    /// Refuses, before the handler runs, a query string with a value longer than <see cref="MaxQueryValueLength"/> or a parameter
    /// given more than <see cref="MaxQueryValues"/> values: 400, keyed by the parameter's name. (The contract declares these bounds.)
    /// </summary>
    public static RouteGroupBuilder RequireBoundedQuery(this RouteGroupBuilder group) => group.AddEndpointFilter(async (invocation, next) =>
    {
        var problems = new List<RuleViolation>();
        foreach (var (name, values) in invocation.HttpContext.Request.Query)
        {
            if (values.Count > MaxQueryValues)
                problems.Add(new RuleViolation(name, $"{name} is given at most {MaxQueryValues} times."));
            else if (values.Any(v => v?.Length > MaxQueryValueLength))
                problems.Add(new RuleViolation(name, $"{name} is at most {MaxQueryValueLength} characters."));
        }
        return problems.Count == 0 ? await next(invocation) : Problems.Validation(problems);
    });

    /// <summary>The framework reports bounds keyed by property path (<c>Parties[1].Role</c>): the register names fields by JSON path.</summary>
    public static void AsRegisterProblem(ProblemDetails problem)
    {
        // the register's own problems carry its urn: types; the framework's carry none or an RFC link
        if (problem is not HttpValidationProblemDetails validation || validation.Type?.StartsWith("urn:", StringComparison.Ordinal) == true)
            return;
        var errors = validation.Errors.ToDictionary(e => JsonPath(e.Key), e => e.Value);
        validation.Errors.Clear();
        foreach (var (key, messages) in errors)
            validation.Errors[key] = messages;
        validation.Type = ProblemTypes.Validation;
        validation.Title = "The request is not valid.";
        validation.Detail = "One or more fields are not valid; see errors, keyed by JSON path.";
    }

    private static string JsonPath(string propertyPath) =>
        "$." + string.Join('.', propertyPath.Split('.').Select(segment => JsonNamingPolicy.CamelCase.ConvertName(segment)));
}
