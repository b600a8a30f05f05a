using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationGovernance.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class InitialOrganisations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "organisations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ods_code = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: true),
                    gss_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: true),
                    operational_from = table.Column<DateOnly>(type: "date", nullable: true),
                    operational_to = table.Column<DateOnly>(type: "date", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_organisations", x => x.id);
                    table.CheckConstraint("ck_organisations_operational_dates", "operational_to IS NULL OR operational_from IS NULL OR operational_to >= operational_from");
                });

            migrationBuilder.CreateTable(
                name: "successions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    effective_on = table.Column<DateOnly>(type: "date", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_successions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "succession_parties",
                columns: table => new
                {
                    succession_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    side = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_succession_parties", x => new { x.succession_id, x.organisation_id });
                    table.ForeignKey(
                        name: "fk_succession_parties_organisations_organisation_id",
                        column: x => x.organisation_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_succession_parties_successions_succession_id",
                        column: x => x.succession_id,
                        principalTable: "successions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_organisations_name_id",
                table: "organisations",
                columns: new[] { "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ux_organisations_gss_code",
                table: "organisations",
                column: "gss_code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_organisations_ods_code",
                table: "organisations",
                column: "ods_code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_succession_parties_organisation_id_side",
                table: "succession_parties",
                columns: new[] { "organisation_id", "side" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "succession_parties");

            migrationBuilder.DropTable(
                name: "organisations");

            migrationBuilder.DropTable(
                name: "successions");
        }
    }
}
