package io.pgbarge.cli;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.testutil.Cli.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;


import static io.pgbarge.testutil.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code pgbarge copy --verify}: the copy, then the verification of `pgbarge verify`, and its exit code. */
@Timeout(300)
class CopyVerifyCommandTest {

    private static TestDb source(String hint) throws Exception {
        TestDb db = TestServers.newDatabase(16, hint);
        db.exec("CREATE TABLE public.items (id integer PRIMARY KEY, v text NOT NULL);"
                + "INSERT INTO public.items SELECT g, 'item ' || g FROM generate_series(1, 20) g;"
                + "CREATE SEQUENCE public.tickets; SELECT setval('public.tickets', 41)");
        return db;
    }

    @Test
    void anEqualCopyExitsZeroWithTheVerifySummary() throws Exception {
        TestDb src = source("cvc_src");
        TestDb tgt = TestServers.newDatabase(16, "cvc_tgt");
        Run r = run("copy", src.uri(), tgt.uri(), "--verify", "--no-progress", "-j", "2");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("verified 1 tables (20 rows), 1 sequences").contains("source and target are equal");
    }

    @Test
    void aTargetThatAltersARowOnLoadExitsSixNamingTheTableAndBothValues() throws Exception {
        TestDb src = source("cvc_src2");
        TestDb tgt = TestServers.newDatabase(16, "cvc_tgt2");
        // the target changes row 7 as it is loaded: an event trigger gives the copied table a row trigger
        tgt.exec("CREATE SCHEMA tamper;"
                + "CREATE FUNCTION tamper.row() RETURNS trigger LANGUAGE plpgsql AS $$"
                + " BEGIN IF NEW.id = 7 THEN NEW.v := 'tampered'; END IF; RETURN NEW; END $$;"
                + "CREATE FUNCTION tamper.on_create() RETURNS event_trigger LANGUAGE plpgsql AS $$"
                + " BEGIN IF EXISTS (SELECT 1 FROM pg_catalog.pg_event_trigger_ddl_commands()"
                + "   WHERE command_tag = 'CREATE TABLE' AND object_identity = 'public.items') THEN"
                + "   CREATE TRIGGER tamper BEFORE INSERT ON public.items FOR EACH ROW EXECUTE FUNCTION tamper.row();"
                + " END IF; END $$;"
                + "CREATE EVENT TRIGGER tamper ON ddl_command_end EXECUTE FUNCTION tamper.on_create()");

        Run r = run("copy", src.uri(), tgt.uri(), "--verify", "--no-progress");

        assertThat(tgt.scalar("SELECT v FROM public.items WHERE id = 7")).isEqualTo("tampered");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCode.MISMATCH);
        assertThat(r.out()).containsPattern("table public\\.items: content differs \\(checksum\\) — same row count \\(20\\),"
                + " checksum source [0-9a-f]{32} target [0-9a-f]{32}");
        assertThat(r.out()).contains("differences found").doesNotContain("\tat ");
    }
}
