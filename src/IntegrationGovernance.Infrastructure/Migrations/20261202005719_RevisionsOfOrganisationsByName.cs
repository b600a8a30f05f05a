using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationGovernance.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class RevisionsOfOrganisationsByName : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // the organisations as they stood at a moment, in the list's order (name, then id): a page asOf is walked along this
            // index, as ix_revisions_agreements_reference walks the agreements
            migrationBuilder.Sql("CREATE INDEX ix_revisions_organisations_name ON revisions ((data ->> 'name'), record_id) WHERE resource = 'organisations';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_revisions_organisations_name;");
        }
    }
}
