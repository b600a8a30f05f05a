using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationGovernance.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class PeopleHoldersJointPostsBoardLines : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_accountability_lines_to_body_id",
                table: "accountability_lines");

            migrationBuilder.AlterColumn<Guid>(
                name: "post_id",
                table: "accountability_lines",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AddColumn<Guid>(
                name: "from_body_id",
                table: "accountability_lines",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "joint_arrangements",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    post_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    basis_agreement_id = table.Column<Guid>(type: "uuid", nullable: false),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_joint_arrangements", x => x.id);
                    table.CheckConstraint("ck_joint_arrangements_dates", "ends_on IS NULL OR ends_on >= starts_on");
                    table.ForeignKey(
                        name: "fk_joint_arrangements_agreements_basis_agreement_id",
                        column: x => x.basis_agreement_id,
                        principalTable: "agreements",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_joint_arrangements_organisations_organisation_id",
                        column: x => x.organisation_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_joint_arrangements_posts_post_id",
                        column: x => x.post_id,
                        principalTable: "posts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "post_holdings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    post_id = table.Column<Guid>(type: "uuid", nullable: false),
                    holder_reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: true),
                    returns_to_post_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_post_holdings", x => x.id);
                    table.CheckConstraint("ck_post_holdings_dates", "ends_on IS NULL OR ends_on >= starts_on");
                    table.CheckConstraint("ck_post_holdings_returns_to", "returns_to_post_id IS NULL OR (kind = 'Acting' AND returns_to_post_id <> post_id)");
                    table.ForeignKey(
                        name: "fk_post_holdings_posts_post_id",
                        column: x => x.post_id,
                        principalTable: "posts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_post_holdings_posts_returns_to_post_id",
                        column: x => x.returns_to_post_id,
                        principalTable: "posts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_accountability_lines_from_body_id_kind",
                table: "accountability_lines",
                columns: new[] { "from_body_id", "kind" });

            migrationBuilder.CreateIndex(
                name: "ix_accountability_lines_to_body_id_kind",
                table: "accountability_lines",
                columns: new[] { "to_body_id", "kind" });

            migrationBuilder.AddCheckConstraint(
                name: "ck_accountability_lines_source",
                table: "accountability_lines",
                sql: "(post_id IS NULL) <> (from_body_id IS NULL)");

            migrationBuilder.CreateIndex(
                name: "ix_joint_arrangements_basis_agreement_id",
                table: "joint_arrangements",
                column: "basis_agreement_id");

            migrationBuilder.CreateIndex(
                name: "ix_joint_arrangements_organisation_id_starts_on",
                table: "joint_arrangements",
                columns: new[] { "organisation_id", "starts_on" });

            migrationBuilder.CreateIndex(
                name: "ix_joint_arrangements_post_id",
                table: "joint_arrangements",
                column: "post_id");

            migrationBuilder.CreateIndex(
                name: "ix_post_holdings_post_id_starts_on",
                table: "post_holdings",
                columns: new[] { "post_id", "starts_on" });

            migrationBuilder.CreateIndex(
                name: "ix_post_holdings_returns_to_post_id",
                table: "post_holdings",
                column: "returns_to_post_id");

            migrationBuilder.AddForeignKey(
                name: "fk_accountability_lines_organisations_from_body_id",
                table: "accountability_lines",
                column: "from_body_id",
                principalTable: "organisations",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            // holdings and joint arrangements are register records; each post's holder moves into a holding, then off the post
            migrationBuilder.Sql(PeopleHoldersSql.Record);
            migrationBuilder.Sql(PeopleHoldersSql.MoveHolders);
            migrationBuilder.DropColumn(
                name: "holder_reference",
                table: "posts");
            migrationBuilder.Sql(PeopleHoldersSql.Parties);
            migrationBuilder.Sql(PeopleHoldersSql.OneMoment);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(PeopleHoldersSql.PartiesBefore);
            migrationBuilder.Sql(PeopleHoldersSql.OneMomentBefore);
            migrationBuilder.AddColumn<string>(
                name: "holder_reference",
                table: "posts",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);
            migrationBuilder.Sql(PeopleHoldersSql.RestoreHolders);
            // lines from boards have no place in the older schema (their revisions stay in the history)
            migrationBuilder.Sql("DELETE FROM accountability_lines WHERE post_id IS NULL;");

            migrationBuilder.DropForeignKey(
                name: "fk_accountability_lines_organisations_from_body_id",
                table: "accountability_lines");

            migrationBuilder.DropTable(
                name: "joint_arrangements");

            migrationBuilder.DropTable(
                name: "post_holdings");

            migrationBuilder.DropIndex(
                name: "ix_accountability_lines_from_body_id_kind",
                table: "accountability_lines");

            migrationBuilder.DropIndex(
                name: "ix_accountability_lines_to_body_id_kind",
                table: "accountability_lines");

            migrationBuilder.DropCheckConstraint(
                name: "ck_accountability_lines_source",
                table: "accountability_lines");

            migrationBuilder.DropColumn(
                name: "from_body_id",
                table: "accountability_lines");

            migrationBuilder.AlterColumn<Guid>(
                name: "post_id",
                table: "accountability_lines",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_accountability_lines_to_body_id",
                table: "accountability_lines",
                column: "to_body_id");
        }
    }
}
