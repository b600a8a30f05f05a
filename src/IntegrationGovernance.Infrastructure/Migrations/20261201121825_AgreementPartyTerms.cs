using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using NpgsqlTypes;

#nullable disable

namespace IntegrationGovernance.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class AgreementPartyTerms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_agreement_terms_party_roles",
                table: "agreement_terms");

            migrationBuilder.CreateTable(
                name: "agreement_party_terms",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    role = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    agreement_id = table.Column<Guid>(type: "uuid", nullable: false),
                    recorded_in = table.Column<int>(type: "integer", nullable: false),
                    superseded_in = table.Column<int>(type: "integer", nullable: true),
                    valid = table.Column<NpgsqlRange<DateOnly>>(type: "daterange", nullable: false),
                    reference = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agreement_party_terms", x => x.id);
                    table.ForeignKey(
                        name: "fk_agreement_party_terms_agreements_agreement_id",
                        column: x => x.agreement_id,
                        principalTable: "agreements",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_agreement_party_terms_agreement_id_recorded_in",
                table: "agreement_party_terms",
                columns: new[] { "agreement_id", "recorded_in" });

            migrationBuilder.CreateIndex(
                name: "ix_agreement_party_terms_organisation_reference",
                table: "agreement_party_terms",
                columns: new[] { "organisation_id", "reference" },
                filter: "superseded_in IS NULL")
                .Annotation("Npgsql:IndexInclude", new[] { "valid", "active", "role", "agreement_id" });

            migrationBuilder.Sql(AgreementPartyTermsSql.Create);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(AgreementPartyTermsSql.Drop);

            migrationBuilder.DropTable(
                name: "agreement_party_terms");

            migrationBuilder.CreateIndex(
                name: "ix_agreement_terms_party_roles",
                table: "agreement_terms",
                column: "party_roles",
                filter: "superseded_in IS NULL")
                .Annotation("Npgsql:IndexMethod", "gin");
        }
    }
}
