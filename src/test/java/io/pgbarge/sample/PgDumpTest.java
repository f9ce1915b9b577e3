package io.pgbarge.sample;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.testutil.DbCompare;
import io.pgbarge.testutil.PgDump;
import io.pgbarge.testutil.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * PgDump's normalised output is the same for two loads of the sample, and differs when they do;
 * psql loads the shared datasets. Skipped where the client tools are not installed.
 */
@Timeout(300)
class PgDumpTest {
    /** Debian bookworm's pg_dump is 15, and pg_dump refuses newer servers. */
    private static final int MAJOR = 15;

    @Test
    void normalisesTheLinesThatChangeOnEveryRun() {
        String dump = "--\n-- PostgreSQL database dump\n--\n\n\\restrict AbC123\n\n"
                + "-- Dumped from database version 15.19\n-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)\n\n"
                + "COPY app.t (x) FROM stdin;\n3\n1\n2\n\\.\n\n\\unrestrict AbC123\n";
        assertThat(PgDump.sortCopyRows(PgDump.removeVolatileLines(dump))).isEqualTo(
                "--\n-- PostgreSQL database dump\n--\n\n\n\nCOPY app.t (x) FROM stdin;\n1\n2\n3\n\\.\n\n");
    }

    @Test
    void twoLoadsOfTheSampleDumpTheSame() throws Exception {
        assumeTrue(PgDump.canDump(MAJOR), "pg_dump " + MAJOR + "+ is not installed");
        TestDb a = Sample.newDatabase(MAJOR, "dump_a");
        TestDb b = Sample.newDatabase(MAJOR, "dump_b");

        String schemaA = PgDump.schemaOnly(a.uri());
        assertThat(schemaA).contains("CREATE TABLE app.customers", "\"Ünïcødé \"\"Quoted\"\" Table\"")
                .doesNotContain("Dumped from", "\\restrict");
        assertThat(PgDump.schemaOnly(b.uri())).isEqualTo(schemaA);
        assertThat(PgDump.schemaOnly(b.uri(), "--no-owner", "--no-privileges"))
                .isEqualTo(PgDump.schemaOnly(a.uri(), "--no-owner", "--no-privileges"))
                .doesNotContain("OWNER TO", "GRANT ");

        String dataA = PgDump.dataOnly(a.uri());
        assertThat(dataA).contains("COPY app.order_items", "SELECT pg_catalog.setval('app.ticket_seq', 777777, true);");
        assertThat(PgDump.dataOnly(b.uri())).isEqualTo(dataA);

        // physical row order does not matter, content does
        b.exec("UPDATE app.employees SET salary = salary WHERE id <= 10");  // rewrites rows at the end of the heap
        assertThat(PgDump.dataOnly(b.uri())).isEqualTo(dataA);
        b.exec("UPDATE app.employees SET salary = salary + 1 WHERE id = 10");
        assertThat(PgDump.dataOnly(b.uri())).isNotEqualTo(dataA);
        b.exec("COMMENT ON TABLE app.orders IS 'changed'");
        assertThat(PgDump.schemaOnly(b.uri())).isNotEqualTo(schemaA);
    }

    /**
     * The reference tool's copy compares clean: DbCompare has no false alarms on a real
     * pg_dump | psql copy, also into a newer major version.
     */
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"13, 18", "15, 16"})
    void aPgDumpCopyComparesEqual(int sourceMajor, int targetMajor) throws Exception {
        assumeTrue(PgDump.canDump(sourceMajor), "pg_dump " + sourceMajor + "+ is not installed");
        TestDb source = Sample.newDatabase(sourceMajor, "pgdump_src");
        TestDb target = TestServers.newDatabase(targetMajor, "pgdump_tgt");
        Sample.createRoles(target);
        Path file = Files.createTempFile("pgbarge-sample-", ".sql");
        try {
            Files.writeString(file, PgDump.dump(source.uri(), List.of()));
            PgDump.loadWithPsql(target.uri(), file);
        } finally {
            Files.deleteIfExists(file);
        }
        try (Connection s = source.connect(); Connection t = target.connect()) {
            DbCompare.assertSame(s, t);
        }
    }

    /** Copies made with --no-owner, --no-privileges, --no-comments compare equal with the matching Ignore. */
    @Test
    void copiesWithoutOwnersPrivilegesOrCommentsCompareEqualIgnoringThem() throws Exception {
        assumeTrue(PgDump.canDump(MAJOR), "pg_dump " + MAJOR + "+ is not installed");
        TestDb source = Sample.newDatabase(MAJOR, "pgdump_src");
        TestDb noOwner = copy(source, "--no-owner");
        TestDb noAcl = copy(source, "--no-privileges", "--no-comments");
        try (Connection s = source.connect(); Connection t1 = noOwner.connect(); Connection t2 = noAcl.connect()) {
            assertThat(DbCompare.schemaDifferences(s, t1)).contains("table app.employees: owner: source 'pgbarge_demo_owner' target 'postgres'");
            DbCompare.assertSame(s, t1, DbCompare.Ignore.OWNERS);

            assertThat(DbCompare.schemaDifferences(s, t2)).anyMatch(d -> d.startsWith("table app.products: acl:"))
                    .anyMatch(d -> d.startsWith("table app.products: comment:"));
            DbCompare.assertSame(s, t2, DbCompare.Ignore.PRIVILEGES, DbCompare.Ignore.COMMENTS);
        }
    }

    private static TestDb copy(TestDb source, String... options) throws Exception {
        TestDb target = TestServers.newDatabase(MAJOR, "pgdump_tgt");
        Path file = Files.createTempFile("pgbarge-sample-", ".sql");
        try {
            Files.writeString(file, PgDump.dump(source.uri(), List.of(options)));
            PgDump.loadWithPsql(target.uri(), file);
        } finally {
            Files.deleteIfExists(file);
        }
        return target;
    }

    @Test
    void psqlLoadsTheSharedDatasets() throws Exception {
        assumeTrue(PgDump.isAvailable(), "psql is not installed");
        Path datasets = TestServers.datasets();
        assumeTrue(datasets != null && Files.isRegularFile(datasets.resolve("pagila/pagila.sql")), "no ../shared/datasets");

        TestDb pagila1 = TestServers.newDatabase(MAJOR, "pagila");
        TestDb pagila2 = TestServers.newDatabase(MAJOR, "pagila");
        PgDump.loadWithPsql(pagila1.uri(), datasets.resolve("pagila/pagila.sql"));
        PgDump.loadWithPsql(pagila2.uri(), datasets.resolve("pagila/pagila.sql"));
        assertThat(pagila1.scalar("SELECT count(*) FROM public.payment")).isNotEqualTo("0");
        try (Connection c1 = pagila1.connect(); Connection c2 = pagila2.connect()) {
            DbCompare.assertSame(c1, c2);
        }

        TestDb chinook = TestServers.newDatabase(MAJOR, "chinook");
        PgDump.loadWithPsql(chinook.uri(), datasets.resolve("chinook/chinook.sql"));
        assertThat(chinook.scalar("SELECT count(*) FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace"))
                .isNotEqualTo("0");

        // a failing script is reported with psql's message
        Path bad = Files.createTempFile("pgbarge-bad-", ".sql");
        try {
            Files.writeString(bad, "CREATE TABLE ok (x int);\nSELECT * FROM no_such_table;\n");
            TestDb db = TestServers.newDatabase(MAJOR, "psql_err");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> PgDump.loadWithPsql(db.uri(), bad))
                    .hasMessageContaining("no_such_table");
        } finally {
            Files.deleteIfExists(bad);
        }
    }
}
