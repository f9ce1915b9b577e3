package io.pgbarge.dump;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.testutil.PgDump;
import io.pgbarge.testutil.Sample;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The sample (PG 15) dumped by pgbarge in every format pg_restore 15 reads, restored by Debian's
 * pg_restore (or psql for plain scripts) into an empty database: pg_dump sees no difference.
 */
@Timeout(600)
class DumpRoundTripTest {
    static TestDb source;
    static String schema;
    static String data;

    @TempDir
    Path tmp;

    @BeforeAll
    static void sample() throws Exception {
        source = Sample.newDatabase(15, "dump_src");
        // large objects, as pg_dump dumps them
        source.exec("SELECT lo_from_bytea(0, convert_to('hello large object', 'UTF8'));"
                + " SELECT lo_from_bytea(0, decode(repeat('00ff', 600000), 'hex'))");
    }

    static void expectations() throws Exception {
        if (schema == null) {
            schema = PgDump.schemaOnly(source.uri());
            data = PgDump.dataOnly(source.uri());
        }
    }

    @ParameterizedTest(name = "-F{0} -Z {1} -j {2}")
    @CsvSource({"c, 0, 1", "c, 6, 1", "c, gzip:1, 2", "d, 0, 2", "d, gzip:5, 1", "t, 0, 1", "p, 0, 1", "p, 0, 3"})
    void restoresToWhatPgDumpCannotTellFromTheSource(String format, String z, int jobs) throws Exception {
        DumpTools.assumeClients();
        assumeTrue(PgDump.canDump(15), "pg_dump 15 is not installed");
        expectations();
        Path archive = tmp.resolve("sample." + format);
        DumpTools.Result r = DumpTools.dump(source.uri(), "-F", format, "-Z", z, "-j", String.valueOf(jobs),
                "-f", archive.toString(), "--no-progress");
        assertThat(r.exit()).as(r.err()).isZero();

        TestDb target = TestServers.newDatabase(15, "dump_tgt");
        Sample.createRoles(target);
        DumpTools.Result restore;
        if (format.equals("p")) {
            restore = DumpTools.run("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", target.uri(), "-f",
                    archive.toString());
        } else {
            List<String> args = new ArrayList<>(List.of("--exit-on-error", "-d", target.uri()));
            if (jobs > 1 && !format.equals("t")) {
                args.addAll(List.of("-j", String.valueOf(jobs)));
            }
            args.add(archive.toString());
            restore = DumpTools.run("pg_restore", args.toArray(String[]::new));
        }
        assertThat(restore.exit()).as(restore.err()).isZero();
        assertThat(restore.err()).doesNotContain("WARNING", "warning");
        assertThat(PgDump.schemaOnly(target.uri())).isEqualTo(schema);
        assertThat(PgDump.dataOnly(target.uri())).isEqualTo(data);
        assertThat(target.scalar("SELECT count(*) FROM pg_largeobject_metadata")).isEqualTo("2");
    }

    @ParameterizedTest(name = "pagila -F{0}")
    @CsvSource({"c", "p"})
    void pagilaRestoresPgDumpIdentical(String format) throws Exception {
        DumpTools.assumeClients();
        assumeTrue(PgDump.canDump(15), "pg_dump 15 is not installed");
        String datasets = System.getProperty("pgbarge.datasets");
        assumeTrue(datasets != null && java.nio.file.Files.isRegularFile(Path.of(datasets, "pagila", "pagila.sql")),
                "no shared datasets");
        TestDb pagila = TestServers.newDatabase(15, "dump_pagila");
        PgDump.loadWithPsql(pagila.uri(), Path.of(datasets, "pagila", "pagila.sql"));
        Path archive = tmp.resolve("pagila." + format);
        DumpTools.Result r = DumpTools.dump(pagila.uri(), "-F" + format, "-j", "2", "-f", archive.toString(), "--no-progress");
        assertThat(r.exit()).as(r.err()).isZero();
        TestDb target = TestServers.newDatabase(15, "dump_pagila_tgt");
        DumpTools.Result restore = format.equals("p")
                ? DumpTools.run("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", target.uri(), "-f", archive.toString())
                : DumpTools.run("pg_restore", "--exit-on-error", "-j", "2", "-d", target.uri(), archive.toString());
        assertThat(restore.exit()).as(restore.err()).isZero();
        assertThat(PgDump.schemaOnly(target.uri())).isEqualTo(PgDump.schemaOnly(pagila.uri()));
        assertThat(PgDump.dataOnly(target.uri())).isEqualTo(PgDump.dataOnly(pagila.uri()));
    }
}
