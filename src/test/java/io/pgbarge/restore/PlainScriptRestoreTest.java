package io.pgbarge.restore;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.cli.ExitCode;
import io.pgbarge.testutil.PgDump;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A plain dump through standard input: statements in order, indexes and constraints after the data, in parallel. */
@Timeout(600)
class PlainScriptRestoreTest {

    @Test
    void plainDumpThroughStandardInputLikePsql() throws Exception {
        RestoreFixtures.assumePgDump();
        String[] reference = RestoreFixtures.pagilaReference();
        Path script = RestoreFixtures.archive("pagila_neon.plain.sql");
        TestDb db = TestServers.newDatabase(15, "restore_plain");
        InputStream old = System.in;
        RestoreFixtures.Run run;
        try (InputStream in = Files.newInputStream(script)) {
            System.setIn(in);
            run = RestoreFixtures.restore("-", "-d", db.uri(), "-j", "2");
        } finally {
            System.setIn(old);
        }
        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(run.out() + run.err()).contains("post-data statements");
        assertThat(PgDump.schemaOnly(db.uri())).isEqualTo(reference[0]);
        assertThat(PgDump.dataOnly(db.uri())).isEqualTo(reference[1]);
    }

    @Test
    void connectToAnotherDatabaseIsRefused() throws Exception {
        TestDb db = TestServers.newDatabase(15, "restore_connect");
        Path script = Files.createTempFile("pgbarge-connect", ".sql");
        Files.writeString(script, "CREATE TABLE a (x int);\n\\connect other_db\nCREATE TABLE b (x int);\n");
        RestoreFixtures.Run run = RestoreFixtures.restore(script.toString(), "-d", db.uri());
        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("other_db").contains("line 2");
        assertThat(db.scalar("SELECT to_regclass('public.b') IS NULL")).isEqualTo("t");
        // the right database, on PostgreSQL 13, which has no transaction_timeout
        TestDb db13 = TestServers.newDatabase(13, "restore_connect13");
        Files.writeString(script, "\\connect " + db13.name() + "\n\\restrict abc\nCREATE TABLE a (x int);"
                + "\nSET transaction_timeout = 0;\nCOPY a (x) FROM stdin;\n1\n2\n\\.\nCREATE INDEX a_x ON a (x);\n"
                + "\\unrestrict abc\n");
        run = RestoreFixtures.restore(script.toString(), "-d", db13.uri());
        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(run.out() + run.err()).contains("transaction_timeout");
        assertThat(db13.scalar("SELECT count(*) FROM a")).isEqualTo("2");
        assertThat(db13.scalar("SELECT to_regclass('public.a_x') IS NOT NULL")).isEqualTo("t");
    }
}
