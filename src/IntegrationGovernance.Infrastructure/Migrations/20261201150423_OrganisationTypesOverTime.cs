using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationGovernance.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class OrganisationTypesOverTime : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "earlier_types",
                table: "organisations",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'[]'::jsonb");

            // every revision already kept says the organisation had no earlier types, so a record rebuilt from its past
            // (history, asOf) has the list like a current one
            migrationBuilder.Sql("""
                ALTER TABLE revisions DISABLE TRIGGER revisions_fixed;
                UPDATE revisions SET data = data || '{"earlier_types": []}'::jsonb
                    WHERE resource = 'organisations' AND NOT data ? 'earlier_types';
                ALTER TABLE revisions ENABLE TRIGGER revisions_fixed;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "earlier_types",
                table: "organisations");
        }
    }
}
