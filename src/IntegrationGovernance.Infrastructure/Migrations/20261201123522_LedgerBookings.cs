using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationGovernance.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class LedgerBookings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "booking_id",
                table: "ledger_lines",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ledger_bookings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    fund_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_bookings", x => x.id);
                    table.ForeignKey(
                        name: "fk_ledger_bookings_pooled_funds_fund_id",
                        column: x => x.fund_id,
                        principalTable: "pooled_funds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_ledger_lines_booking_id",
                table: "ledger_lines",
                column: "booking_id");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_bookings_fund_id",
                table: "ledger_bookings",
                column: "fund_id");

            migrationBuilder.AddForeignKey(
                name: "fk_ledger_lines_ledger_bookings_booking_id",
                table: "ledger_lines",
                column: "booking_id",
                principalTable: "ledger_bookings",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            // a booking is a register record: its revision says when its lines became visible (asOf reads of the
            // ledger and of summaries), and it is audited; lines booked before this migration have none and are
            // read as visible from the time they were recorded
            migrationBuilder.Sql("""
                CREATE TRIGGER ledger_bookings_recorded AFTER INSERT OR UPDATE ON ledger_bookings
                    FOR EACH ROW EXECUTE FUNCTION register_record_change();
                GRANT SELECT, INSERT ON ledger_bookings TO register_writer;

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS ledger_bookings_recorded ON ledger_bookings;
                CREATE OR REPLACE FUNCTION record_parties(text, uuid) RETURNS uuid[] LANGUAGE sql STABLE AS $fn$
                    SELECT CASE $1
                        WHEN 'organisations' THEN ARRAY[$2]
                        WHEN 'successions' THEN (SELECT predecessor_ids || successor_ids FROM successions WHERE id = $2)
                        WHEN 'agreements' THEN (SELECT party_ids FROM agreements WHERE id = $2)
                        WHEN 'pooled_funds' THEN (SELECT a.party_ids FROM pooled_funds f JOIN agreements a ON a.id = f.agreement_id WHERE f.id = $2)
                        WHEN 'contributions' THEN (SELECT a.party_ids FROM contributions c JOIN pooled_funds f ON f.id = c.fund_id
                                                   JOIN agreements a ON a.id = f.agreement_id WHERE c.id = $2)
                        WHEN 'posts' THEN (SELECT ARRAY[organisation_id] FROM posts WHERE id = $2)
                        WHEN 'accountability_lines' THEN (SELECT ARRAY[p.organisation_id, coalesce(t.organisation_id, l.to_body_id)]
                                                          FROM accountability_lines l JOIN posts p ON p.id = l.post_id
                                                          LEFT JOIN posts t ON t.id = l.to_post_id WHERE l.id = $2)
                        WHEN 'secondments' THEN (SELECT ARRAY[employer_id, host_id] FROM secondments WHERE id = $2)
                        ELSE ARRAY[]::uuid[]
                    END
                $fn$;
                """);
            migrationBuilder.DropForeignKey(
                name: "fk_ledger_lines_ledger_bookings_booking_id",
                table: "ledger_lines");

            migrationBuilder.DropTable(
                name: "ledger_bookings");

            migrationBuilder.DropIndex(
                name: "ix_ledger_lines_booking_id",
                table: "ledger_lines");

            migrationBuilder.DropColumn(
                name: "booking_id",
                table: "ledger_lines");
        }
    }
}
