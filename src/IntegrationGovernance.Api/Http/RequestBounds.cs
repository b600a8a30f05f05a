using System.Text.Json;
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

    /// <summary>The most agreements a succession's transfers name.</summary>
    public const int MaxTransfers = 5_000;

    public const int MaxUrlLength = 2_000;

    /// <summary>A reason, a note: free text of a paragraph or two.</summary>
    public const int MaxTextLength = 2_000;

    /// <summary>A minute's or a document's reference.</summary>
    public const int MaxReferenceLength = 200;

    /// <summary>An ODS or GSS code as sent, before it is trimmed and upper-cased.</summary>
    public const int MaxCodeLength = 16;

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
