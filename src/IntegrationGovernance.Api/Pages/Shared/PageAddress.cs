using System.Globalization;
using IntegrationGovernance.Api.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;

namespace IntegrationGovernance.Api.Pages.Shared;

/// <summary>
/// A page's filters, read from its query string under the same names as the API operation's parameters, with the
/// API's own ISO 8601 rules; each problem is kept under its parameter's name for the page's error summary.
/// </summary>
public sealed class PageAddress(IQueryCollection query)
{
    public Dictionary<string, string[]> Errors { get; } = [];

    public bool Valid => Errors.Count == 0;

    public void Problem(string field, string message) =>
        Errors[field] = Errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    public void Problems(IDictionary<string, string[]> problems)
    {
        foreach (var (field, messages) in problems)
            foreach (var message in messages)
                Problem(field, message);
    }

    public string? Text(string name, int maxLength = 200)
    {
        var value = query[name].ToString().Trim();
        if (value.Length == 0)
            return null;
        if (value.Length > maxLength)
            Problem(name, $"At most {maxLength} characters.");
        return value;
    }

    public DateOnly? Date(string name)
    {
        var value = Text(name, 10);
        if (value is null)
            return null;
        if (IsoDates.IsDate(value))
            return DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        Problem(name, "Enter a date as year-month-day, for example 2026-11-23.");
        return null;
    }

    public DateTimeOffset? Moment(string name)
    {
        var value = Text(name, 40);
        if (value is null)
            return null;
        if (IsoDates.IsDateTime(value))
            return DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.None);
        Problem(name, IsoDates.MessageFor(true, value) + " For example 2026-12-01T09:00:00Z.");
        return null;
    }

    public TEnum? Choice<TEnum>(string name) where TEnum : struct, Enum
    {
        var value = Text(name, 60);
        if (value is null)
            return null;
        if (Enum.TryParse<TEnum>(value, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(value[0]))
            return parsed;
        Problem(name, "Choose one of the options.");
        return null;
    }

    public int? Number(string name, int min, int max)
    {
        var value = Text(name, 10);
        if (value is null)
            return null;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
            return number;
        Problem(name, $"Enter a whole number from {min} to {max}.");
        return null;
    }

    public bool Flag(string name) => string.Equals(query[name].ToString(), "true", StringComparison.Ordinal);

    public Guid? Id(string name)
    {
        var value = Text(name, 40);
        if (value is null)
            return null;
        if (Guid.TryParse(value, out var id))
            return id;
        Problem(name, "Not a register id.");
        return null;
    }
}

/// <summary>Links that keep a page's filters: to itself with one changed, to the API request giving the same data.</summary>
public static class PageLinks
{
    /// <summary><paramref name="path"/> with the request's query string, less <paramref name="drop"/>, with <paramref name="set"/> (null removes).</summary>
    public static string With(HttpRequest request, string path, IEnumerable<string>? drop = null, params (string Key, string? Value)[] set)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString.Value);
        foreach (var key in drop ?? [])
            query.Remove(key);
        foreach (var (key, value) in set)
        {
            if (value is null)
                query.Remove(key);
            else
                query[key] = value;
        }
        var pairs = query.Where(q => q.Value.Any(v => !string.IsNullOrEmpty(v)))
            .SelectMany(q => q.Value.Where(v => !string.IsNullOrEmpty(v)).Select(v => new KeyValuePair<string, string?>(q.Key, v)));
        return path + QueryString.Create(pairs).ToUriComponent();
    }

    public static string Date(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>A moment as ISO 8601 in UTC, to the tick it was given (a revision's own moment must still include that revision).</summary>
    public static string Moment(DateTimeOffset? moment) =>
        moment?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture) ?? string.Empty;

    public static string Absolute(HttpRequest request, string pathAndQuery) =>
        UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase).TrimEnd('/') + pathAndQuery;
}
