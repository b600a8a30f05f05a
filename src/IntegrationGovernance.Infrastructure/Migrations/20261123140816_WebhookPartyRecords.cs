using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationGovernance.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class WebhookPartyRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "only_party_records",
                table: "webhook_subscriptions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // the organisations a record (of any resource) concerns, as it stands now: who may be told of its changes
            migrationBuilder.Sql("""
                CREATE FUNCTION record_parties(text, uuid) RETURNS uuid[] LANGUAGE sql STABLE AS $fn$
                    SELECT CASE $1
                        WHEN 'organisations' THEN ARRAY[$2]
                        WHEN 'successions' THEN (SELECT predecessor_ids || successor_ids FROM successions WHERE id = $2)
                        WHEN 'agreements' THEN (SELECT party_ids FROM agreements WHERE id = $2)
                        WHEN 'pooled_funds' THEN (SELECT a.party_ids FROM pooled_funds f JOIN agreements a ON a.id = f.agreement_id WHERE f.id = $2)
                        WHEN 'contributions' THEN (SELECT a.party_ids FROM contributions c JOIN pooled_funds f ON f.id = c.fund_id
                                                   JOIN agreements a ON a.id = f.agreement_id WHERE c.id = $2)
                        WHEN 'posts' THEN (SELECT ARRAY[organisation_id] FROM posts WHERE id = $2)
                        WHEN 'accountability_lines' THEN (SELECT ARRAY[p.organisation_id, coalesce(t.organisation_id, l.to_body_id)]
                                                          FROM accountability_lines l JOIN posts p ON p.id = l.post_id
                                                          LEFT JOIN posts t ON t.id = l.to_post_id WHERE l.id = $2)
                        WHEN 'secondments' THEN (SELECT ARRAY[employer_id, host_id] FROM secondments WHERE id = $2)
                        ELSE ARRAY[]::uuid[]
                    END
                $fn$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS record_parties(text, uuid);");
            migrationBuilder.DropColumn(
                name: "only_party_records",
                table: "webhook_subscriptions");
        }
    }
}
