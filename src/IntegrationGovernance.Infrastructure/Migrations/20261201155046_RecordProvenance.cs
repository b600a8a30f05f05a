using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationGovernance.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class RecordProvenance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "record_provenance",
                columns: table => new
                {
                    resource = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    record_id = table.Column<Guid>(type: "uuid", nullable: false),
                    paper = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    paper_title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    paragraphs = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    illustrative = table.Column<List<string>>(type: "text[]", nullable: false),
                    note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_record_provenance", x => new { x.resource, x.record_id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_record_provenance_paper_resource_record_id",
                table: "record_provenance",
                columns: new[] { "paper", "resource", "record_id" });

            // not a register record (no history, no feed): a note the demo loader writes once beside the records it
            // adds, in their transaction, and never changes; so the API's role reads and adds, nothing more
            migrationBuilder.Sql("GRANT SELECT, INSERT ON record_provenance TO register_writer;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "record_provenance");
        }
    }
}
