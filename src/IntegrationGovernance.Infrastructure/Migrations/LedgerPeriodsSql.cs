namespace IntegrationGovernance.Infrastructure.Migrations;

/// <summary>
/// The SQL of the LedgerPeriods migration.
/// <list type="bullet">
/// <item><c>ledger_periods</c> (a period closed by the fund's host, reopened by an admin) is a register record.</item>
/// <item><c>ledger_period_totals</c> is kept by the database: a statement-level trigger on <c>ledger_lines</c> adds the
/// lines each statement inserted (its transition table: for an import's <c>ON CONFLICT DO NOTHING</c>, only the lines
/// actually added) to the rows of their fund, year, period and category with one <c>INSERT … ON CONFLICT DO UPDATE</c>,
/// in key order, so concurrent bookings queue on the rows they share and none is lost. It runs as the schema's owner;
/// the API's role may only read the totals.</item>
/// <item>The same trigger refuses lines dated in a closed period, after taking a share lock on the fund's row, which a
/// close takes <c>FOR NO KEY UPDATE</c> first (see <c>LedgerPeriods</c>), so a close and a booking cannot race.</item>
/// <item>A line's <c>corrects</c> names a line of the same fund: a foreign key (fund_id, corrects) to its unique reference.</item>
/// </list>
/// Frozen with the migration: later changes belong in a new migration.
/// </summary>
internal static class LedgerPeriodsSql
{
    public const string Create = """
        CREATE TRIGGER ledger_periods_recorded AFTER INSERT OR UPDATE ON ledger_periods
            FOR EACH ROW EXECUTE FUNCTION register_record_change();
        GRANT SELECT, INSERT, UPDATE ON ledger_periods TO register_writer;

        ALTER TABLE ledger_lines ADD CONSTRAINT fk_ledger_lines_corrects
            FOREIGN KEY (fund_id, corrects) REFERENCES ledger_lines (fund_id, external_reference);

        CREATE FUNCTION public.ledger_lines_totalled() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $fn$
        DECLARE
            refused record;
        BEGIN
            IF NOT EXISTS (SELECT FROM added) THEN
                RETURN NULL;
            END IF;
            -- a close holds its fund's row FOR NO KEY UPDATE until it commits: wait for it, then look (afresh) for closed periods
            PERFORM FROM public.pooled_funds f WHERE f.id IN (SELECT a.fund_id FROM added a) ORDER BY f.id FOR SHARE OF f;
            SELECT a.external_reference, a.period, a.financial_year_start INTO refused
            FROM added a
            JOIN public.ledger_periods p ON p.fund_id = a.fund_id AND p.financial_year_start = a.financial_year_start AND p.period = a.period
            WHERE p.state = 'Closed'
            LIMIT 1;
            IF FOUND THEN
                RAISE EXCEPTION 'ledger line % is dated in P% of %-%, which is closed', refused.external_reference, refused.period,
                        refused.financial_year_start, lpad(((refused.financial_year_start + 1) % 100)::text, 2, '0')
                    USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_lines_open_period', TABLE = 'ledger_lines';
            END IF;
            INSERT INTO public.ledger_period_totals AS t (fund_id, financial_year_start, period, category, amount, line_count)
            SELECT a.fund_id, a.financial_year_start, a.period, a.category, sum(a.amount), count(*)
            FROM added a
            GROUP BY a.fund_id, a.financial_year_start, a.period, a.category
            ORDER BY a.fund_id, a.financial_year_start, a.period, a.category
            ON CONFLICT (fund_id, financial_year_start, period, category)
            DO UPDATE SET amount = t.amount + excluded.amount, line_count = t.line_count + excluded.line_count;
            RETURN NULL;
        END
        $fn$;

        CREATE TRIGGER ledger_lines_totalled AFTER INSERT ON ledger_lines
            REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION ledger_lines_totalled();

        -- the lines already booked, in the migration's own transaction
        INSERT INTO ledger_period_totals (fund_id, financial_year_start, period, category, amount, line_count)
        SELECT fund_id, financial_year_start, period, category, sum(amount), count(*)
        FROM ledger_lines
        GROUP BY fund_id, financial_year_start, period, category;

        REVOKE ALL ON ledger_period_totals FROM register_writer;
        GRANT SELECT ON ledger_period_totals TO register_writer;

        CREATE OR REPLACE FUNCTION record_parties(text, uuid) RETURNS uuid[] LANGUAGE sql STABLE AS $fn$
            SELECT CASE $1
                WHEN 'organisations' THEN ARRAY[$2]
                WHEN 'successions' THEN (SELECT predecessor_ids || successor_ids FROM successions WHERE id = $2)
                WHEN 'agreements' THEN (SELECT party_ids FROM agreements WHERE id = $2)
                WHEN 'pooled_funds' THEN (SELECT a.party_ids FROM pooled_funds f JOIN agreements a ON a.id = f.agreement_id WHERE f.id = $2)
                WHEN 'contributions' THEN (SELECT a.party_ids FROM contributions c JOIN pooled_funds f ON f.id = c.fund_id
                                           JOIN agreements a ON a.id = f.agreement_id WHERE c.id = $2)
                WHEN 'ledger_bookings' THEN (SELECT a.party_ids FROM ledger_bookings b JOIN pooled_funds f ON f.id = b.fund_id
                                             JOIN agreements a ON a.id = f.agreement_id WHERE b.id = $2)
                WHEN 'ledger_periods' THEN (SELECT a.party_ids FROM ledger_periods p JOIN pooled_funds f ON f.id = p.fund_id
                                            JOIN agreements a ON a.id = f.agreement_id WHERE p.id = $2)
                WHEN 'posts' THEN (SELECT ARRAY[organisation_id] FROM posts WHERE id = $2)
                WHEN 'accountability_lines' THEN (SELECT ARRAY[p.organisation_id, coalesce(t.organisation_id, l.to_body_id)]
                                                  FROM accountability_lines l JOIN posts p ON p.id = l.post_id
                                                  LEFT JOIN posts t ON t.id = l.to_post_id WHERE l.id = $2)
                WHEN 'secondments' THEN (SELECT ARRAY[employer_id, host_id] FROM secondments WHERE id = $2)
                ELSE ARRAY[]::uuid[]
            END
        $fn$;
        """;

    public const string Drop = """
        CREATE OR REPLACE FUNCTION record_parties(text, uuid) RETURNS uuid[] LANGUAGE sql STABLE AS $fn$
            SELECT CASE $1
                WHEN 'organisations' THEN ARRAY[$2]
                WHEN 'successions' THEN (SELECT predecessor_ids || successor_ids FROM successions WHERE id = $2)
                WHEN 'agreements' THEN (SELECT party_ids FROM agreements WHERE id = $2)
                WHEN 'pooled_funds' THEN (SELECT a.party_ids FROM pooled_funds f JOIN agreements a ON a.id = f.agreement_id WHERE f.id = $2)
                WHEN 'contributions' THEN (SELECT a.party_ids FROM contributions c JOIN pooled_funds f ON f.id = c.fund_id
                                           JOIN agreements a ON a.id = f.agreement_id WHERE c.id = $2)
                WHEN 'ledger_bookings' THEN (SELECT a.party_ids FROM ledger_bookings b JOIN pooled_funds f ON f.id = b.fund_id
                                             JOIN agreements a ON a.id = f.agreement_id WHERE b.id = $2)
                WHEN 'posts' THEN (SELECT ARRAY[organisation_id] FROM posts WHERE id = $2)
                WHEN 'accountability_lines' THEN (SELECT ARRAY[p.organisation_id, coalesce(t.organisation_id, l.to_body_id)]
                                                  FROM accountability_lines l JOIN posts p ON p.id = l.post_id
                                                  LEFT JOIN posts t ON t.id = l.to_post_id WHERE l.id = $2)
                WHEN 'secondments' THEN (SELECT ARRAY[employer_id, host_id] FROM secondments WHERE id = $2)
                ELSE ARRAY[]::uuid[]
            END
        $fn$;
        DROP TRIGGER IF EXISTS ledger_lines_totalled ON ledger_lines;
        DROP FUNCTION IF EXISTS public.ledger_lines_totalled();
        ALTER TABLE ledger_lines DROP CONSTRAINT IF EXISTS fk_ledger_lines_corrects;
        DROP TRIGGER IF EXISTS ledger_periods_recorded ON ledger_periods;
        """;
}
