using System.ComponentModel.DataAnnotations;

namespace IntegrationGovernance.Api.Http;

/// <summary>
/// Each string of a list is at most <see cref="Length"/> characters: checked with the other bounds before the handler,
/// and declared in the contract as the items' <c>maxLength</c> (see OpenApi/EachMaxLengthSchemaFilter).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class EachMaxLengthAttribute(int length) : ValidationAttribute($"Each entry of {{0}} is at most {length} characters.")
{
    public int Length { get; } = length;

    public override bool IsValid(object? value) => value is not IEnumerable<string?> entries || entries.All(e => e is null || e.Length <= Length);
}
