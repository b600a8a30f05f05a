namespace IntegrationGovernance.Infrastructure.Migrations;

/// <summary>
/// The SQL of the RecordKeepingOwned migration. The functions that keep history, audit, periods and the change feed
/// run as the schema's owner (<c>SECURITY DEFINER</c>, with a fixed <c>search_path</c> and every table named with its
/// schema, so a temporary table cannot stand in for one), and the API's role loses every direct write on what they
/// keep: it cannot add a revision or an audit row, stamp when a change became visible, or write an agreement's periods.
/// Frozen with the migration: later changes belong in a new migration.
/// </summary>
internal static class RecordKeepingOwnedSql
{
    public const string Create = """
        CREATE OR REPLACE FUNCTION public.register_record_change() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $fn$
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
                FROM public.revisions WHERE resource = TG_TABLE_NAME AND record_id = NEW.id;
            ELSE
                SELECT array_agg(k ORDER BY k) INTO changed FROM jsonb_object_keys(after_row) k;
            END IF;

            INSERT INTO public.revisions (resource, record_id, revision, kind, action, recorded_at, actor_subject,
                                          actor_organisation, correlation_id, changed_fields, data)
            VALUES (TG_TABLE_NAME, NEW.id, next_number,
                    coalesce(NULLIF(current_setting('register.change_kind', true), ''),
                             CASE TG_OP WHEN 'INSERT' THEN 'created' ELSE 'updated' END),
                    operation, now(), actor, actor_organisation, correlation, changed, after_row);

            INSERT INTO public.audit (occurred_at, actor_subject, actor_organisation, action, resource, record_id,
                                      correlation_id, before, after)
            VALUES (now(), actor, actor_organisation, coalesce(operation, lower(TG_OP)), TG_TABLE_NAME, NEW.id,
                    correlation, before_row, after_row);
            RETURN NEW;
        END
        $fn$;

        CREATE OR REPLACE FUNCTION public.agreement_terms_kept() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $fn$
        DECLARE
            current_revision int;
        BEGIN
            IF TG_OP = 'UPDATE' AND NEW.terms IS NOT DISTINCT FROM OLD.terms
               AND NEW.reference = OLD.reference AND NEW.basis = OLD.basis THEN
                RETURN NEW;
            END IF;
            SELECT max(revision) INTO current_revision FROM public.revisions WHERE resource = 'agreements' AND record_id = NEW.id;
            IF TG_OP = 'UPDATE' THEN
                UPDATE public.agreement_terms SET superseded_in = current_revision WHERE agreement_id = NEW.id AND superseded_in IS NULL;
                UPDATE public.agreement_party_terms SET superseded_in = current_revision WHERE agreement_id = NEW.id AND superseded_in IS NULL;
            END IF;
            INSERT INTO public.agreement_terms (agreement_id, recorded_in, valid, reference, basis, status, active, party_ids, party_roles,
                                                host_id, services, ends_on, review_on, notice_months, variation_number)
            SELECT NEW.id, current_revision, daterange((p ->> 'From')::date, (p ->> 'Until')::date, '[)'), NEW.reference, NEW.basis,
                   p ->> 'Status', (p ->> 'Active')::boolean,
                   ARRAY(SELECT (x ->> 'OrganisationId')::uuid FROM jsonb_array_elements(p -> 'Parties') x),
                   ARRAY(SELECT (x ->> 'OrganisationId') || ':' || (x ->> 'Role') FROM jsonb_array_elements(p -> 'Parties') x),
                   (SELECT (x ->> 'OrganisationId')::uuid FROM jsonb_array_elements(p -> 'Parties') x WHERE x ->> 'Role' = 'Host' LIMIT 1),
                   ARRAY(SELECT jsonb_array_elements_text(p -> 'Services')),
                   (p ->> 'EndsOn')::date, (p ->> 'ReviewOn')::date, (p ->> 'NoticeMonths')::int, (p ->> 'VariationNumber')::int
            FROM jsonb_array_elements(NEW.terms) p;
            INSERT INTO public.agreement_party_terms (organisation_id, role, agreement_id, recorded_in, valid, reference, active)
            SELECT (x ->> 'OrganisationId')::uuid, x ->> 'Role', NEW.id, current_revision,
                   daterange((p ->> 'From')::date, (p ->> 'Until')::date, '[)'), NEW.reference, (p ->> 'Active')::boolean
            FROM jsonb_array_elements(NEW.terms) p CROSS JOIN LATERAL jsonb_array_elements(p -> 'Parties') x;
            RETURN NEW;
        END
        $fn$;

        -- the change feed's positioning step (see ChangeFeed), the one change a revision ever takes
        CREATE FUNCTION public.position_committed_changes() RETURNS void
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

        REVOKE ALL ON FUNCTION public.position_committed_changes() FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION public.position_committed_changes() TO register_writer;
        REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON public.revisions, public.audit, public.agreement_terms, public.agreement_party_terms FROM register_writer;
        REVOKE UPDATE (position, committed_at) ON public.revisions FROM register_writer;
        REVOKE UPDATE (superseded_in) ON public.agreement_terms, public.agreement_party_terms FROM register_writer;
        """;

    public const string Drop = """
        DROP FUNCTION IF EXISTS public.position_committed_changes();
        ALTER FUNCTION public.register_record_change() SECURITY INVOKER;
        ALTER FUNCTION public.register_record_change() RESET search_path;
        ALTER FUNCTION public.agreement_terms_kept() SECURITY INVOKER;
        ALTER FUNCTION public.agreement_terms_kept() RESET search_path;
        GRANT SELECT, INSERT ON public.revisions, public.audit, public.agreement_terms, public.agreement_party_terms TO register_writer;
        GRANT UPDATE (position, committed_at) ON public.revisions TO register_writer;
        GRANT UPDATE (superseded_in) ON public.agreement_terms, public.agreement_party_terms TO register_writer;
        """;
}
