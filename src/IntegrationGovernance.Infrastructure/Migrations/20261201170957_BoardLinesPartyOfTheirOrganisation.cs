using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationGovernance.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class BoardLinesPartyOfTheirOrganisation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // a line to a board that is part of an organisation (a CCG's committee) is that organisation's record too,
            // as its basis agreement names the organisation, not the board
            migrationBuilder.Sql("""
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
                        WHEN 'ledger_periods' THEN (SELECT a.party_ids FROM ledger_periods p JOIN pooled_funds f ON f.id = p.fund_id
                                                    JOIN agreements a ON a.id = f.agreement_id WHERE p.id = $2)
                        WHEN 'fund_budgets' THEN (SELECT a.party_ids FROM fund_budgets b JOIN pooled_funds f ON f.id = b.fund_id
                                                  JOIN agreements a ON a.id = f.agreement_id WHERE b.id = $2)
                        WHEN 'forecast_outturns' THEN (SELECT a.party_ids FROM forecast_outturns o JOIN pooled_funds f ON f.id = o.fund_id
                                                       JOIN agreements a ON a.id = f.agreement_id WHERE o.id = $2)
                        WHEN 'transfer_payments' THEN (SELECT a.party_ids FROM transfer_payments t JOIN agreements a ON a.id = t.agreement_id WHERE t.id = $2)
                        WHEN 'aligned_budget_reports' THEN (SELECT a.party_ids FROM aligned_budget_reports r JOIN agreements a ON a.id = r.agreement_id WHERE r.id = $2)
                        WHEN 'posts' THEN (SELECT ARRAY[organisation_id] FROM posts WHERE id = $2)
                        WHEN 'accountability_lines' THEN (SELECT ARRAY[p.organisation_id, coalesce(t.organisation_id, b.part_of_id, l.to_body_id)]
                                                          FROM accountability_lines l JOIN posts p ON p.id = l.post_id
                                                          LEFT JOIN posts t ON t.id = l.to_post_id
                                                          LEFT JOIN organisations b ON b.id = l.to_body_id WHERE l.id = $2)
                        WHEN 'secondments' THEN (SELECT ARRAY[employer_id, host_id] FROM secondments WHERE id = $2)
                        ELSE ARRAY[]::uuid[]
                    END
                $fn$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
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
                        WHEN 'ledger_periods' THEN (SELECT a.party_ids FROM ledger_periods p JOIN pooled_funds f ON f.id = p.fund_id
                                                    JOIN agreements a ON a.id = f.agreement_id WHERE p.id = $2)
                        WHEN 'fund_budgets' THEN (SELECT a.party_ids FROM fund_budgets b JOIN pooled_funds f ON f.id = b.fund_id
                                                  JOIN agreements a ON a.id = f.agreement_id WHERE b.id = $2)
                        WHEN 'forecast_outturns' THEN (SELECT a.party_ids FROM forecast_outturns o JOIN pooled_funds f ON f.id = o.fund_id
                                                       JOIN agreements a ON a.id = f.agreement_id WHERE o.id = $2)
                        WHEN 'transfer_payments' THEN (SELECT a.party_ids FROM transfer_payments t JOIN agreements a ON a.id = t.agreement_id WHERE t.id = $2)
                        WHEN 'aligned_budget_reports' THEN (SELECT a.party_ids FROM aligned_budget_reports r JOIN agreements a ON a.id = r.agreement_id WHERE r.id = $2)
                        WHEN 'posts' THEN (SELECT ARRAY[organisation_id] FROM posts WHERE id = $2)
                        WHEN 'accountability_lines' THEN (SELECT ARRAY[p.organisation_id, coalesce(t.organisation_id, l.to_body_id)]
                                                          FROM accountability_lines l JOIN posts p ON p.id = l.post_id
                                                          LEFT JOIN posts t ON t.id = l.to_post_id WHERE l.id = $2)
                        WHEN 'secondments' THEN (SELECT ARRAY[employer_id, host_id] FROM secondments WHERE id = $2)
                        ELSE ARRAY[]::uuid[]
                    END
                $fn$;
                """);
        }
    }
}
