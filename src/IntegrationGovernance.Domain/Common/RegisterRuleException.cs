namespace IntegrationGovernance.Domain.Common;

/// <summary>
/// A change the register refuses because of the state it is in (not because the request is malformed):
/// a duplicate identifier, a cycle, dates out of order with other records. <see cref="Code"/> is stable and
/// becomes the problem type the client sees.
/// </summary>
public sealed class RegisterRuleException(string code, string message, string? field = null, RuleKind kind = RuleKind.Unprocessable)
    : Exception(message)
{
    public string Code { get; } = code;

    /// <summary>The JSON path of the field at fault, when one field is.</summary>
    public string? Field { get; } = field;

    public RuleKind Kind { get; } = kind;
}

/// <summary>Conflict: the record clashes with another (HTTP 409). Unprocessable: the change breaks a rule of the register (HTTP 422).</summary>
public enum RuleKind
{
    Conflict,
    Unprocessable,
}
