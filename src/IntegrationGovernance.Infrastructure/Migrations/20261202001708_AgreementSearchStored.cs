using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using NpgsqlTypes;

#nullable disable

namespace IntegrationGovernance.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class AgreementSearchStored : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "agreement_search",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    agreement_id = table.Column<Guid>(type: "uuid", nullable: false),
                    recorded_in = table.Column<int>(type: "integer", nullable: false),
                    superseded_in = table.Column<int>(type: "integer", nullable: true),
                    reference = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    document = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agreement_search", x => x.id);
                    table.ForeignKey(
                        name: "fk_agreement_search_agreements_agreement_id",
                        column: x => x.agreement_id,
                        principalTable: "agreements",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            // the trigger and the rows from the revisions already held, before the indexes are built over them
            migrationBuilder.Sql(AgreementSearchStoredSql.Create);

            migrationBuilder.CreateIndex(
                name: "ix_agreement_search_agreement_id_recorded_in",
                table: "agreement_search",
                columns: new[] { "agreement_id", "recorded_in" });

            migrationBuilder.CreateIndex(
                name: "ix_agreement_search_document",
                table: "agreement_search",
                column: "document")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.Sql("ANALYZE agreement_search;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(AgreementSearchStoredSql.Drop);

            migrationBuilder.DropTable(
                name: "agreement_search");
        }
    }
}
