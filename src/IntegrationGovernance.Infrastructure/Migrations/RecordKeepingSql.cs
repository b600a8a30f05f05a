namespace IntegrationGovernance.Infrastructure.Migrations;

/// <summary>
/// The SQL of the RecordKeeping migration. History, audit and the change feed are kept by the database
/// itself, so no code path of the API can change a record without leaving its trace.
/// Frozen with the migration: later changes belong in a new migration.
/// </summary>
internal static class RecordKeepingSql
{
    /// <summary>
    /// <c>register_record_change</c> writes a revision (the whole row as it now stands, and the columns that
    /// changed) and an audit row (before and after) for every insert or update of a register table. It refuses
    /// a change whose transaction has not said who makes it.
    /// </summary>
    public const string Functions = """
        CREATE FUNCTION register_record_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
        DECLARE
            actor text := NULLIF(current_setting('register.actor_subject', true), '');
            actor_organisation text := NULLIF(current_setting('register.actor_organisation', true), '');
            correlation text := NULLIF(current_setting('register.correlation_id', true), '');
            operation text := NULLIF(current_setting('register.action', true), '');
            after_row jsonb := to_jsonb(NEW);
            before_row jsonb;
            next_number int := 1;
            changed text[];
        BEGIN
            IF actor IS NULL THEN
                RAISE EXCEPTION 'change to % refused: the transaction does not say who makes it', TG_TABLE_NAME
                    USING ERRCODE = 'insufficient_privilege',
                          HINT = 'Register writes run in a transaction that sets register.actor_subject.';
            END IF;
            IF TG_OP = 'UPDATE' THEN
                before_row := to_jsonb(OLD);
                SELECT coalesce(array_agg(n.key ORDER BY n.key), '{}') INTO changed
                FROM jsonb_each(after_row) n
                WHERE n.value IS DISTINCT FROM before_row -> n.key AND n.key <> 'updated_at';
                SELECT coalesce(max(revision), 0) + 1 INTO next_number
                FROM revisions WHERE resource = TG_TABLE_NAME AND record_id = NEW.id;
            ELSE
                SELECT array_agg(k ORDER BY k) INTO changed FROM jsonb_object_keys(after_row) k;
            END IF;

            INSERT INTO revisions (resource, record_id, revision, kind, action, recorded_at, actor_subject,
                                   actor_organisation, correlation_id, changed_fields, data)
            VALUES (TG_TABLE_NAME, NEW.id, next_number,
                    coalesce(NULLIF(current_setting('register.change_kind', true), ''),
                             CASE TG_OP WHEN 'INSERT' THEN 'created' ELSE 'updated' END),
                    operation, now(), actor, actor_organisation, correlation, changed, after_row);

            INSERT INTO audit (occurred_at, actor_subject, actor_organisation, action, resource, record_id,
                               correlation_id, before, after)
            VALUES (now(), actor, actor_organisation, coalesce(operation, lower(TG_OP)), TG_TABLE_NAME, NEW.id,
                    correlation, before_row, after_row);
            RETURN NEW;
        END
        $fn$;

        CREATE FUNCTION revisions_are_history() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            -- the one change allowed: the change feed giving a committed revision its position, once
            IF TG_OP = 'UPDATE' THEN
                IF OLD.position IS NULL AND NEW.position IS NOT NULL
                   AND to_jsonb(NEW) - 'position' = to_jsonb(OLD) - 'position' THEN
                    RETURN NEW;
                END IF;
            END IF;
            RAISE EXCEPTION 'revisions are history and cannot be changed: % refused', TG_OP
                USING ERRCODE = 'insufficient_privilege';
        END
        $fn$;

        CREATE FUNCTION audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            RAISE EXCEPTION 'the audit trail is append-only: % refused', TG_OP
                USING ERRCODE = 'insufficient_privilege';
        END
        $fn$;
        """;

    public const string Triggers = """
        CREATE TRIGGER organisations_recorded AFTER INSERT OR UPDATE ON organisations
            FOR EACH ROW EXECUTE FUNCTION register_record_change();
        CREATE TRIGGER successions_recorded AFTER INSERT OR UPDATE ON successions
            FOR EACH ROW EXECUTE FUNCTION register_record_change();

        CREATE TRIGGER revisions_fixed BEFORE UPDATE OR DELETE ON revisions
            FOR EACH ROW EXECUTE FUNCTION revisions_are_history();
        CREATE TRIGGER revisions_not_truncated BEFORE TRUNCATE ON revisions
            FOR EACH STATEMENT EXECUTE FUNCTION revisions_are_history();

        CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit
            FOR EACH ROW EXECUTE FUNCTION audit_is_append_only();
        CREATE TRIGGER audit_not_truncated BEFORE TRUNCATE ON audit
            FOR EACH STATEMENT EXECUTE FUNCTION audit_is_append_only();
        """;

    /// <summary>
    /// The API connects as a login role that owns nothing and is a member of <c>register_writer</c>:
    /// it reads and writes register tables, and may only read and add to history and audit.
    /// </summary>
    public const string Grants = """
        DO $do$
        BEGIN
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'register_writer') THEN
                CREATE ROLE register_writer NOLOGIN;
            END IF;
        END
        $do$;

        GRANT USAGE ON SCHEMA public TO register_writer;
        GRANT SELECT ON __ef_migrations_history TO register_writer;
        GRANT SELECT, INSERT, UPDATE ON organisations, successions, succession_parties TO register_writer;
        GRANT SELECT, INSERT ON revisions, audit TO register_writer;
        GRANT UPDATE (position) ON revisions TO register_writer;
        GRANT SELECT, INSERT, UPDATE, DELETE ON idempotency_keys TO register_writer;
        """;

    public const string Drop = """
        DROP TRIGGER IF EXISTS organisations_recorded ON organisations;
        DROP TRIGGER IF EXISTS successions_recorded ON successions;
        DROP TRIGGER IF EXISTS revisions_fixed ON revisions;
        DROP TRIGGER IF EXISTS revisions_not_truncated ON revisions;
        DROP TRIGGER IF EXISTS audit_append_only ON audit;
        DROP TRIGGER IF EXISTS audit_not_truncated ON audit;
        DROP FUNCTION IF EXISTS register_record_change();
        DROP FUNCTION IF EXISTS revisions_are_history();
        DROP FUNCTION IF EXISTS audit_is_append_only();
        REVOKE ALL ON organisations, successions, succession_parties, __ef_migrations_history FROM register_writer;
        """;
}
