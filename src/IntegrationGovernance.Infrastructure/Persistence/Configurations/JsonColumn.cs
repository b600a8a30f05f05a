using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationGovernance.Infrastructure.Persistence.Configurations;

/// <summary>
/// A list of domain records kept whole in one jsonb column of its owner's row, so each revision of the row holds
/// it as it stood. Property names as in C#, enums by name, dates in ISO 8601: the shape the agreement history has
/// always had, which the SQL that expands agreement periods reads too.
/// </summary>
internal static class JsonColumn
{
    public static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static PropertyBuilder<List<T>> AsJsonColumn<T>(this PropertyBuilder<List<T>> property)
    {
        var comparer = new ValueComparer<List<T>>(
            (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
            list => JsonSerializer.Serialize(list, Options).GetHashCode(StringComparison.Ordinal),
            list => JsonSerializer.Deserialize<List<T>>(JsonSerializer.Serialize(list, Options), Options)!);
        return property
            .HasConversion(
                list => JsonSerializer.Serialize(list, Options),
                json => JsonSerializer.Deserialize<List<T>>(json, Options) ?? new List<T>(),
                comparer)
            .HasColumnType("jsonb")
            .UsePropertyAccessMode(PropertyAccessMode.Property)
            .IsRequired();
    }
}
