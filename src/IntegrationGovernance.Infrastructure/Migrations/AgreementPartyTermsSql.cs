namespace IntegrationGovernance.Infrastructure.Migrations;

/// <summary>
/// The SQL of the AgreementPartyTerms migration: the <c>agreements_terms_kept</c> trigger now also writes one
/// <c>agreement_party_terms</c> row for each party of each period, superseded with its period, and the rows already
/// kept are expanded once. Frozen with the migration: later changes belong in a new migration.
/// </summary>
internal static class AgreementPartyTermsSql
{
    public const string Create = """
        CREATE OR REPLACE FUNCTION agreement_terms_kept() RETURNS trigger LANGUAGE plpgsql AS $fn$
        DECLARE
            current_revision int;
        BEGIN
            IF TG_OP = 'UPDATE' AND NEW.terms IS NOT DISTINCT FROM OLD.terms
               AND NEW.reference = OLD.reference AND NEW.basis = OLD.basis THEN
                RETURN NEW;
            END IF;
            SELECT max(revision) INTO current_revision FROM revisions WHERE resource = 'agreements' AND record_id = NEW.id;
            IF TG_OP = 'UPDATE' THEN
                UPDATE agreement_terms SET superseded_in = current_revision WHERE agreement_id = NEW.id AND superseded_in IS NULL;
                UPDATE agreement_party_terms SET superseded_in = current_revision WHERE agreement_id = NEW.id AND superseded_in IS NULL;
            END IF;
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
            INSERT INTO agreement_party_terms (organisation_id, role, agreement_id, recorded_in, valid, reference, active)
            SELECT (x ->> 'OrganisationId')::uuid, x ->> 'Role', NEW.id, current_revision,
                   daterange((p ->> 'From')::date, (p ->> 'Until')::date, '[)'), NEW.reference, (p ->> 'Active')::boolean
            FROM jsonb_array_elements(NEW.terms) p CROSS JOIN LATERAL jsonb_array_elements(p -> 'Parties') x;
            RETURN NEW;
        END
        $fn$;

        INSERT INTO agreement_party_terms (organisation_id, role, agreement_id, recorded_in, superseded_in, valid, reference, active)
        SELECT split_part(r, ':', 1)::uuid, split_part(r, ':', 2), t.agreement_id, t.recorded_in, t.superseded_in, t.valid, t.reference, t.active
        FROM agreement_terms t CROSS JOIN LATERAL unnest(t.party_roles) r;

        GRANT SELECT, INSERT ON agreement_party_terms TO register_writer;
        GRANT UPDATE (superseded_in) ON agreement_party_terms TO register_writer;
        """;

    public const string Drop = """
        DROP TRIGGER IF EXISTS agreements_terms_kept ON agreements;
        DROP FUNCTION IF EXISTS agreement_terms_kept();
        """ + AgreementTermsSql.Create;
}
