using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationGovernance.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class SuccessionSidesOnRow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<Guid>>(
                name: "predecessor_ids",
                table: "successions",
                type: "uuid[]",
                nullable: false,
                defaultValueSql: "'{}'::uuid[]");

            migrationBuilder.AddColumn<List<Guid>>(
                name: "successor_ids",
                table: "successions",
                type: "uuid[]",
                nullable: false,
                defaultValueSql: "'{}'::uuid[]");

            // existing successions take their sides from succession_parties; the trigger records the change
            migrationBuilder.Sql("""
                SELECT set_config('register.actor_subject', 'system:migration', true);
                SELECT set_config('register.action', 'SuccessionSidesOnRow', true);
                UPDATE successions s SET
                    predecessor_ids = ARRAY(SELECT organisation_id FROM succession_parties p WHERE p.succession_id = s.id AND p.side = 'Predecessor'),
                    successor_ids = ARRAY(SELECT organisation_id FROM succession_parties p WHERE p.succession_id = s.id AND p.side = 'Successor');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "predecessor_ids",
                table: "successions");

            migrationBuilder.DropColumn(
                name: "successor_ids",
                table: "successions");
        }
    }
}
