using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationGovernance.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class FundBudgets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "forecast_outturns",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    fund_id = table.Column<Guid>(type: "uuid", nullable: false),
                    financial_year_start = table.Column<int>(type: "integer", nullable: false),
                    period = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    lines = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_forecast_outturns", x => x.id);
                    table.CheckConstraint("ck_forecast_outturns_period", "period BETWEEN 1 AND 12");
                    table.ForeignKey(
                        name: "fk_forecast_outturns_pooled_funds_fund_id",
                        column: x => x.fund_id,
                        principalTable: "pooled_funds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "fund_budgets",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    fund_id = table.Column<Guid>(type: "uuid", nullable: false),
                    financial_year_start = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    lines = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fund_budgets", x => x.id);
                    table.ForeignKey(
                        name: "fk_fund_budgets_pooled_funds_fund_id",
                        column: x => x.fund_id,
                        principalTable: "pooled_funds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ux_forecast_outturns_period",
                table: "forecast_outturns",
                columns: new[] { "fund_id", "financial_year_start", "period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_fund_budgets_year",
                table: "fund_budgets",
                columns: new[] { "fund_id", "financial_year_start" },
                unique: true);

            migrationBuilder.Sql(FundBudgetsSql.Create);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(FundBudgetsSql.Drop);

            migrationBuilder.DropTable(
                name: "forecast_outturns");

            migrationBuilder.DropTable(
                name: "fund_budgets");
        }
    }
}
