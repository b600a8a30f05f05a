using System.Reflection;
using IntegrationGovernance.Domain.Common;
using Microsoft.AspNetCore.Http.Metadata;

namespace IntegrationGovernance.Api.Http;

/// <summary>
/// A fixed set in a query string or route is named, as in bodies and in the contract (<c>?type=NhsTrust</c>): the framework
/// alone also reads a number (<c>?type=3</c>, or <c>?type=999</c>, no member at all) as the enum it stands for. Here a value that
/// is not one of the names is a 400 validation problem keyed by the parameter, listing the names, before the handler runs.
/// </summary>
public static class QueryEnums
{
    /// <summary>Checks every enum parameter, and every enum property of an <c>[AsParameters]</c> record, of every endpoint in <paramref name="group"/>.</summary>
    public static RouteGroupBuilder RequireNamedEnums(this RouteGroupBuilder group) => group.AddEndpointFilterFactory(Filter);

    private sealed record EnumParameter(string Name, Type Type);

    private static EndpointFilterDelegate Filter(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var parameters = context.MethodInfo.GetParameters().SelectMany(ParametersOf).ToArray();
        if (parameters.Length == 0)
            return next;
        return invocation =>
        {
            var http = invocation.HttpContext;
            var problems = new List<RuleViolation>();
            foreach (var parameter in parameters)
            {
                var values = http.Request.RouteValues.TryGetValue(parameter.Name, out var routed) ? [routed?.ToString()] : http.Request.Query[parameter.Name].ToArray();
                foreach (var value in values)
                {
                    if (!string.IsNullOrEmpty(value) && !IsName(parameter.Type, value))
                        problems.Add(new RuleViolation(parameter.Name, $"'{value}' is not one of: {string.Join(", ", Enum.GetNames(parameter.Type))}."));
                }
            }
            return problems.Count == 0 ? next(invocation) : ValueTask.FromResult<object?>(Problems.Validation(problems));
        };
    }

    // a name as the framework reads it (Enum.TryParse, any case), and not a number
    private static bool IsName(Type type, string value)
    {
        var trimmed = value.Trim();
        return trimmed.Length > 0 && !char.IsAsciiDigit(trimmed[0]) && trimmed[0] is not ('-' or '+')
            && Enum.TryParse(type, trimmed, ignoreCase: true, out var parsed) && Enum.IsDefined(type, parsed!);
    }

    private static IEnumerable<EnumParameter> ParametersOf(ParameterInfo parameter)
    {
        if (parameter.GetCustomAttribute<AsParametersAttribute>() is not null)
            return parameter.ParameterType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanWrite)
                .Select(p => Of(p.Name, p.PropertyType, p.GetCustomAttributes()))
                .OfType<EnumParameter>();
        return Of(parameter.Name, parameter.ParameterType, parameter.GetCustomAttributes()) is { } one ? [one] : [];
    }

    private static EnumParameter? Of(string? name, Type type, IEnumerable<Attribute> attributes)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (name is null || !underlying.IsEnum)
            return null;
        var list = attributes.ToList();
        if (list.Any(a => a is IFromHeaderMetadata or IFromBodyMetadata or IFromFormMetadata or IFromServiceMetadata))
            return null;
        var named = list.OfType<IFromQueryMetadata>().FirstOrDefault()?.Name ?? list.OfType<IFromRouteMetadata>().FirstOrDefault()?.Name;
        return new EnumParameter(named ?? name, underlying);
    }
}
