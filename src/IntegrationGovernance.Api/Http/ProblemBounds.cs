using Microsoft.AspNetCore.Mvc;

namespace IntegrationGovernance.Api.Http;

/// <summary>
/// Every problem the API writes is bounded as the contract declares it, whatever wrote it (a rule, a binding failure, the
/// framework's validation of a large request): a detail of at most <see cref="MaxDetailLength"/> characters, at most
/// <see cref="MaxErrors"/> fields in <c>errors</c> (then <c>errorCount</c> says how many there were), at most
/// <see cref="MaxMessagesPerField"/> messages per field and <see cref="MaxMessageLength"/> characters per message.
/// </summary>
public static class ProblemBounds
{
    public const int MaxTitleLength = 200;
    public const int MaxDetailLength = 4000;
    public const int MaxInstanceLength = RequestBounds.MaxUrlLength;
    public const int MaxErrors = 200;
    public const int MaxFieldLength = 300;
    public const int MaxMessagesPerField = 10;
    public const int MaxMessageLength = 1000;
    public const int MaxTraceIdLength = 128;

    public static void Apply(ProblemDetails problem)
    {
        problem.Title = Cut(problem.Title, MaxTitleLength);
        problem.Detail = Cut(problem.Detail, MaxDetailLength);
        problem.Instance = Cut(problem.Instance, MaxInstanceLength);
        if (problem is HttpValidationProblemDetails validation)
        {
            var bounded = Bound(validation.Errors, problem);
            validation.Errors.Clear();
            foreach (var (field, messages) in bounded)
                validation.Errors[field] = messages;
        }
        else if (problem.Extensions.TryGetValue("errors", out var errors) && errors is IDictionary<string, string[]> listed)
        {
            problem.Extensions["errors"] = Bound(listed, problem);
        }
    }

    private static Dictionary<string, string[]> Bound(IDictionary<string, string[]> errors, ProblemDetails problem)
    {
        if (errors.Count > MaxErrors)
            problem.Extensions.TryAdd("errorCount", errors.Count);
        var bounded = new Dictionary<string, string[]>();
        foreach (var (field, messages) in errors.Take(MaxErrors))
            bounded.TryAdd(Cut(field, MaxFieldLength)!, [.. messages.Take(MaxMessagesPerField).Select(m => Cut(m, MaxMessageLength)!)]);
        return bounded;
    }

    private static string? Cut(string? text, int max) => text is null || text.Length <= max ? text : text[..(max - 1)] + "…";
}
