using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using IntegrationGovernance.Domain.Common;
using Microsoft.AspNetCore.Http.Metadata;

namespace IntegrationGovernance.Api.Http;

/// <summary>
/// Dates and moments in query strings and routes are ISO 8601 and nothing else, whatever the server's culture:
/// a date is <c>yyyy-MM-dd</c>; a moment is <c>yyyy-MM-ddTHH:mm:ss</c>, optional fractional seconds (at most 9 digits), then <c>Z</c> or
/// <c>±hh:mm</c> (RFC 3339, as the contract's <c>format: date-time</c> says). A moment without an offset is refused: a
/// record's time says whose clock it is on. The framework alone reads <c>01/04/2008</c> as 4 January (invariant
/// culture, month first), <c>1 April 2008</c> too, and a moment without an offset on the server's clock; here each is a
/// 400 validation problem keyed by the parameter's name, before the handler runs, so nothing is read or changed.
/// A <c>+</c> sent bare in a query string arrives as a space; that is refused too, and the message says to send <c>%2B</c>.
/// Bodies need none of this: System.Text.Json reads only ISO 8601 dates, and the request bodies hold no moments.
/// </summary>
public static partial class IsoDates
{
    public const string DateMessage = "A date is ISO 8601: yyyy-MM-dd, e.g. 2008-04-01.";
    public const string DateTimeMessage =
        "A moment is an ISO 8601 date-time with an offset or Z, e.g. 2024-04-01T09:30:00Z or 2024-04-01T10:30:00.5+01:00.";
    /// <summary>The longest moment read: <c>2024-04-01T10:30:00.123456789+01:00</c>, nanoseconds as Java writes them.</summary>
    public const int MaxDateTimeLength = 35;

    public const string UnencodedPlusMessage =
        DateTimeMessage + " The offset's + arrived as a space: in a query string, send + as %2B.";

    /// <summary>Checks every date and date-time parameter of every endpoint in <paramref name="group"/> (and its sub-groups).</summary>
    public static RouteGroupBuilder RequireIsoDates(this RouteGroupBuilder group) => group.AddEndpointFilterFactory(Filter);

    public static bool IsDate(string value) =>
        DateShape().IsMatch(value) && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    public static bool IsDateTime(string value) =>
        DateTimeShape().IsMatch(value) && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    /// <summary>Why <paramref name="value"/> is refused where a date (or, with <paramref name="dateTime"/>, a moment) is wanted.</summary>
    public static string MessageFor(bool dateTime, string value) =>
        !dateTime ? DateMessage : UnencodedPlus().IsMatch(value) ? UnencodedPlusMessage : DateTimeMessage;

    /// <summary>True for a date, false for a date-time, null for any other type (nullable and array types are read through).</summary>
    public static bool? IsDateTimeType(Type type)
    {
        type = type.IsArray ? type.GetElementType()! : type;
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(DateOnly) ? false
            : type == typeof(DateTimeOffset) || type == typeof(DateTime) ? true
            : null;
    }

    private enum Source { Implicit, Query, Route }

    private sealed record DateParameter(string Name, Source Source, bool DateTime);

    private static EndpointFilterDelegate Filter(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var parameters = context.MethodInfo.GetParameters().SelectMany(DateParametersOf).ToArray();
        if (parameters.Length == 0)
            return next; // no cost for an endpoint without dates
        return invocation =>
        {
            var http = invocation.HttpContext;
            var problems = new List<RuleViolation>();
            foreach (var parameter in parameters)
            {
                foreach (var value in RawValues(http, parameter))
                {
                    // empty is absent, as the framework reads it
                    if (!string.IsNullOrEmpty(value) && !(parameter.DateTime ? IsDateTime(value) : IsDate(value)))
                        problems.Add(new RuleViolation(parameter.Name, MessageFor(parameter.DateTime, value)));
                }
            }
            return problems.Count == 0 ? next(invocation) : ValueTask.FromResult<object?>(Problems.Validation(problems));
        };
    }

    private static IEnumerable<DateParameter> DateParametersOf(ParameterInfo parameter)
    {
        if (parameter.GetCustomAttribute<AsParametersAttribute>() is not null)
            return MembersOf(parameter.ParameterType);
        return DateParameterOf(parameter.Name, parameter.ParameterType, parameter.GetCustomAttributes()) is { } date ? [date] : [];
    }

    // [AsParameters]: the constructor's parameters (a positional record's), then settable properties not among them
    private static IEnumerable<DateParameter> MembersOf(Type type)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
        var fromConstructor = constructor?.GetParameters() ?? [];
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance);
        foreach (var parameter in fromConstructor)
        {
            var property = properties.FirstOrDefault(p => string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase));
            var attributes = parameter.GetCustomAttributes().Concat(property?.GetCustomAttributes() ?? []);
            if (DateParameterOf(parameter.Name, parameter.ParameterType, attributes) is { } date)
                yield return date;
        }
        foreach (var property in properties.Where(p => p.CanWrite
            && !fromConstructor.Any(c => string.Equals(c.Name, p.Name, StringComparison.OrdinalIgnoreCase))))
        {
            if (DateParameterOf(property.Name, property.PropertyType, property.GetCustomAttributes()) is { } date)
                yield return date;
        }
    }

    private static DateParameter? DateParameterOf(string? name, Type type, IEnumerable<Attribute> attributes)
    {
        if (name is null || IsDateTimeType(type) is not { } dateTime)
            return null;
        var list = attributes.ToList();
        if (list.OfType<IFromQueryMetadata>().FirstOrDefault() is { } query)
            return new DateParameter(query.Name ?? name, Source.Query, dateTime);
        if (list.OfType<IFromRouteMetadata>().FirstOrDefault() is { } route)
            return new DateParameter(route.Name ?? name, Source.Route, dateTime);
        // a header, body, form or service is not a query string or a route value: left to its own reader
        if (list.Any(a => a is IFromHeaderMetadata or IFromBodyMetadata or IFromFormMetadata or IFromServiceMetadata))
            return null;
        return new DateParameter(name, Source.Implicit, dateTime);
    }

    // where the framework reads it from: the route when its template names it, otherwise the query string
    private static IEnumerable<string?> RawValues(HttpContext http, DateParameter parameter)
    {
        var fromRoute = parameter.Source == Source.Route
            || (parameter.Source == Source.Implicit && (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.GetParameter(parameter.Name) is not null);
        return fromRoute ? [http.Request.RouteValues[parameter.Name]?.ToString()] : http.Request.Query[parameter.Name];
    }

    [GeneratedRegex(@"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\z")]
    private static partial Regex DateShape();

    [GeneratedRegex(@"\A[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})\z")]
    private static partial Regex DateTimeShape();

    // what "…T09:30:00+01:00" becomes when the + was not encoded as %2B
    [GeneratedRegex(@"\A[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})? [0-9]{2}:[0-9]{2}\z")]
    private static partial Regex UnencodedPlus();
}
