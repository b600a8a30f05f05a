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
    private static readonly Dictionary<string, (string Code, string Field, string Message)> Known = new()
    {
        ["ux_organisations_ods_code"] = ("duplicate-ods-code", "$.odsCode", "Another organisation already has this ODS code; ODS codes are never reused."),
        ["ux_organisations_gss_code"] = ("duplicate-gss-code", "$.gssCode", "Another organisation already has this GSS code."),
        ["ux_ledger_lines_reference"] = ("duplicate-ledger-reference", "$.externalReference", "The fund's ledger already holds a line with this external reference."),
        ["ux_agreements_reference"] = ("duplicate-reference", "$.reference", "Another agreement already has this reference; references are never reused."),
        ["ux_transfer_payments_corrects"] = ("payment-already-corrected", "$.corrects", "This payment has been corrected already: correct the payment that replaced it."),
        ["ux_aligned_budget_reports_revision"] = ("aligned-budget-reported-meanwhile", "$",
            "Another report of this partner's aligned budget for the year was recorded at the same moment: read it, then send yours again with its ETag in If-Match."),
    };

    public static RegisterRuleException? Translate(DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: { } name }
        && Known.TryGetValue(name, out var rule)
            ? new RegisterRuleException(rule.Code, rule.Message, rule.Field, RuleKind.Conflict)
            : null;
}
