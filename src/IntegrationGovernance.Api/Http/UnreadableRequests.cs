using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationGovernance.Api.Http;

/// <summary>
/// A request the framework could not bind (<see cref="BadHttpRequestException"/>) as the register's problem: a value that
/// does not bind is a validation problem keyed by the parameter's name, or by the JSON path at fault in a body; a body of
/// another media type is 415; a missing or unreadable body is 400 <c>bad-request</c>. The framework's own message (which
/// names its types and asks "Did you mean to use a Service instead?") is never passed on.
/// </summary>
public static partial class UnreadableRequests
{
    public const string NoBody = "This operation takes a JSON body; the request had none (or JSON null).";
    public const string NotJson = "The body is JSON: send it with Content-Type: application/json.";
    public const string Unreadable = "The request could not be read.";

    public static ProblemDetails From(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
            return Validation(FromJson(json));
        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType || UnexpectedMediaType().IsMatch(bad.Message))
            return Problem(StatusCodes.Status415UnsupportedMediaType, ProblemTypes.ForStatus(StatusCodes.Status415UnsupportedMediaType),
                "The body's media type is not one this operation reads.", NotJson);
        if (ParameterBindingFailed().Match(bad.Message) is { Success: true } failed)
            return Validation((QueryName(failed.Groups["name"].Value), ParameterMessage(failed.Groups["type"].Value, failed.Groups["value"].Value)));
        if (RequiredParameterMissing().Match(bad.Message) is { Success: true } missing)
            return missing.Groups["source"].Value.StartsWith("body", StringComparison.Ordinal)
                ? Problem(StatusCodes.Status400BadRequest, ProblemTypes.BadRequest, Unreadable, NoBody)
                : Validation((QueryName(missing.Groups["name"].Value), "This parameter is required."));
        if (ImplicitBodyMissing().IsMatch(bad.Message))
            return Problem(StatusCodes.Status400BadRequest, ProblemTypes.BadRequest, Unreadable, NoBody);
        var status = bad.StatusCode is >= 400 and < 500 ? bad.StatusCode : StatusCodes.Status400BadRequest;
        return Problem(status, ProblemTypes.ForStatus(status), Unreadable,
            "The request's body, query string or headers could not be read as this operation takes them.");
    }

    // a filter record's property (FinancialYear) is named in the query string, as every parameter is, in camel case
    private static string QueryName(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);

    private static ProblemDetails Validation((string Field, string Message) error)
    {
        var problem = Problem(StatusCodes.Status400BadRequest, ProblemTypes.Validation, "The request is not valid.",
            "One or more fields are not valid; see errors, keyed by JSON path.");
        problem.Extensions["errors"] = new Dictionary<string, string[]> { [error.Field] = [error.Message] };
        return problem;
    }

    // a date the framework could not read at all (2008-13-45) gets the message IsoDates gives one it read too leniently
    private static string ParameterMessage(string type, string value) =>
        (type.Replace("?", "", StringComparison.Ordinal).Replace("[]", "", StringComparison.Ordinal)) switch
        {
            nameof(DateOnly) or $"Nullable<{nameof(DateOnly)}>" => IsoDates.MessageFor(dateTime: false, value),
            nameof(DateTimeOffset) or nameof(DateTime) or $"Nullable<{nameof(DateTimeOffset)}>" or $"Nullable<{nameof(DateTime)}>" =>
                IsoDates.MessageFor(dateTime: true, value),
            _ => $"'{value}' is not a valid value.",
        };

    /// <summary>The JSON path at fault, in full (<c>$.parties[1].role</c>), and what is wrong there.</summary>
    private static (string Field, string Message) FromJson(JsonException json)
    {
        // the reader's path is where it stood: the object a required property is missing from, or the property it could not read
        var path = json.Path is { Length: > 0 } p ? p : "$";
        if (MissingProperties().Match(json.Message) is { Success: true } missing)
            return (Child(path, missing.Groups["names"].Value.Split(',')[0].Trim(' ', '\'')), "This field is required.");
        if (UnknownProperty().Match(json.Message) is { Success: true } unknown)
        {
            var name = unknown.Groups["name"].Value;
            var at = path.EndsWith(Child("$", name)[1..], StringComparison.Ordinal) ? path : Child(path, name);
            return (at, "This field is not part of the request; fields the register owns cannot be set.");
        }
        if (json.Message.Contains("null", StringComparison.Ordinal) && json.Message.Contains("non-nullable", StringComparison.Ordinal))
            return (path, "This field cannot be null.");
        return (path, json.BytePositionInLine is not null && path == "$"
            ? "The body is not valid JSON, or not the JSON object this operation takes."
            : "This value is not valid here (wrong type, format or unknown name).");
    }

    private static string Child(string path, string name) =>
        SimpleName().IsMatch(name) ? $"{path}.{name}" : $"{path}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";

    private static ProblemDetails Problem(int status, string type, string title, string detail) =>
        new() { Status = status, Type = type, Title = title, Detail = detail };

    [GeneratedRegex("""^Failed to bind parameter "(?:(?<type>\S+) )?(?<name>[^"\s]+)" from "(?<value>[^"]*)""")]
    private static partial Regex ParameterBindingFailed();

    [GeneratedRegex("""^Required parameter "(?:\S+ )?(?<name>[^"\s]+)" was not provided from (?<source>[^.]+)""")]
    private static partial Regex RequiredParameterMissing();

    [GeneratedRegex("^Implicit body inferred for parameter")]
    private static partial Regex ImplicitBodyMissing();

    [GeneratedRegex("^Expected a supported (JSON|form) media type")]
    private static partial Regex UnexpectedMediaType();

    [GeneratedRegex("missing required properties including: (?<names>.+?)\\.?$")]
    private static partial Regex MissingProperties();

    [GeneratedRegex("The JSON property '(?<name>[^']+)' could not be mapped")]
    private static partial Regex UnknownProperty();

    [GeneratedRegex(@"\A[A-Za-z_$][A-Za-z0-9_$]*\z")]
    private static partial Regex SimpleName();
}
