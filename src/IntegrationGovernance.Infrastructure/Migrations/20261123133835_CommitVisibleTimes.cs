using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationGovernance.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class CommitVisibleTimes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "committed_at",
                table: "revisions",
                type: "timestamp with time zone",
                nullable: true);

            // the feed's positioning step now also stamps when a change became visible; nothing else may change
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION revisions_are_history() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    IF TG_OP = 'UPDATE' THEN
                        IF OLD.position IS NULL AND NEW.position IS NOT NULL AND NEW.committed_at IS NOT NULL
                           AND to_jsonb(NEW) - 'position' - 'committed_at' = to_jsonb(OLD) - 'position' - 'committed_at' THEN
                            RETURN NEW;
                        END IF;
                    END IF;
                    RAISE EXCEPTION 'revisions are history and cannot be changed: % refused', TG_OP
                        USING ERRCODE = 'insufficient_privilege';
                END
                $fn$;
                GRANT UPDATE (committed_at) ON revisions TO register_writer;

                -- changes positioned before this migration: the best known time is when they were recorded
                ALTER TABLE revisions DISABLE TRIGGER revisions_fixed;
                UPDATE revisions SET committed_at = recorded_at WHERE position IS NOT NULL;
                ALTER TABLE revisions ENABLE TRIGGER revisions_fixed;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "committed_at",
                table: "revisions");
        }
    }
}
