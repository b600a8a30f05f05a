using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationGovernance.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class TransferPaymentsAndAlignedBudgets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "aligned_budget_reports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    agreement_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    financial_year_start = table.Column<int>(type: "integer", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    budget = table.Column<decimal>(type: "numeric(19,2)", precision: 19, scale: 2, nullable: false),
                    spend = table.Column<decimal>(type: "numeric(19,2)", precision: 19, scale: 2, nullable: false),
                    categories = table.Column<string>(type: "jsonb", nullable: false),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aligned_budget_reports", x => x.id);
                    table.CheckConstraint("ck_aligned_budget_reports_amounts", "budget >= 0 AND spend >= 0");
                    table.CheckConstraint("ck_aligned_budget_reports_revision", "revision >= 1");
                    table.ForeignKey(
                        name: "fk_aligned_budget_reports_agreements_agreement_id",
                        column: x => x.agreement_id,
                        principalTable: "agreements",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_aligned_budget_reports_organisations_organisation_id",
                        column: x => x.organisation_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "transfer_payments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    agreement_id = table.Column<Guid>(type: "uuid", nullable: false),
                    financial_year_start = table.Column<int>(type: "integer", nullable: false),
                    payer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    payee_id = table.Column<Guid>(type: "uuid", nullable: false),
                    basis = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(19,2)", precision: 19, scale: 2, nullable: false),
                    purpose = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    conditions = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    corrects_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_transfer_payments", x => x.id);
                    table.CheckConstraint("ck_transfer_payments_amount", "amount >= 0");
                    table.CheckConstraint("ck_transfer_payments_basis", "basis IN ('Section256NhsAct2006', 'Section76NhsAct2006')");
                    table.CheckConstraint("ck_transfer_payments_sides", "payer_id <> payee_id");
                    table.ForeignKey(
                        name: "fk_transfer_payments_agreements_agreement_id",
                        column: x => x.agreement_id,
                        principalTable: "agreements",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_transfer_payments_organisations_payee_id",
                        column: x => x.payee_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_transfer_payments_organisations_payer_id",
                        column: x => x.payer_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_transfer_payments_transfer_payments_corrects_id",
                        column: x => x.corrects_id,
                        principalTable: "transfer_payments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_aligned_budget_reports_financial_year_start",
                table: "aligned_budget_reports",
                column: "financial_year_start");

            migrationBuilder.CreateIndex(
                name: "ix_aligned_budget_reports_organisation_id",
                table: "aligned_budget_reports",
                column: "organisation_id");

            migrationBuilder.CreateIndex(
                name: "ux_aligned_budget_reports_revision",
                table: "aligned_budget_reports",
                columns: new[] { "agreement_id", "financial_year_start", "organisation_id", "revision" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_transfer_payments_agreement_id_financial_year_start",
                table: "transfer_payments",
                columns: new[] { "agreement_id", "financial_year_start" });

            migrationBuilder.CreateIndex(
                name: "ix_transfer_payments_financial_year_start",
                table: "transfer_payments",
                column: "financial_year_start");

            migrationBuilder.CreateIndex(
                name: "ix_transfer_payments_payee_id",
                table: "transfer_payments",
                column: "payee_id");

            migrationBuilder.CreateIndex(
                name: "ix_transfer_payments_payer_id",
                table: "transfer_payments",
                column: "payer_id");

            migrationBuilder.CreateIndex(
                name: "ux_transfer_payments_corrects",
                table: "transfer_payments",
                column: "corrects_id",
                unique: true,
                filter: "corrects_id IS NOT NULL");
            // payments and aligned budget reports are register records: audited, with revisions (history, asOf reads) and in the
            // change feed; written once each (a correction or a new report is a new row), so the writer may only read and insert;
            // their parties are their agreement's
            migrationBuilder.Sql("""
                CREATE TRIGGER transfer_payments_recorded AFTER INSERT OR UPDATE ON transfer_payments
                    FOR EACH ROW EXECUTE FUNCTION register_record_change();
                CREATE TRIGGER aligned_budget_reports_recorded AFTER INSERT OR UPDATE ON aligned_budget_reports
                    FOR EACH ROW EXECUTE FUNCTION register_record_change();
                GRANT SELECT, INSERT ON transfer_payments, aligned_budget_reports TO register_writer;

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

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS transfer_payments_recorded ON transfer_payments;
                DROP TRIGGER IF EXISTS aligned_budget_reports_recorded ON aligned_budget_reports;
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
                """);

            migrationBuilder.DropTable(
                name: "aligned_budget_reports");

            migrationBuilder.DropTable(
                name: "transfer_payments");
        }
    }
}
