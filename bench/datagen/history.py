"""The history the record-keeping trigger would have written for the load, and the checks on the loaded rows."""
from .output import OUT, ts
from .parameters import ACTION, ACTOR, LOADED_AT

HISTORY_TABLES = ["organisations", "successions", "agreements", "pooled_funds", "contributions", "posts",
                  "accountability_lines", "secondments", "post_holdings"]


def write_history():
    # history, as register_record_change() writes it for an insert (one 'created' revision and one audit row per
    # record), positioned in the change feed in creation order, committed when created; one audit row per ledger import
    loaded = ts(LOADED_AT)
    # statistics for the rows just loaded (ANALYZE counts the transaction's own rows), so the statements below and
    # the checks are planned for tables of their real size, however the tables' statistics stood before
    OUT.write("ANALYZE organisations, successions, succession_parties, agreements, pooled_funds, contributions, ledger_lines, "
              "posts, accountability_lines, secondments, post_holdings;\n")
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


def write_agreement_terms():
    """
    The rows the agreements_terms_kept trigger writes (Migrations/AgreementTermsSql.cs): its INSERT, for every agreement
    loaded, once its revision exists. session_replication_role = replica keeps the trigger from firing during the COPY
    (it would find no revision yet), so the same statement runs here, after write_history(): for each agreement in
    load order, its periods in array order, stamped with its latest revision (1); nothing to supersede in a new record.
    Then each period's parties, in their order, as the same trigger writes them (Migrations/AgreementPartyTermsSql.cs),
    and each agreement's search document, as agreements_search_kept writes it.
    """
    OUT.write("""ANALYZE revisions;
INSERT INTO agreement_terms (agreement_id, recorded_in, valid, reference, basis, status, active, party_ids, party_roles,
                             host_id, services, ends_on, review_on, notice_months, variation_number)
SELECT a.id, (SELECT max(revision) FROM revisions r WHERE r.resource = 'agreements' AND r.record_id = a.id),
       daterange((p ->> 'From')::date, (p ->> 'Until')::date, '[)'), a.reference, a.basis,
       p ->> 'Status', (p ->> 'Active')::boolean,
       ARRAY(SELECT (x ->> 'OrganisationId')::uuid FROM jsonb_array_elements(p -> 'Parties') x),
       ARRAY(SELECT (x ->> 'OrganisationId') || ':' || (x ->> 'Role') FROM jsonb_array_elements(p -> 'Parties') x),
       (SELECT (x ->> 'OrganisationId')::uuid FROM jsonb_array_elements(p -> 'Parties') x WHERE x ->> 'Role' = 'Host' LIMIT 1),
       ARRAY(SELECT jsonb_array_elements_text(p -> 'Services')),
       (p ->> 'EndsOn')::date, (p ->> 'ReviewOn')::date, (p ->> 'NoticeMonths')::int, (p ->> 'VariationNumber')::int
FROM agreements a
CROSS JOIN LATERAL jsonb_array_elements(a.terms) WITH ORDINALITY AS e(p, n)
WHERE a.xmin = pg_current_xact_id()::xid
ORDER BY a.created_at, e.n;
INSERT INTO agreement_party_terms (organisation_id, role, agreement_id, recorded_in, valid, reference, active)
SELECT split_part(r, ':', 1)::uuid, split_part(r, ':', 2), t.agreement_id, t.recorded_in, t.valid, t.reference, t.active
FROM agreement_terms t CROSS JOIN LATERAL unnest(t.party_roles) WITH ORDINALITY AS e(r, n)
ORDER BY t.id, e.n;
ANALYZE agreement_terms;
ANALYZE agreement_party_terms;
""")
    # and the search document the agreements_search_kept trigger writes (Migrations/AgreementSearchStoredSql.cs)
    OUT.write("""INSERT INTO agreement_search (agreement_id, recorded_in, reference, document)
SELECT a.id, (SELECT max(revision) FROM revisions r WHERE r.resource = 'agreements' AND r.record_id = a.id), a.reference,
       agreement_search_document(a.reference, a.title, a.purpose, a.services)
FROM agreements a
WHERE a.xmin = pg_current_xact_id()::xid
ORDER BY a.created_at;
ANALYZE agreement_search;
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
          AND c.conrelid::regclass::text IN ('organisations', 'successions', 'succession_parties', 'agreements', 'agreement_terms',
                                             'pooled_funds', 'contributions', 'ledger_lines', 'posts', 'accountability_lines',
                                             'secondments', 'post_holdings')
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
    -- every agreement's periods are rows, as the trigger keeps them
    SELECT count(*) INTO orphans
    FROM agreements a LEFT JOIN (SELECT agreement_id, count(*) AS n FROM agreement_terms GROUP BY agreement_id) t ON t.agreement_id = a.id
    WHERE jsonb_array_length(a.terms) = 0 OR t.n IS DISTINCT FROM jsonb_array_length(a.terms);
    IF orphans > 0 THEN
        RAISE EXCEPTION '% agreements have periods that are not in agreement_terms', orphans;
    END IF;
END
$$;
""")
