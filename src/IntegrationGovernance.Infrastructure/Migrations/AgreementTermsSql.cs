namespace IntegrationGovernance.Infrastructure.Migrations;

/// <summary>
/// The SQL of the AgreementTerms migration. An agreement's row carries its periods (<c>terms</c>, computed by the
/// domain on every change); this trigger expands them into <c>agreement_terms</c> rows in the same transaction,
/// superseding the rows of the revision before, so the legal questions are indexed queries now and as the register
/// stood at any moment. It runs after <c>agreements_recorded</c> (triggers fire in name order), so the revision it
/// stamps is the one just written. Frozen with the migration: later changes belong in a new migration.
/// </summary>
internal static class AgreementTermsSql
{
    public const string Create = """
        CREATE FUNCTION agreement_terms_kept() RETURNS trigger LANGUAGE plpgsql AS $fn$
        DECLARE
            current_revision int;
        BEGIN
            IF TG_OP = 'UPDATE' AND NEW.terms IS NOT DISTINCT FROM OLD.terms
               AND NEW.reference = OLD.reference AND NEW.basis = OLD.basis THEN
                RETURN NEW;
            END IF;
            SELECT max(revision) INTO current_revision FROM revisions WHERE resource = 'agreements' AND record_id = NEW.id;
            UPDATE agreement_terms SET superseded_in = current_revision WHERE agreement_id = NEW.id AND superseded_in IS NULL;
            INSERT INTO agreement_terms (agreement_id, recorded_in, valid, reference, basis, status, active, party_ids, party_roles,
                                         host_id, services, ends_on, review_on, notice_months, variation_number)
            SELECT NEW.id, current_revision, daterange((p ->> 'From')::date, (p ->> 'Until')::date, '[)'), NEW.reference, NEW.basis,
                   p ->> 'Status', (p ->> 'Active')::boolean,
                   ARRAY(SELECT (x ->> 'OrganisationId')::uuid FROM jsonb_array_elements(p -> 'Parties') x),
                   ARRAY(SELECT (x ->> 'OrganisationId') || ':' || (x ->> 'Role') FROM jsonb_array_elements(p -> 'Parties') x),
                   (SELECT (x ->> 'OrganisationId')::uuid FROM jsonb_array_elements(p -> 'Parties') x WHERE x ->> 'Role' = 'Host' LIMIT 1),
                   ARRAY(SELECT jsonb_array_elements_text(p -> 'Services')),
                   (p ->> 'EndsOn')::date, (p ->> 'ReviewOn')::date, (p ->> 'NoticeMonths')::int, (p ->> 'VariationNumber')::int
            FROM jsonb_array_elements(NEW.terms) p;
            RETURN NEW;
        END
        $fn$;

        CREATE TRIGGER agreements_terms_kept AFTER INSERT OR UPDATE ON agreements
            FOR EACH ROW EXECUTE FUNCTION agreement_terms_kept();

        GRANT SELECT, INSERT ON agreement_terms TO register_writer;
        GRANT UPDATE (superseded_in) ON agreement_terms TO register_writer;
        """;

    public const string Drop = """
        DROP TRIGGER IF EXISTS agreements_terms_kept ON agreements;
        DROP FUNCTION IF EXISTS agreement_terms_kept();
        """;
}
