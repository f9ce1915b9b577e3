package io.pgbarge.restore;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import io.pgbarge.cli.RestoreCommand;
import io.pgbarge.testutil.PgDump;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Shared helpers of the restore tests: the shared archives, a reference load, running the CLI. */
final class RestoreFixtures {
    private static String referenceSchema;
    private static String referenceData;

    private RestoreFixtures() {
    }

    /** The shared archives directory, or skip the test. */
    static Path archives() {
        Path d = TestServers.datasets();
        assumeTrue(d != null, "no shared datasets (pgbarge.datasets)");
        Path p = d.resolve("archives");
        assumeTrue(Files.isDirectory(p), "no shared archives at " + p);
        return p;
    }

    static Path archive(String name) {
        Path p = archives().resolve(name);
        assumeTrue(Files.exists(p), "no " + p);
        return p;
    }

    static void assumePgDump() {
        assumeTrue(PgDump.isAvailable() && PgDump.canDump(15), "pg_dump/psql 15 are not installed");
    }

    /** pagila loaded with psql from pagila_neon.plain.sql, as pg_dump 15 sees it: schema, then data. */
    static synchronized String[] pagilaReference() throws Exception {
        if (referenceSchema == null) {
            TestDb ref = TestServers.newDatabase(15, "restore_ref");
            PgDump.loadWithPsql(ref.uri(), archive("pagila_neon.plain.sql"));
            referenceSchema = PgDump.schemaOnly(ref.uri());
            referenceData = PgDump.dataOnly(ref.uri());
        }
        return new String[] {referenceSchema, referenceData};
    }

    /** The outcome of one CLI run: exit code and what it printed. */
    record Run(int exit, String out, String err) {
    }

    /** Runs {@code pgbarge restore ARGS}, capturing stdout and stderr. */
    static synchronized Run restore(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            List<String> all = new ArrayList<>(List.of(args));
            all.add("--no-progress");
            int code = new CommandLine(new RestoreCommand()).execute(all.toArray(String[]::new));
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
