using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationGovernance.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class LedgerBookingTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "amount_total",
                table: "ledger_bookings",
                type: "numeric(28,2)",
                precision: 28,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<int>(
                name: "line_count",
                table: "ledger_bookings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // what each booking added, derived from its lines, for bookings made before it was kept: nobody changed
            // them, so the backfill leaves no revision (the trigger would refuse it anyway, with no one to name)
            migrationBuilder.Sql("""
                ALTER TABLE ledger_bookings DISABLE TRIGGER ledger_bookings_recorded;
                UPDATE ledger_bookings AS b SET line_count = s.lines, amount_total = s.total
                FROM (SELECT booking_id, count(*)::int AS lines, sum(amount) AS total
                      FROM ledger_lines WHERE booking_id IS NOT NULL GROUP BY booking_id) AS s
                WHERE s.booking_id = b.id;
                ALTER TABLE ledger_bookings ENABLE TRIGGER ledger_bookings_recorded;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "amount_total",
                table: "ledger_bookings");

            migrationBuilder.DropColumn(
                name: "line_count",
                table: "ledger_bookings");
        }
    }
}
