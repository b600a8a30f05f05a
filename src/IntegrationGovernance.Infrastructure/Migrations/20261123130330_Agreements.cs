using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationGovernance.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Agreements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "agreements",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    reference = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    purpose = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    basis = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    flexibilities = table.Column<string[]>(type: "text[]", nullable: false),
                    services = table.Column<List<string>>(type: "text[]", nullable: false),
                    client_groups = table.Column<List<string>>(type: "text[]", nullable: false),
                    party_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    signed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    commences_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: true),
                    notice_months = table.Column<int>(type: "integer", nullable: true),
                    review_on = table.Column<DateOnly>(type: "date", nullable: true),
                    latest_ends_on = table.Column<DateOnly>(type: "date", nullable: true),
                    latest_review_on = table.Column<DateOnly>(type: "date", nullable: true),
                    parent_id = table.Column<Guid>(type: "uuid", nullable: true),
                    illustrative = table.Column<bool>(type: "boolean", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    approvals = table.Column<string>(type: "jsonb", nullable: true),
                    documents = table.Column<string>(type: "jsonb", nullable: true),
                    parties = table.Column<string>(type: "jsonb", nullable: true),
                    status_changes = table.Column<string>(type: "jsonb", nullable: true),
                    variations = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agreements", x => x.id);
                    table.CheckConstraint("ck_agreements_review", "review_on IS NULL OR review_on >= commences_on");
                    table.CheckConstraint("ck_agreements_term", "ends_on IS NULL OR ends_on >= commences_on");
                    table.ForeignKey(
                        name: "fk_agreements_agreements_parent_id",
                        column: x => x.parent_id,
                        principalTable: "agreements",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_agreements_commences_on_ends_on",
                table: "agreements",
                columns: new[] { "commences_on", "ends_on" });

            migrationBuilder.CreateIndex(
                name: "ix_agreements_parent_id",
                table: "agreements",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_agreements_party_ids",
                table: "agreements",
                column: "party_ids")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ux_agreements_reference",
                table: "agreements",
                column: "reference",
                unique: true);

            // recorded like every register table; the API's role may read and write it
            migrationBuilder.Sql("""
                CREATE TRIGGER agreements_recorded AFTER INSERT OR UPDATE ON agreements
                    FOR EACH ROW EXECUTE FUNCTION register_record_change();
                GRANT SELECT, INSERT, UPDATE ON agreements TO register_writer;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS agreements_recorded ON agreements;");
            migrationBuilder.DropTable(
                name: "agreements");
        }
    }
}
