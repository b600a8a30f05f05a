using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace IntegrationGovernance.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class PooledFunds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "pooled_funds",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    agreement_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    host_organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    manager = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    risk_shares = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pooled_funds", x => x.id);
                    table.CheckConstraint("ck_pooled_funds_dates", "ends_on IS NULL OR ends_on >= starts_on");
                    table.ForeignKey(
                        name: "fk_pooled_funds_agreements_agreement_id",
                        column: x => x.agreement_id,
                        principalTable: "agreements",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_pooled_funds_organisations_host_organisation_id",
                        column: x => x.host_organisation_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "contributions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    fund_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    financial_year_start = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    form = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(19,2)", precision: 19, scale: 2, nullable: false),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contributions", x => x.id);
                    table.CheckConstraint("ck_contributions_amount", "amount >= 0");
                    table.ForeignKey(
                        name: "fk_contributions_organisations_organisation_id",
                        column: x => x.organisation_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_contributions_pooled_funds_fund_id",
                        column: x => x.fund_id,
                        principalTable: "pooled_funds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ledger_lines",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    fund_id = table.Column<Guid>(type: "uuid", nullable: false),
                    booked_on = table.Column<DateOnly>(type: "date", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(19,2)", precision: 19, scale: 2, nullable: false),
                    category = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    external_reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    financial_year_start = table.Column<int>(type: "integer", nullable: false),
                    period = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_lines", x => x.id);
                    table.CheckConstraint("ck_ledger_lines_period", "period BETWEEN 1 AND 12");
                    table.ForeignKey(
                        name: "fk_ledger_lines_pooled_funds_fund_id",
                        column: x => x.fund_id,
                        principalTable: "pooled_funds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_contributions_fund_id_financial_year_start",
                table: "contributions",
                columns: new[] { "fund_id", "financial_year_start" });

            migrationBuilder.CreateIndex(
                name: "ix_contributions_organisation_id_financial_year_start",
                table: "contributions",
                columns: new[] { "organisation_id", "financial_year_start" });

            migrationBuilder.CreateIndex(
                name: "ix_ledger_lines_fund_id_financial_year_start_period",
                table: "ledger_lines",
                columns: new[] { "fund_id", "financial_year_start", "period" })
                .Annotation("Npgsql:IndexInclude", new[] { "amount" });

            migrationBuilder.CreateIndex(
                name: "ux_ledger_lines_reference",
                table: "ledger_lines",
                columns: new[] { "fund_id", "external_reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_pooled_funds_agreement_id",
                table: "pooled_funds",
                column: "agreement_id");

            migrationBuilder.CreateIndex(
                name: "ix_pooled_funds_host_organisation_id",
                table: "pooled_funds",
                column: "host_organisation_id");

            // funds and contributions are register records (history, audit, change feed); ledger lines are
            // transactions booked in bulk, audited per import
            migrationBuilder.Sql("""
                CREATE TRIGGER pooled_funds_recorded AFTER INSERT OR UPDATE ON pooled_funds
                    FOR EACH ROW EXECUTE FUNCTION register_record_change();
                CREATE TRIGGER contributions_recorded AFTER INSERT OR UPDATE ON contributions
                    FOR EACH ROW EXECUTE FUNCTION register_record_change();
                GRANT SELECT, INSERT, UPDATE ON pooled_funds, contributions TO register_writer;
                GRANT SELECT, INSERT ON ledger_lines TO register_writer;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS pooled_funds_recorded ON pooled_funds; DROP TRIGGER IF EXISTS contributions_recorded ON contributions;");
            migrationBuilder.DropTable(
                name: "contributions");

            migrationBuilder.DropTable(
                name: "ledger_lines");

            migrationBuilder.DropTable(
                name: "pooled_funds");
        }
    }
}
