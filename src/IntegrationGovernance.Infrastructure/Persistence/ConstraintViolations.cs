using IntegrationGovernance.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IntegrationGovernance.Infrastructure.Persistence;

/// <summary>
/// Turns a database constraint violation into the register rule it enforces. The database is the last word
/// on uniqueness (two requests can race past any check made in code), so these are expected, not faults.
/// </summary>
public static class ConstraintViolations
{
    /// <summary>
    /// The name the <c>ledger_lines_totalled</c> trigger gives its refusal of a line dated in a closed period (a check
    /// violation raised by the database, so a booking racing a close is refused even when it passed the check in code).
    /// </summary>
    public const string OpenPeriod = "ledger_lines_open_period";

    private static readonly Dictionary<string, (string Code, string Field, string Message, RuleKind Kind)> Known = new()
    {
        ["ux_organisations_ods_code"] = ("duplicate-ods-code", "$.odsCode", "Another organisation already has this ODS code; ODS codes are never reused.", RuleKind.Conflict),
        ["ux_organisations_gss_code"] = ("duplicate-gss-code", "$.gssCode", "Another organisation already has this GSS code.", RuleKind.Conflict),
        ["ux_ledger_lines_reference"] = ("duplicate-ledger-reference", "$.externalReference", "The fund's ledger already holds a line with this external reference.", RuleKind.Conflict),
        ["ux_agreements_reference"] = ("duplicate-reference", "$.reference", "Another agreement already has this reference; references are never reused.", RuleKind.Conflict),
        ["ux_ledger_periods_period"] = ("period-already-closed", "period", "The period was closed by another request at the same time.", RuleKind.Conflict),
        [OpenPeriod] = ("period-closed", "$.date", "The line's period was closed while it was being booked, so it takes no new lines. Book it in an open period.", RuleKind.Conflict),
        ["fk_ledger_lines_corrects"] = ("corrected-line-not-found", "$.corrects", "The fund's ledger holds no line with this external reference: a correction names a line of the same fund.", RuleKind.Unprocessable),
        ["ux_transfer_payments_corrects"] = ("payment-already-corrected", "$.corrects", "This payment has been corrected already: correct the payment that replaced it.", RuleKind.Conflict),
        ["ux_aligned_budget_reports_revision"] = ("aligned-budget-reported-meanwhile", "$",
            "Another report of this partner's aligned budget for the year was recorded at the same moment: read it, then send yours again with its ETag in If-Match.", RuleKind.Conflict),
    };

    private static readonly HashSet<string> Enforcing =
        [PostgresErrorCodes.UniqueViolation, PostgresErrorCodes.CheckViolation, PostgresErrorCodes.ForeignKeyViolation];

    public static RegisterRuleException? Translate(DbUpdateException exception) =>
        exception.InnerException is PostgresException postgres ? Translate(postgres) : null;

    /// <summary>The rule a constraint the database enforced stands for, when it is one of the register's.</summary>
    public static RegisterRuleException? Translate(PostgresException exception) =>
        Enforcing.Contains(exception.SqlState) && exception.ConstraintName is { } name && Known.TryGetValue(name, out var rule)
            ? new RegisterRuleException(rule.Code, rule.Message, rule.Field, rule.Kind)
            : null;
}
