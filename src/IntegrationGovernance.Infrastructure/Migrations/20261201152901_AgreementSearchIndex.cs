using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationGovernance.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class AgreementSearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // array_to_string is only STABLE in general, but on text[] it depends on nothing but its input, so the
            // function may be IMMUTABLE and indexed; AgreementSearchDocument calls it with the columns in this order
            migrationBuilder.Sql("""
                CREATE FUNCTION agreement_search_document(reference text, title text, purpose text, services text[])
                    RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
                    SELECT setweight(to_tsvector('english'::regconfig, coalesce(reference, '')), 'A')
                        || setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')
                        || setweight(to_tsvector('english'::regconfig, coalesce(array_to_string(services, ' '), '')), 'B')
                        || setweight(to_tsvector('english'::regconfig, coalesce(purpose, '')), 'C')
                    $fn$;
                CREATE INDEX ix_agreements_search ON agreements USING gin (agreement_search_document(reference, title, purpose, services));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_agreements_search; DROP FUNCTION agreement_search_document(text, text, text, text[]);");
        }
    }
}
