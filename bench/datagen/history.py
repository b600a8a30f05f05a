"""The history the record-keeping trigger would have written for the load, and the checks on the loaded rows."""
from .output import OUT, ts
from .parameters import ACTION, ACTOR, LOADED_AT

HISTORY_TABLES = ["organisations", "successions", "agreements", "pooled_funds", "contributions", "posts",
                  "accountability_lines", "secondments"]


def write_history():
    # history, as register_record_change() writes it for an insert (one 'created' revision and one audit row per
    # record), positioned in the change feed in creation order, committed when created; one audit row per ledger import
    loaded = ts(LOADED_AT)
    OUT.write("CREATE TEMP TABLE bench_feed ON COMMIT DROP AS SELECT coalesce(max(position), 0) AS base FROM revisions;\n")
    for table in HISTORY_TABLES:
        OUT.write(f"""INSERT INTO revisions (resource, record_id, revision, kind, action, recorded_at, actor_subject, actor_organisation,
                       correlation_id, changed_fields, data, position, committed_at)
SELECT '{table}', t.id, 1, 'created', '{ACTION}', t.created_at, '{ACTOR}', NULL, NULL,
       ARRAY(SELECT jsonb_object_keys(to_jsonb(t)) ORDER BY 1), to_jsonb(t),
       f.base + round(extract(epoch FROM t.created_at - timestamptz '{loaded}') * 1000)::bigint, t.created_at
FROM {table} t CROSS JOIN bench_feed f
WHERE t.xmin = pg_current_xact_id()::xid
ORDER BY t.created_at;
INSERT INTO audit (occurred_at, actor_subject, actor_organisation, action, resource, record_id, correlation_id, before, after)
SELECT t.created_at, '{ACTOR}', NULL, '{ACTION}', '{table}', t.id, NULL, NULL, to_jsonb(t)
FROM {table} t
WHERE t.xmin = pg_current_xact_id()::xid
ORDER BY t.created_at;
""")
    OUT.write(f"""INSERT INTO audit (occurred_at, actor_subject, actor_organisation, action, resource, record_id, correlation_id, before, after)
SELECT min(l.created_at), '{ACTOR}', NULL, 'ImportLedgerLines', 'pooled_funds', l.fund_id, NULL, NULL,
       jsonb_build_object('ledgerLinesAdded', count(*), 'alreadyRecorded', 0, 'addedTotal', sum(l.amount))
FROM ledger_lines l
WHERE l.xmin = pg_current_xact_id()::xid
GROUP BY l.fund_id
ORDER BY min(l.created_at);
""")


def write_checks(records):
    """Checked before COMMIT: the load took change-feed positions 1..records after the base, and every foreign key holds."""
    # session_replication_role = replica skipped the foreign-key triggers: check every foreign key of the loaded tables
    OUT.write(f"""DO $$
DECLARE
    fk record;
    orphans bigint;
    positions record;
BEGIN
    SELECT count(*) AS n, min(position) - (SELECT base FROM bench_feed) AS first, max(position) - (SELECT base FROM bench_feed) AS last
    INTO positions FROM revisions WHERE actor_subject = '{ACTOR}';
    IF positions.n <> {records} OR positions.first <> 1 OR positions.last <> {records} THEN
        RAISE EXCEPTION 'change-feed positions are not 1..{records} after the base: %', positions;
    END IF;
    FOR fk IN
        SELECT c.conrelid::regclass AS child, a.attname AS col, c.confrelid::regclass AS parent, b.attname AS pcol
        FROM pg_constraint c
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        JOIN pg_attribute b ON b.attrelid = c.confrelid AND b.attnum = c.confkey[1]
        WHERE c.contype = 'f' AND cardinality(c.conkey) = 1
          AND c.conrelid::regclass::text IN ('organisations', 'successions', 'succession_parties', 'agreements', 'pooled_funds',
                                             'contributions', 'ledger_lines', 'posts', 'accountability_lines', 'secondments')
    LOOP
        EXECUTE format('SELECT count(*) FROM %s c WHERE c.%I IS NOT NULL AND NOT EXISTS (SELECT FROM %s p WHERE p.%I = c.%I)',
                       fk.child, fk.col, fk.parent, fk.pcol, fk.col) INTO orphans;
        IF orphans > 0 THEN
            RAISE EXCEPTION '% rows of % have a % that is not in %', orphans, fk.child, fk.col, fk.parent;
        END IF;
    END LOOP;
    SELECT count(*) INTO orphans FROM agreements a, unnest(a.party_ids) p WHERE NOT EXISTS (SELECT FROM organisations o WHERE o.id = p);
    IF orphans > 0 THEN
        RAISE EXCEPTION '% agreement parties are not organisations', orphans;
    END IF;
END
$$;
""")
