namespace IntegrationGovernance.Infrastructure.Migrations;

/// <summary>The change feed's positioning step, run by the writing transaction itself just before it commits.</summary>
/// <remarks>
/// Deferred to commit, the step takes the feed's lock last and holds it through the commit, so transactions are given
/// positions in the order they commit: one that takes the lock after another has positioned sees that one committed and
/// continues from its last position; one that fails after positioning gives its positions back with everything else.
/// The feed stays gapless and in commit order, and <c>committed_at</c> is stamped in the same commit.
/// </remarks>
internal static class FeedPositionsAtCommitSql
{
    public const string Up = """
        CREATE FUNCTION public.revision_positioned_at_commit() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $fn$
        BEGIN
            -- the first of a transaction's revisions positions them all; the others find theirs done
            IF (SELECT r.position FROM public.revisions AS r WHERE r.id = NEW.id) IS NULL THEN
                PERFORM public.position_committed_changes();
            END IF;
            RETURN NULL;
        END
        $fn$;
        REVOKE ALL ON FUNCTION public.revision_positioned_at_commit() FROM PUBLIC;

        CREATE CONSTRAINT TRIGGER revisions_positioned_at_commit AFTER INSERT ON public.revisions
            DEFERRABLE INITIALLY DEFERRED
            FOR EACH ROW EXECUTE FUNCTION public.revision_positioned_at_commit();

        -- anything committed before, still waiting for the step the API used to run after each commit
        SELECT public.position_committed_changes();
        """;

    public const string Down = """
        DROP TRIGGER IF EXISTS revisions_positioned_at_commit ON public.revisions;
        DROP FUNCTION IF EXISTS public.revision_positioned_at_commit();
        """;
}
