using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationGovernance.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class People : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "posts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    team = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    holder_reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_posts", x => x.id);
                    table.CheckConstraint("ck_posts_dates", "ends_on IS NULL OR ends_on >= starts_on");
                    table.ForeignKey(
                        name: "fk_posts_organisations_organisation_id",
                        column: x => x.organisation_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "accountability_lines",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    post_id = table.Column<Guid>(type: "uuid", nullable: false),
                    to_post_id = table.Column<Guid>(type: "uuid", nullable: true),
                    to_body_id = table.Column<Guid>(type: "uuid", nullable: true),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: true),
                    basis_agreement_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accountability_lines", x => x.id);
                    table.CheckConstraint("ck_accountability_lines_dates", "ends_on IS NULL OR ends_on >= starts_on");
                    table.CheckConstraint("ck_accountability_lines_target", "(to_post_id IS NULL) <> (to_body_id IS NULL)");
                    table.ForeignKey(
                        name: "fk_accountability_lines_agreements_basis_agreement_id",
                        column: x => x.basis_agreement_id,
                        principalTable: "agreements",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_accountability_lines_organisations_to_body_id",
                        column: x => x.to_body_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_accountability_lines_posts_post_id",
                        column: x => x.post_id,
                        principalTable: "posts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_accountability_lines_posts_to_post_id",
                        column: x => x.to_post_id,
                        principalTable: "posts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "secondments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    holder_reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    employer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    host_id = table.Column<Guid>(type: "uuid", nullable: false),
                    agreement_id = table.Column<Guid>(type: "uuid", nullable: false),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: true),
                    fte = table.Column<decimal>(type: "numeric(3,2)", precision: 3, scale: 2, nullable: false),
                    terms_and_conditions_kept_by = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    professional_supervision_kept_by = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    host_post_id = table.Column<Guid>(type: "uuid", nullable: true),
                    recharge_per_year = table.Column<decimal>(type: "numeric(19,2)", precision: 19, scale: 2, nullable: true),
                    recharge_percent = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_secondments", x => x.id);
                    table.CheckConstraint("ck_secondments_dates", "ends_on IS NULL OR ends_on >= starts_on");
                    table.ForeignKey(
                        name: "fk_secondments_agreements_agreement_id",
                        column: x => x.agreement_id,
                        principalTable: "agreements",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_secondments_organisations_employer_id",
                        column: x => x.employer_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_secondments_organisations_host_id",
                        column: x => x.host_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_secondments_posts_host_post_id",
                        column: x => x.host_post_id,
                        principalTable: "posts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_accountability_lines_basis_agreement_id",
                table: "accountability_lines",
                column: "basis_agreement_id");

            migrationBuilder.CreateIndex(
                name: "ix_accountability_lines_post_id_kind",
                table: "accountability_lines",
                columns: new[] { "post_id", "kind" });

            migrationBuilder.CreateIndex(
                name: "ix_accountability_lines_to_body_id",
                table: "accountability_lines",
                column: "to_body_id");

            migrationBuilder.CreateIndex(
                name: "ix_accountability_lines_to_post_id_kind",
                table: "accountability_lines",
                columns: new[] { "to_post_id", "kind" });

            migrationBuilder.CreateIndex(
                name: "ix_posts_organisation_id",
                table: "posts",
                column: "organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_secondments_agreement_id",
                table: "secondments",
                column: "agreement_id");

            migrationBuilder.CreateIndex(
                name: "ix_secondments_employer_id",
                table: "secondments",
                column: "employer_id");

            migrationBuilder.CreateIndex(
                name: "ix_secondments_host_id",
                table: "secondments",
                column: "host_id");

            migrationBuilder.CreateIndex(
                name: "ix_secondments_host_post_id",
                table: "secondments",
                column: "host_post_id");

            migrationBuilder.Sql("""
                CREATE TRIGGER posts_recorded AFTER INSERT OR UPDATE ON posts
                    FOR EACH ROW EXECUTE FUNCTION register_record_change();
                CREATE TRIGGER accountability_lines_recorded AFTER INSERT OR UPDATE ON accountability_lines
                    FOR EACH ROW EXECUTE FUNCTION register_record_change();
                CREATE TRIGGER secondments_recorded AFTER INSERT OR UPDATE ON secondments
                    FOR EACH ROW EXECUTE FUNCTION register_record_change();
                GRANT SELECT, INSERT, UPDATE ON posts, accountability_lines, secondments TO register_writer;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS posts_recorded ON posts; DROP TRIGGER IF EXISTS accountability_lines_recorded ON accountability_lines; DROP TRIGGER IF EXISTS secondments_recorded ON secondments;");
            migrationBuilder.DropTable(
                name: "accountability_lines");

            migrationBuilder.DropTable(
                name: "secondments");

            migrationBuilder.DropTable(
                name: "posts");
        }
    }
}
