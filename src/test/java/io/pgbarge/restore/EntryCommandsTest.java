package io.pgbarge.restore;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The statements pg_restore derives from TOC entries: --if-exists drops, split definitions, grantees. */
class EntryCommandsTest {

    @Test
    void dropsBecomeIfExists() {
        assertThat(DropCommand.ifExists("DROP TABLE public.actor")).isEqualTo("DROP TABLE IF EXISTS public.actor");
        assertThat(DropCommand.ifExists("DROP MATERIALIZED VIEW public.mv"))
                .isEqualTo("DROP MATERIALIZED VIEW IF EXISTS public.mv");
        assertThat(DropCommand.ifExists("DROP TRIGGER last_updated ON public.actor"))
                .isEqualTo("DROP TRIGGER IF EXISTS last_updated ON public.actor");
        assertThat(DropCommand.ifExists("ALTER TABLE ONLY public.docs DROP CONSTRAINT docs_pkey"))
                .isEqualTo("ALTER TABLE IF EXISTS ONLY public.docs DROP CONSTRAINT IF EXISTS docs_pkey");
        assertThat(DropCommand.ifExists("ALTER TABLE public.t ALTER COLUMN id DROP DEFAULT"))
                .isEqualTo("ALTER TABLE IF EXISTS public.t ALTER COLUMN id DROP DEFAULT");
        assertThat(DropCommand.ifExists("SELECT pg_catalog.lo_unlink('35318')"))
                .contains("pg_largeobject_metadata").contains("35318");
        assertThat(DropCommand.ifExists("DROP SCHEMA \"Sales\"")).isEqualTo("DROP SCHEMA IF EXISTS \"Sales\"");
    }

    @Test
    void definitionsSplitAtStatementEnds() {
        assertThat(Definitions.split("CREATE TABLE a (x int);\n\nALTER TABLE a OWNER TO bob;\n"))
                .containsExactly("CREATE TABLE a (x int)", "ALTER TABLE a OWNER TO bob");
        assertThat(Definitions.split("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;\n"))
                .hasSize(1);
        assertThat(Definitions.split("CREATE FUNCTION g() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\n"))
                .hasSize(1);
    }

    @Test
    void granteesAreRoles() {
        assertThat(ArchivePlan.roles("GRANT SELECT ON TABLE public.t TO app;\nREVOKE ALL ON TABLE public.t FROM PUBLIC;"))
                .containsExactly("app");
        assertThat(ArchivePlan.roles("GRANT ALL ON SCHEMA s TO \"Mixed Case\", reader;"))
                .containsExactly("Mixed Case", "reader");
    }
}
