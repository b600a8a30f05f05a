namespace IntegrationGovernance.Infrastructure.Migrations;

/// <summary>
/// The SQL of the PeopleHoldersJointPostsBoardLines migration (issue 16 items 2-4): post holdings and joint arrangements as
/// register records, each post's holder moved into a substantive holding from the post's first day, record_parties() with
/// their parties (a joint post's, and its holdings', are every organisation it is held for; a board's line's, the
/// organisation its board is part of, else the board), and one visible moment for all the changes positioned together.
/// Frozen with the migration: later changes belong in a new migration.
/// </summary>
internal static class PeopleHoldersSql
{
    public const string Record = """
        CREATE TRIGGER post_holdings_recorded AFTER INSERT OR UPDATE ON post_holdings
            FOR EACH ROW EXECUTE FUNCTION register_record_change();
        CREATE TRIGGER joint_arrangements_recorded AFTER INSERT OR UPDATE ON joint_arrangements
            FOR EACH ROW EXECUTE FUNCTION register_record_change();
        GRANT SELECT, INSERT, UPDATE ON post_holdings, joint_arrangements TO register_writer;
        """;

    // every post's holder becomes its substantive holder for its whole period, recorded (with history) as the migration's
    public const string MoveHolders = """
        SELECT set_config('register.actor_subject', 'system:migration', true),
               set_config('register.action', 'PeopleHoldersJointPostsBoardLines', true),
               set_config('register.change_kind', 'created', true);
        INSERT INTO post_holdings (id, post_id, holder_reference, kind, starts_on, ends_on, returns_to_post_id, created_at, updated_at)
        SELECT gen_random_uuid(), p.id, btrim(p.holder_reference), 'Substantive', p.starts_on, p.ends_on, NULL, now(), now()
        FROM posts p
        WHERE p.holder_reference IS NOT NULL AND btrim(p.holder_reference) <> '';
        """;

    // the way back: each post's latest substantive holder on the post again (holdings are dropped with their table)
    public const string RestoreHolders = """
        SELECT set_config('register.actor_subject', 'system:migration', true),
               set_config('register.action', 'PeopleHoldersJointPostsBoardLines (down)', true);
        UPDATE posts p SET holder_reference = h.holder_reference
        FROM (SELECT DISTINCT ON (post_id) post_id, holder_reference FROM post_holdings WHERE kind = 'Substantive'
              ORDER BY post_id, starts_on DESC) h
        WHERE h.post_id = p.id;
        """;

    public const string Parties = """
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
                WHEN 'fund_budgets' THEN (SELECT a.party_ids FROM fund_budgets b JOIN pooled_funds f ON f.id = b.fund_id
                                          JOIN agreements a ON a.id = f.agreement_id WHERE b.id = $2)
                WHEN 'forecast_outturns' THEN (SELECT a.party_ids FROM forecast_outturns o JOIN pooled_funds f ON f.id = o.fund_id
                                               JOIN agreements a ON a.id = f.agreement_id WHERE o.id = $2)
                WHEN 'transfer_payments' THEN (SELECT a.party_ids FROM transfer_payments t JOIN agreements a ON a.id = t.agreement_id WHERE t.id = $2)
                WHEN 'aligned_budget_reports' THEN (SELECT a.party_ids FROM aligned_budget_reports r JOIN agreements a ON a.id = r.agreement_id WHERE r.id = $2)
                WHEN 'posts' THEN (SELECT ARRAY[p.organisation_id] || coalesce((SELECT array_agg(DISTINCT j.organisation_id) FROM joint_arrangements j
                                                                               WHERE j.post_id = p.id), '{}'::uuid[])
                                   FROM posts p WHERE p.id = $2)
                WHEN 'accountability_lines' THEN (SELECT ARRAY[coalesce(p.organisation_id, f.part_of_id, l.from_body_id),
                                                               coalesce(t.organisation_id, b.part_of_id, l.to_body_id)]
                                                  FROM accountability_lines l LEFT JOIN posts p ON p.id = l.post_id
                                                  LEFT JOIN organisations f ON f.id = l.from_body_id
                                                  LEFT JOIN posts t ON t.id = l.to_post_id
                                                  LEFT JOIN organisations b ON b.id = l.to_body_id WHERE l.id = $2)
                WHEN 'post_holdings' THEN (SELECT ARRAY[p.organisation_id] || coalesce((SELECT array_agg(DISTINCT j.organisation_id) FROM joint_arrangements j
                                                                                       WHERE j.post_id = p.id), '{}'::uuid[])
                                           FROM post_holdings h JOIN posts p ON p.id = h.post_id WHERE h.id = $2)
                WHEN 'joint_arrangements' THEN (SELECT ARRAY[p.organisation_id, j.organisation_id]
                                                FROM joint_arrangements j JOIN posts p ON p.id = j.post_id WHERE j.id = $2)
                WHEN 'secondments' THEN (SELECT ARRAY[employer_id, host_id] FROM secondments WHERE id = $2)
                ELSE ARRAY[]::uuid[]
            END
        $fn$;
        """;

    public const string PartiesBefore = """
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
                WHEN 'fund_budgets' THEN (SELECT a.party_ids FROM fund_budgets b JOIN pooled_funds f ON f.id = b.fund_id
                                          JOIN agreements a ON a.id = f.agreement_id WHERE b.id = $2)
                WHEN 'forecast_outturns' THEN (SELECT a.party_ids FROM forecast_outturns o JOIN pooled_funds f ON f.id = o.fund_id
                                               JOIN agreements a ON a.id = f.agreement_id WHERE o.id = $2)
                WHEN 'transfer_payments' THEN (SELECT a.party_ids FROM transfer_payments t JOIN agreements a ON a.id = t.agreement_id WHERE t.id = $2)
                WHEN 'aligned_budget_reports' THEN (SELECT a.party_ids FROM aligned_budget_reports r JOIN agreements a ON a.id = r.agreement_id WHERE r.id = $2)
                WHEN 'posts' THEN (SELECT ARRAY[organisation_id] FROM posts WHERE id = $2)
                WHEN 'accountability_lines' THEN (SELECT ARRAY[p.organisation_id, coalesce(t.organisation_id, b.part_of_id, l.to_body_id)]
                                                  FROM accountability_lines l JOIN posts p ON p.id = l.post_id
                                                  LEFT JOIN posts t ON t.id = l.to_post_id
                                                  LEFT JOIN organisations b ON b.id = l.to_body_id WHERE l.id = $2)
                WHEN 'secondments' THEN (SELECT ARRAY[employer_id, host_id] FROM secondments WHERE id = $2)
                ELSE ARRAY[]::uuid[]
            END
        $fn$;
        """;

    // the changes positioned together became visible together: one moment for all of them (it was one per row, microseconds
    // apart, so an asOf read at a transaction's first moment could miss the rest of it: a post without the holding made with it)
    public const string OneMoment = """
        CREATE OR REPLACE FUNCTION public.position_committed_changes() RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $fn$
        DECLARE
            stamped timestamptz;
        BEGIN
            PERFORM pg_advisory_xact_lock(hashtext('change-feed'));
            stamped := clock_timestamp();
            WITH numbered AS (
                SELECT id, (SELECT coalesce(max(position), 0) FROM public.revisions) + row_number() OVER (ORDER BY id) AS position
                FROM public.revisions
                WHERE position IS NULL
            )
            UPDATE public.revisions AS r SET position = n.position, committed_at = stamped FROM numbered AS n WHERE r.id = n.id;
        END
        $fn$;
        """;

    public const string OneMomentBefore = """
        CREATE OR REPLACE FUNCTION public.position_committed_changes() RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $fn$
        BEGIN
            PERFORM pg_advisory_xact_lock(hashtext('change-feed'));
            WITH numbered AS (
                SELECT id, (SELECT coalesce(max(position), 0) FROM public.revisions) + row_number() OVER (ORDER BY id) AS position
                FROM public.revisions
                WHERE position IS NULL
            )
            UPDATE public.revisions AS r SET position = n.position, committed_at = clock_timestamp() FROM numbered AS n WHERE r.id = n.id;
        END
        $fn$;
        """;
}
