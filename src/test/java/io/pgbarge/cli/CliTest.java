package io.pgbarge.cli;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.testutil.Cli.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.ServerSocket;
import java.util.List;

import static io.pgbarge.testutil.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

/** What a user sees when something they can get wrong is wrong: one clear message and its own exit code. */
@Timeout(300)
class CliTest {

    @Test
    void malformedConnectionStringIsAUsageErrorNamingTheBadPartButNotThePassword() {
        Run r = run("copy", "postgresql://bob:s3cret@db:54x2/app", "postgresql://localhost/x", "--no-progress");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("SOURCE").contains("54x2").doesNotContain("s3cret");
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void invalidJobsAndUnknownFlagsAreUsageErrors() {
        assertThat(run("copy", "a", "b", "--jobs", "0").code()).isEqualTo(ExitCode.USAGE);
        Run r = run("copy", "a", "b", "--frobnicate");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--frobnicate");
    }

    @Test
    void refusedPortIsAConnectionErrorThatNamesTheServer() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        TestDb tgt = TestServers.newDatabase(17, "cli_tgt");
        Run r = run("copy", "postgresql://bob:pw@127.0.0.1:" + port + "/app", tgt.uri(), "--no-progress",
                "--wake-timeout", "1");
        assertThat(r.code()).isEqualTo(ExitCode.CONNECTION);
        assertThat(r.err()).contains("127.0.0.1:" + port).doesNotContain(":pw@").doesNotContain("\tat ");
        // retried while a suspended compute would wake: 0.5 s, then 0.5 s, one line each
        assertThat(r.err().lines().filter(l -> l.startsWith("pgbarge: source not answering yet (waking up?)")))
                .hasSize(2);
    }

    @Test
    void invalidRoleMapsAndWakeTimeoutsAreUsageErrors() {
        for (String bad : List.of("nobody", "=x", "x=")) {
            Run r = run("copy", "a", "b", "--role-map", bad);
            assertThat(r.code()).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).contains("--role-map").contains("\"" + bad + "\"");
            Run rr = run("restore", "-d", "b", "--role-map", bad, "x.dump");
            assertThat(rr.code()).isEqualTo(ExitCode.USAGE);
            assertThat(rr.err()).contains("\"" + bad + "\"");
        }
        assertThat(run("copy", "a", "b", "--wake-timeout", "-1").code()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void missingDatabaseIsAConnectionError() throws Exception {
        TestDb tgt = TestServers.newDatabase(17, "cli_tgt");
        String missing = tgt.server().uri("no_such_database_here");
        Run r = run("copy", missing, tgt.uri(), "--no-progress");
        assertThat(r.code()).isEqualTo(ExitCode.CONNECTION);
        assertThat(r.err()).contains("no_such_database_here");
    }

    @Test
    void aFailureWhileCreatingTheSchemaLeavesTheTargetUntouched() throws Exception {
        TestDb src = TestServers.newDatabase(17, "cli_src");
        TestDb tgt = TestServers.newDatabase(17, "cli_tgt");
        // the view keeps its table in the pre-data transaction, as the type and schema are
        src.exec("CREATE SCHEMA s1; CREATE TYPE s1.e AS ENUM ('a'); CREATE TABLE s1.t (x s1.e); INSERT INTO s1.t VALUES ('a');"
                + " CREATE VIEW s1.v AS SELECT x FROM s1.t");
        // the target refuses every CREATE VIEW: the copy must fail there and roll back the schema, type and table too
        refuse(tgt, "no_views", "CREATE VIEW", "views are not welcome here");
        Run r = run("copy", src.uri(), tgt.uri(), "--no-progress");
        assertThat(r.code()).isEqualTo(ExitCode.RUN_FAILED);
        assertThat(r.err()).contains("s1.v").contains("views are not welcome here").contains("nothing was changed");
        assertThat(tgt.scalar("SELECT count(*) FROM pg_namespace WHERE nspname = 's1'")).isEqualTo("0");
        assertThat(tgt.scalar("SELECT count(*) FROM pg_type WHERE typname = 'e'")).isEqualTo("0");
    }

    /** An event trigger named {@code name} on the target that fails every command tagged {@code tag}. */
    private static void refuse(TestDb db, String name, String tag, String message) throws Exception {
        db.exec("CREATE FUNCTION public." + name + "() RETURNS event_trigger LANGUAGE plpgsql AS"
                + " $$ BEGIN RAISE EXCEPTION '" + message + "'; END $$;"
                + " CREATE EVENT TRIGGER " + name + " ON ddl_command_start WHEN TAG IN ('" + tag + "')"
                + " EXECUTE FUNCTION public." + name + "()");
    }

    @Test
    void aSmallTableTheTargetRefusesToCreateStopsTheCopyResumably() throws Exception {
        TestDb src = TestServers.newDatabase(17, "cli_src");
        TestDb tgt = TestServers.newDatabase(17, "cli_tgt");
        src.exec("CREATE SCHEMA s1; CREATE TYPE s1.e AS ENUM ('a'); CREATE TABLE s1.t (x s1.e PRIMARY KEY);"
                + " INSERT INTO s1.t VALUES ('a'); COMMENT ON TABLE s1.t IS 'kept'");
        // a small table is created in its load step, after the schema's transaction committed
        refuse(tgt, "no_tables", "CREATE TABLE", "tables are not welcome here");
        Run r = run("copy", src.uri(), tgt.uri(), "--no-progress");
        assertThat(r.code()).isEqualTo(ExitCode.RUN_FAILED);
        assertThat(r.err()).contains("table s1.t").contains("tables are not welcome here").contains("--resume");
        assertThat(tgt.scalar("SELECT count(*) FROM pg_class WHERE relname = 't'")).isEqualTo("0");
        tgt.exec("DROP EVENT TRIGGER no_tables");
        Run resumed = run("copy", src.uri(), tgt.uri(), "--no-progress", "--resume");
        assertThat(resumed.code()).as(resumed.err()).isEqualTo(ExitCode.OK);
        assertThat(tgt.scalar("SELECT x || ' ' || obj_description('s1.t'::regclass) FROM s1.t")).isEqualTo("a kept");
        assertThat(tgt.scalar("SELECT count(*) FROM pg_index WHERE indrelid = 's1.t'::regclass AND indisprimary"))
                .isEqualTo("1");
    }

    @Test
    void aDowngradeTheTargetCannotExpressIsRefusedByNameBeforeAnythingChanges() throws Exception {
        TestDb src = TestServers.newDatabase(17, "down_src");
        TestDb tgt = TestServers.newDatabase(13, "down_tgt");
        src.exec("CREATE SCHEMA shop; CREATE TABLE shop.item (code text); INSERT INTO shop.item VALUES ('a'), (NULL);"
                + " CREATE UNIQUE INDEX item_code ON shop.item (code) NULLS NOT DISTINCT");
        Run r = run("copy", src.uri(), tgt.uri(), "--no-progress");
        assertThat(r.code()).isEqualTo(ExitCode.RUN_FAILED);
        assertThat(r.err()).contains("PostgreSQL 13").contains("shop.item_code").contains("Nothing was changed");
        assertThat(tgt.scalar("SELECT count(*) FROM pg_namespace WHERE nspname = 'shop'")).isEqualTo("0");
    }

    @Test
    void conflictsAreFoundOnTargetsWhoseLookupsFailForSchemasNotThereYet() throws Exception {
        TestDb src = TestServers.newDatabase(17, "conf_src");
        TestDb tgt = TestServers.newDatabase(15, "conf_tgt");
        // before PostgreSQL 16, to_regprocedure('b.f(b.ty)') raises an error when schema b is missing
        src.exec("CREATE SCHEMA a; CREATE TABLE a.t (x int); CREATE SCHEMA b; CREATE TYPE b.ty AS (x int);"
                + " CREATE FUNCTION b.f(b.ty) RETURNS int LANGUAGE sql AS 'SELECT 1'");
        tgt.exec("CREATE SCHEMA a; CREATE TABLE a.t (x int)");
        Run r = run("copy", src.uri(), tgt.uri(), "--no-progress");
        assertThat(r.code()).isEqualTo(ExitCode.TARGET_NOT_EMPTY);
        assertThat(r.err()).contains("table a.t").contains("schema a").doesNotContain("b.f");
    }

    @Test
    void theCopyRunsTheCheckFirstAndStopsOnBlockersUnlessForced() throws Exception {
        TestDb src = TestServers.newDatabase(17, "pre_src");
        TestDb tgt = TestServers.newDatabase(17, "pre_tgt");
        src.exec("CREATE SCHEMA s; CREATE TABLE s.open (x int); CREATE TABLE s.secret (x int)");
        Run r = run("copy", readerOfOpen(src, "pgbarge_half_reader_"), tgt.uri(), "--no-progress");
        assertThat(r.code()).isEqualTo(ExitCode.BLOCKERS);
        assertThat(r.err()).contains("s.secret").contains("--force").contains("nothing was changed");
        assertThat(tgt.scalar("SELECT count(*) FROM pg_namespace WHERE nspname = 's'")).isEqualTo("0");
    }

    @Test
    void aDataOnlyCopyAlsoWaitsForTheCheckBeforeLoadingAnything() throws Exception {
        TestDb src = TestServers.newDatabase(17, "pre_a_src");
        TestDb tgt = TestServers.newDatabase(17, "pre_a_tgt");
        // the login sees half the rows through a policy: the copy itself would run and load those
        src.exec("CREATE SCHEMA s; CREATE TABLE s.open (x int); INSERT INTO s.open SELECT generate_series(1, 100);"
                + " ALTER TABLE s.open ENABLE ROW LEVEL SECURITY; CREATE POLICY half ON s.open USING (x <= 50)");
        tgt.exec("CREATE SCHEMA s; CREATE TABLE s.open (x int)");
        // the check runs beside the copy's reading of the catalog; the rows wait for its verdict
        Run r = run("copy", "-a", readerOfOpen(src, "pgbarge_rls_reader_"), tgt.uri(), "--no-progress");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.BLOCKERS);
        assertThat(r.err()).contains("s.open").contains("nothing was changed");
        assertThat(tgt.scalar("SELECT count(*) FROM s.open")).isEqualTo("0");
    }

    /** A login (made once per test JVM) that may read s.open and nothing else of schema s; its URI. */
    private static String readerOfOpen(TestDb src, String prefix) throws Exception {
        String reader = prefix + ProcessHandle.current().pid();
        src.exec("DO $$ BEGIN CREATE ROLE " + reader + " LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;"
                + " GRANT USAGE ON SCHEMA s TO " + reader + "; GRANT SELECT ON s.open TO " + reader);
        return "postgresql://" + reader + "@" + src.server().host() + ":" + src.server().port() + "/" + src.name();
    }

    @Test
    void demoRunsEndToEnd() {
        System.setProperty("pgbarge.demoVersion", System.getProperty("pgbarge.pg17"));
        Run r = run("demo", "--no-progress");
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        assertThat(r.out()).contains("every table has the same number of rows");
    }
}
