using System.ComponentModel.DataAnnotations;

namespace IntegrationGovernance.Api.Http;

/// <summary>A fixed set of strings the register uses (change kinds, resources...), named once and used wherever it is.</summary>
public interface IValueSet
{
    static abstract IReadOnlyList<string> All { get; }

    /// <summary>The set's name in the contract (<c>components/schemas</c>), so every client has one type for it.</summary>
    static abstract string SchemaName { get; }
}

/// <summary>
/// The string (or each string of a list) is one of a fixed set: checked with the other bounds before the handler when on a
/// request, and declared in the contract as an <c>enum</c> (on a list, the items') by OpenApi/ContractBoundsSchemaFilter.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public abstract class OneOfAttribute : ValidationAttribute
{
    public abstract IReadOnlyList<string> Values { get; }

    public abstract string SchemaName { get; }

    public override string FormatErrorMessage(string name) => $"{name} (each of its entries, for a list) is one of: {string.Join(", ", Values)}.";

    public override bool IsValid(object? value) => value switch
    {
        null => true,
        string one => Values.Contains(one),
        IEnumerable<string?> many => many.All(e => e is null || Values.Contains(e)),
        _ => false,
    };
}

/// <inheritdoc />
public sealed class OneOfAttribute<TSet> : OneOfAttribute where TSet : IValueSet
{
    public override IReadOnlyList<string> Values => TSet.All;

    public override string SchemaName => TSet.SchemaName;
}
