package io.pgbarge.copy;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.cli.Main;
import io.pgbarge.embedded.EmbeddedPostgres;
import io.pgbarge.testutil.DbCompare;
import io.pgbarge.testutil.PgDump;
import io.pgbarge.testutil.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Schema fidelity: the sample plus a fixture with every object kind pg_dump knows
 * (src/test/resources/fixtures/every_kind.sql) is recreated exactly.
 *
 * <ul>
 * <li>15 → 15: pg_dump cannot tell the target from the source, neither its schema nor its data;</li>
 * <li>13 → 17 and 16 → 18: the target equals the source object by object ({@link DbCompare});</li>
 * <li>the subscription is left out, and the copy says so in a note;</li>
 * <li>{@code pgbarge schema}'s script, run on an empty database, yields the same schema.</li>
 * </ul>
 *
 * <p>The source's subscription is never on the target (a copy does not create subscriptions unless
 * asked), so pg_dump's output is compared with {@code --no-subscriptions}.
 */
@Timeout(900)
class SchemaFidelityTest {
    static final String FIXTURE = "/fixtures/every_kind.sql";

    /** The fixture's text. */
    static String fixture() {
        try (InputStream in = SchemaFidelityTest.class.getResourceAsStream(FIXTURE)) {
            if (in == null) {
                throw new IllegalStateException(FIXTURE + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new database with the sample and the fixture loaded. */
    static TestDb source(int major, String hint) throws SQLException {
        TestDb db = Sample.newDatabase(major, hint);
        db.exec(fixture());
        return db;
    }

    /**
     * The subscription makes a database impossible to drop (DROP DATABASE refuses while it has one);
     * with slot_name = NONE it is dropped without a connection to its publisher.
     */
    static void dropSubscription(TestDb db) throws SQLException {
        db.exec("DROP SUBSCRIPTION IF EXISTS fid_sub");
    }

    /**
     * Runs a SQL script as psql would: in one simple-protocol round trip, the server splitting the
     * statements. (pgjdbc's own splitting, used in its default extended mode, cuts SQL-standard
     * function bodies, BEGIN ATOMIC … END, at their inner semicolons.)
     */
    static void runScript(TestDb db, String script) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", EmbeddedPostgres.SUPERUSER);
        p.setProperty("preferQueryMode", "simple");
        try (Connection c = DriverManager.getConnection(db.server().jdbcUrl(db.name()), p);
             java.sql.Statement st = c.createStatement()) {
            st.execute(script);
        }
    }

    private static CopyResult copy(TestDb source, TestDb target) throws Exception {
        CopyTestSupport.copyRoles(source, target, "pgbarge_");
        CopyResult result = CopyTestSupport.copy(source, target, CopyTestSupport.jobs(3));
        assertThat(result.notes()).noneMatch(n -> n.contains("cycle") || n.startsWith("internal"));
        assertThat(result.notes()).as("the notes of the copy").anyMatch(n -> n.contains("subscription") && n.contains("fid_sub"));
        return result;
    }

    @Test
    void pgDumpCannotTellTargetFromSourceOn15() throws Exception {
        TestDb source = source(15, "fid15_src");
        TestDb target = TestServers.newDatabase(15, "fid15_tgt");
        try {
            CopyResult result = copy(source, target);
            assertThat(result.rows()).isGreaterThan(100_000);
            try (Connection s = source.connect(); Connection t = target.connect()) {
                DbCompare.assertSame(s, t);
            }
            assumeTrue(PgDump.canDump(15), "pg_dump 15 or later is not installed");
            assertThat(PgDump.schemaOnly(target.uri(), "--no-subscriptions"))
                    .isEqualTo(PgDump.schemaOnly(source.uri(), "--no-subscriptions"));
            assertThat(PgDump.dataOnly(target.uri(), "--no-subscriptions"))
                    .isEqualTo(PgDump.dataOnly(source.uri(), "--no-subscriptions"));
        } finally {
            dropSubscription(source);
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0} -> {1}")
    @CsvSource({"13, 17", "16, 18"})
    void targetEqualsSourceAcrossVersions(int sourceMajor, int targetMajor) throws Exception {
        TestDb source = source(sourceMajor, "fidxv_src");
        TestDb target = TestServers.newDatabase(targetMajor, "fidxv_tgt");
        try {
            copy(source, target);
            try (Connection s = source.connect(); Connection t = target.connect()) {
                DbCompare.assertSame(s, t);
            }
        } finally {
            dropSubscription(source);
        }
    }

    @Test
    void theSchemaScriptRecreatesEveryKind(@TempDir Path dir) throws Exception {
        TestDb source = source(15, "fidsch_src");
        TestDb target = TestServers.newDatabase(15, "fidsch_tgt");
        try {
            Path file = dir.resolve("schema.sql");
            assertThat(Main.execute("schema", source.uri(), "-f", file.toString())).isEqualTo(0);
            String script = Files.readString(file);
            assertThat(script).doesNotContain("CREATE SUBSCRIPTION");
            runScript(target, script);
            try (Connection s = source.connect(); Connection t = target.connect()) {
                List<String> differences = DbCompare.schemaDifferences(s, t);
                assertThat(differences).as("schema differences").isEmpty();
            }
            assumeTrue(PgDump.canDump(15), "pg_dump 15 or later is not installed");
            assertThat(PgDump.schemaOnly(target.uri(), "--no-subscriptions"))
                    .isEqualTo(PgDump.schemaOnly(source.uri(), "--no-subscriptions"));
        } finally {
            dropSubscription(source);
        }
    }
}
