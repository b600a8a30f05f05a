namespace IntegrationGovernance.Domain.Common;

/// <summary>One broken rule: the field it concerns (a JSON path such as <c>$.odsCode</c>) and why.</summary>
public sealed record RuleViolation(string Field, string Message);
