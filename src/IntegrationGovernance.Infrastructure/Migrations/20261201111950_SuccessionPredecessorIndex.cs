using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationGovernance.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class SuccessionPredecessorIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_successions_predecessor_ids",
                table: "successions",
                column: "predecessor_ids")
                .Annotation("Npgsql:IndexMethod", "gin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_successions_predecessor_ids",
                table: "successions");
        }
    }
}
