using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace IntegrationGovernance.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class WebhookSecretsAtRest : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // the plain secrets stay in place under the new name; LegacyWebhookSecrets protects them when the API starts,
            // and until then they still sign (WebhookSecrets.Reveal)
            migrationBuilder.RenameColumn(
                name: "secret",
                table: "webhook_subscriptions",
                newName: "protected_secret");

            migrationBuilder.AlterColumn<string>(
                name: "protected_secret",
                table: "webhook_subscriptions",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100);

            migrationBuilder.AddColumn<bool>(
                name: "body_protected",
                table: "idempotency_keys",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    friendly_name = table.Column<string>(type: "text", nullable: true),
                    xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_protection_keys", x => x.id);
                });

            // the API adds keys to the ring and reads it; it never changes or removes one
            migrationBuilder.Sql("GRANT SELECT, INSERT ON data_protection_keys TO register_writer;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "data_protection_keys");

            // an encrypted body read as plain would replay as noise: those keys are forgotten (their retries run afresh)
            migrationBuilder.Sql("DELETE FROM idempotency_keys WHERE body_protected;");
            migrationBuilder.DropColumn(
                name: "body_protected",
                table: "idempotency_keys");

            // a protected secret cannot go back into a column of 100 characters: rolling back means new secrets for all
            migrationBuilder.Sql("UPDATE webhook_subscriptions SET protected_secret = left(protected_secret, 100);");
            migrationBuilder.AlterColumn<string>(
                name: "protected_secret",
                table: "webhook_subscriptions",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(1000)",
                oldMaxLength: 1000);

            migrationBuilder.RenameColumn(
                name: "protected_secret",
                table: "webhook_subscriptions",
                newName: "secret");
        }
    }
}
