using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationGovernance.Infrastructure.Migrations
{
    /// <summary>
    /// A change takes its feed position and commit time as its own transaction commits (a deferred trigger), instead of
    /// in a second transaction the API ran after it: one commit per write, and no committed change ever waits for one.
    /// </summary>
    public partial class FeedPositionsAtCommit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(FeedPositionsAtCommitSql.Up);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(FeedPositionsAtCommitSql.Down);
    }
}
