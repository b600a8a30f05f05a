using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationGovernance.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class LedgerPeriods : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "corrects",
                table: "ledger_lines",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ledger_period_totals",
                columns: table => new
                {
                    fund_id = table.Column<Guid>(type: "uuid", nullable: false),
                    financial_year_start = table.Column<int>(type: "integer", nullable: false),
                    period = table.Column<int>(type: "integer", nullable: false),
                    category = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(28,2)", precision: 28, scale: 2, nullable: false),
                    line_count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_period_totals", x => new { x.fund_id, x.financial_year_start, x.period, x.category });
                    table.CheckConstraint("ck_ledger_period_totals_period", "period BETWEEN 1 AND 12");
                    table.ForeignKey(
                        name: "fk_ledger_period_totals_pooled_funds_fund_id",
                        column: x => x.fund_id,
                        principalTable: "pooled_funds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ledger_periods",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    fund_id = table.Column<Guid>(type: "uuid", nullable: false),
                    financial_year_start = table.Column<int>(type: "integer", nullable: false),
                    period = table.Column<int>(type: "integer", nullable: false),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    closed_by_organisation_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reopened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reopened_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    reopen_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_periods", x => x.id);
                    table.CheckConstraint("ck_ledger_periods_closed", "state <> 'Closed' OR closed_at IS NOT NULL");
                    table.CheckConstraint("ck_ledger_periods_period", "period BETWEEN 1 AND 12");
                    table.ForeignKey(
                        name: "fk_ledger_periods_organisations_closed_by_organisation_id",
                        column: x => x.closed_by_organisation_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_ledger_periods_pooled_funds_fund_id",
                        column: x => x.fund_id,
                        principalTable: "pooled_funds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_ledger_periods_closed_by_organisation_id",
                table: "ledger_periods",
                column: "closed_by_organisation_id");

            migrationBuilder.CreateIndex(
                name: "ux_ledger_periods_period",
                table: "ledger_periods",
                columns: new[] { "fund_id", "financial_year_start", "period" },
                unique: true);

            // the period record's trigger and grants, the totals' trigger (which also refuses lines in a closed period),
            // their backfill, the corrects foreign key and record_parties' case: see LedgerPeriodsSql
            migrationBuilder.Sql(LedgerPeriodsSql.Create);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(LedgerPeriodsSql.Drop);

            migrationBuilder.DropTable(
                name: "ledger_period_totals");

            migrationBuilder.DropTable(
                name: "ledger_periods");

            migrationBuilder.DropColumn(
                name: "corrects",
                table: "ledger_lines");
        }
    }
}
