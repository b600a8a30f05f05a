using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using NpgsqlTypes;

#nullable disable

namespace IntegrationGovernance.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class AgreementTerms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // lists EF kept as owned JSON may be NULL where empty; they are always a list now
            migrationBuilder.Sql("""
                UPDATE agreements SET parties = coalesce(parties, '[]'), approvals = coalesce(approvals, '[]'),
                       status_changes = coalesce(status_changes, '[]'), variations = coalesce(variations, '[]'),
                       documents = coalesce(documents, '[]')
                WHERE parties IS NULL OR approvals IS NULL OR status_changes IS NULL OR variations IS NULL OR documents IS NULL;
                """);
            migrationBuilder.AddColumn<string>(
                name: "transfers",
                table: "successions",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'[]'::jsonb");

            migrationBuilder.AddColumn<Guid>(
                name: "part_of_id",
                table: "organisations",
                type: "uuid",
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "variations",
                table: "agreements",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'[]'::jsonb",
                oldClrType: typeof(string),
                oldType: "jsonb",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "status_changes",
                table: "agreements",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'[]'::jsonb",
                oldClrType: typeof(string),
                oldType: "jsonb",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "parties",
                table: "agreements",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'[]'::jsonb",
                oldClrType: typeof(string),
                oldType: "jsonb",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "documents",
                table: "agreements",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'[]'::jsonb",
                oldClrType: typeof(string),
                oldType: "jsonb",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "approvals",
                table: "agreements",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'[]'::jsonb",
                oldClrType: typeof(string),
                oldType: "jsonb",
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "notices",
                table: "agreements",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'[]'::jsonb");

            migrationBuilder.AddColumn<string>(
                name: "terms",
                table: "agreements",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'[]'::jsonb");

            migrationBuilder.CreateTable(
                name: "agreement_terms",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    agreement_id = table.Column<Guid>(type: "uuid", nullable: false),
                    recorded_in = table.Column<int>(type: "integer", nullable: false),
                    superseded_in = table.Column<int>(type: "integer", nullable: true),
                    valid = table.Column<NpgsqlRange<DateOnly>>(type: "daterange", nullable: false),
                    reference = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    basis = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    party_ids = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    party_roles = table.Column<string[]>(type: "text[]", nullable: false),
                    host_id = table.Column<Guid>(type: "uuid", nullable: true),
                    services = table.Column<string[]>(type: "text[]", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: true),
                    review_on = table.Column<DateOnly>(type: "date", nullable: true),
                    notice_months = table.Column<int>(type: "integer", nullable: true),
                    variation_number = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agreement_terms", x => x.id);
                    table.ForeignKey(
                        name: "fk_agreement_terms_agreements_agreement_id",
                        column: x => x.agreement_id,
                        principalTable: "agreements",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_agreement_terms_agreement_id_recorded_in",
                table: "agreement_terms",
                columns: new[] { "agreement_id", "recorded_in" });

            migrationBuilder.CreateIndex(
                name: "ix_agreement_terms_ends_on",
                table: "agreement_terms",
                column: "ends_on",
                filter: "superseded_in IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_agreement_terms_party_ids",
                table: "agreement_terms",
                column: "party_ids",
                filter: "superseded_in IS NULL")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_agreement_terms_party_roles",
                table: "agreement_terms",
                column: "party_roles",
                filter: "superseded_in IS NULL")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_agreement_terms_reference",
                table: "agreement_terms",
                column: "reference",
                filter: "superseded_in IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_agreement_terms_review_on",
                table: "agreement_terms",
                column: "review_on",
                filter: "superseded_in IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_agreement_terms_valid",
                table: "agreement_terms",
                column: "valid",
                filter: "superseded_in IS NULL")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.Sql(AgreementTermsSql.Create);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(AgreementTermsSql.Drop);
            migrationBuilder.DropTable(
                name: "agreement_terms");

            migrationBuilder.DropColumn(
                name: "transfers",
                table: "successions");

            migrationBuilder.DropColumn(
                name: "part_of_id",
                table: "organisations");

            migrationBuilder.DropColumn(
                name: "notices",
                table: "agreements");

            migrationBuilder.DropColumn(
                name: "terms",
                table: "agreements");

            migrationBuilder.AlterColumn<string>(
                name: "variations",
                table: "agreements",
                type: "jsonb",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "jsonb");

            migrationBuilder.AlterColumn<string>(
                name: "status_changes",
                table: "agreements",
                type: "jsonb",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "jsonb");

            migrationBuilder.AlterColumn<string>(
                name: "parties",
                table: "agreements",
                type: "jsonb",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "jsonb");

            migrationBuilder.AlterColumn<string>(
                name: "documents",
                table: "agreements",
                type: "jsonb",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "jsonb");

            migrationBuilder.AlterColumn<string>(
                name: "approvals",
                table: "agreements",
                type: "jsonb",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "jsonb");
        }
    }
}
