namespace IntegrationGovernance.Infrastructure.Migrations;

/// <summary>
/// The SQL of the FundBudgets migration: budgets and forecast outturns are register records (a replaced budget or a
/// resubmitted forecast is an update of its row, kept as a revision by the recording trigger), and their parties are
/// the parties of the fund's agreement. Frozen with the migration: later changes belong in a new migration.
/// </summary>
internal static class FundBudgetsSql
{
    public const string Create = """
        CREATE TRIGGER fund_budgets_recorded AFTER INSERT OR UPDATE ON fund_budgets
            FOR EACH ROW EXECUTE FUNCTION register_record_change();
        CREATE TRIGGER forecast_outturns_recorded AFTER INSERT OR UPDATE ON forecast_outturns
            FOR EACH ROW EXECUTE FUNCTION register_record_change();
        GRANT SELECT, INSERT, UPDATE ON fund_budgets, forecast_outturns TO register_writer;

        CREATE OR REPLACE FUNCTION record_parties(text, uuid) RETURNS uuid[] LANGUAGE sql STABLE AS $fn$
            SELECT CASE $1
                WHEN 'organisations' THEN ARRAY[$2]
                WHEN 'successions' THEN (SELECT predecessor_ids || successor_ids FROM successions WHERE id = $2)
                WHEN 'agreements' THEN (SELECT party_ids FROM agreements WHERE id = $2)
                WHEN 'pooled_funds' THEN (SELECT a.party_ids FROM pooled_funds f JOIN agreements a ON a.id = f.agreement_id WHERE f.id = $2)
                WHEN 'contributions' THEN (SELECT a.party_ids FROM contributions c JOIN pooled_funds f ON f.id = c.fund_id
                                           JOIN agreements a ON a.id = f.agreement_id WHERE c.id = $2)
                WHEN 'ledger_bookings' THEN (SELECT a.party_ids FROM ledger_bookings b JOIN pooled_funds f ON f.id = b.fund_id
                                             JOIN agreements a ON a.id = f.agreement_id WHERE b.id = $2)
                WHEN 'fund_budgets' THEN (SELECT a.party_ids FROM fund_budgets b JOIN pooled_funds f ON f.id = b.fund_id
                                          JOIN agreements a ON a.id = f.agreement_id WHERE b.id = $2)
                WHEN 'forecast_outturns' THEN (SELECT a.party_ids FROM forecast_outturns o JOIN pooled_funds f ON f.id = o.fund_id
                                               JOIN agreements a ON a.id = f.agreement_id WHERE o.id = $2)
                WHEN 'posts' THEN (SELECT ARRAY[organisation_id] FROM posts WHERE id = $2)
                WHEN 'accountability_lines' THEN (SELECT ARRAY[p.organisation_id, coalesce(t.organisation_id, l.to_body_id)]
                                                  FROM accountability_lines l JOIN posts p ON p.id = l.post_id
                                                  LEFT JOIN posts t ON t.id = l.to_post_id WHERE l.id = $2)
                WHEN 'secondments' THEN (SELECT ARRAY[employer_id, host_id] FROM secondments WHERE id = $2)
                ELSE ARRAY[]::uuid[]
            END
        $fn$;
        """;

    /// <summary>record_parties() as the LedgerBookings migration left it; the tables and their triggers go with the migration's Down.</summary>
    public const string Drop = """
        CREATE OR REPLACE FUNCTION record_parties(text, uuid) RETURNS uuid[] LANGUAGE sql STABLE AS $fn$
            SELECT CASE $1
                WHEN 'organisations' THEN ARRAY[$2]
                WHEN 'successions' THEN (SELECT predecessor_ids || successor_ids FROM successions WHERE id = $2)
                WHEN 'agreements' THEN (SELECT party_ids FROM agreements WHERE id = $2)
                WHEN 'pooled_funds' THEN (SELECT a.party_ids FROM pooled_funds f JOIN agreements a ON a.id = f.agreement_id WHERE f.id = $2)
                WHEN 'contributions' THEN (SELECT a.party_ids FROM contributions c JOIN pooled_funds f ON f.id = c.fund_id
                                           JOIN agreements a ON a.id = f.agreement_id WHERE c.id = $2)
                WHEN 'ledger_bookings' THEN (SELECT a.party_ids FROM ledger_bookings b JOIN pooled_funds f ON f.id = b.fund_id
                                             JOIN agreements a ON a.id = f.agreement_id WHERE b.id = $2)
                WHEN 'posts' THEN (SELECT ARRAY[organisation_id] FROM posts WHERE id = $2)
                WHEN 'accountability_lines' THEN (SELECT ARRAY[p.organisation_id, coalesce(t.organisation_id, l.to_body_id)]
                                                  FROM accountability_lines l JOIN posts p ON p.id = l.post_id
                                                  LEFT JOIN posts t ON t.id = l.to_post_id WHERE l.id = $2)
                WHEN 'secondments' THEN (SELECT ARRAY[employer_id, host_id] FROM secondments WHERE id = $2)
                ELSE ARRAY[]::uuid[]
            END
        $fn$;
        """;
}
