using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationGovernance.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class RevisionsOfAgreementsByReference : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // the agreements as they stood at a moment, in reference order (RecordHistory.StoodAt reads the reference from the
            // revision's data): a page asOf is walked along this index instead of every agreement's history being rebuilt
            migrationBuilder.Sql("CREATE INDEX ix_revisions_agreements_reference ON revisions ((data ->> 'reference')) WHERE resource = 'agreements';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_revisions_agreements_reference;");
        }
    }
}
