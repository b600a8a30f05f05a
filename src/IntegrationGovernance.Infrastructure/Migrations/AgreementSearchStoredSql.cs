namespace IntegrationGovernance.Infrastructure.Migrations;

/// <summary>
/// The SQL of the AgreementSearchStored migration. Each agreement's search document (<c>agreement_search_document</c>) is
/// kept in <c>agreement_search</c>, one row per revision that changed it, superseded like the agreement's periods, so
/// <c>q=</c> ranks the matches from these small rows under a GIN index, now and as the register stood at any moment. The
/// rows are filled from every agreement revision already held; the expression index they replace is dropped. The trigger
/// runs after <c>agreements_recorded</c> (name order), so the revision it names is the one just written, and as the
/// schema's owner, so the API's role only reads the rows. Frozen with the migration: later changes belong in a new migration.
/// </summary>
internal static class AgreementSearchStoredSql
{
    public const string Create = """
        CREATE FUNCTION public.agreement_search_kept() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $fn$
        DECLARE
            current_revision int;
        BEGIN
            IF TG_OP = 'UPDATE' AND NEW.reference = OLD.reference AND NEW.title = OLD.title
               AND NEW.purpose IS NOT DISTINCT FROM OLD.purpose AND NEW.services = OLD.services THEN
                RETURN NEW;
            END IF;
            SELECT max(revision) INTO current_revision FROM public.revisions WHERE resource = 'agreements' AND record_id = NEW.id;
            IF TG_OP = 'UPDATE' THEN
                UPDATE public.agreement_search SET superseded_in = current_revision WHERE agreement_id = NEW.id AND superseded_in IS NULL;
            END IF;
            INSERT INTO public.agreement_search (agreement_id, recorded_in, reference, document)
            VALUES (NEW.id, current_revision, NEW.reference,
                    public.agreement_search_document(NEW.reference, NEW.title, NEW.purpose, NEW.services));
            RETURN NEW;
        END
        $fn$;

        CREATE TRIGGER agreements_search_kept AFTER INSERT OR UPDATE ON agreements
            FOR EACH ROW EXECUTE FUNCTION public.agreement_search_kept();

        INSERT INTO agreement_search (agreement_id, recorded_in, superseded_in, reference, document)
        SELECT rev.record_id, rev.revision, lead(rev.revision) OVER (PARTITION BY rev.record_id ORDER BY rev.revision),
               rev.data ->> 'reference',
               agreement_search_document(rev.data ->> 'reference', rev.data ->> 'title', rev.data ->> 'purpose',
                                         ARRAY(SELECT jsonb_array_elements_text(rev.data -> 'services')))
        FROM revisions AS rev
        WHERE rev.resource = 'agreements';

        REVOKE ALL ON agreement_search FROM register_writer;
        GRANT SELECT ON agreement_search TO register_writer;
        DROP INDEX ix_agreements_search;
        """;

    public const string Drop = """
        CREATE INDEX ix_agreements_search ON agreements USING gin (agreement_search_document(reference, title, purpose, services));
        DROP TRIGGER IF EXISTS agreements_search_kept ON agreements;
        DROP FUNCTION IF EXISTS public.agreement_search_kept();
        """;
}
