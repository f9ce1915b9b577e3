package io.pgbarge.cli;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code pgbarge restore}'s flags, errors and exit codes. */
@Timeout(120)
class RestoreCommandTest {

    record Run(int code, String out, String err) {
    }

    private static synchronized Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = new CommandLine(new RestoreCommand()).execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static Path archive(String name) {
        Path d = TestServers.datasets();
        assumeTrue(d != null, "no shared datasets");
        Path p = d.resolve("archives").resolve(name);
        assumeTrue(Files.exists(p), "no " + p);
        return p;
    }

    @Test
    void extensionChoicesApplyToArchivesOnly(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path script = tmp.resolve("plain.sql");
        Files.writeString(script, "CREATE TABLE t (x int);\n");
        Run r = run(script.toString(), "-d", "postgresql://localhost/x", "--no-progress", "--skip-missing-extensions");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("apply to archives").contains("plain SQL script");
    }

    @Test
    void missingFileIsAUsageErrorNamingThePath() {
        Run r = run("/no/such/pagila.dump", "-d", "postgresql://localhost/x", "--no-progress");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("/no/such/pagila.dump").doesNotContain("\tat ");
    }

    @Test
    void badTargetStringIsAUsageError() {
        Run r = run(archive("lo_test.Fc.dump").toString(), "-d", "postgresql://bob:s3cret@db:54x2/app", "--no-progress");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("TARGET").doesNotContain("s3cret").doesNotContain("\tat ");
    }

    @Test
    void unreachableTargetIsAConnectionError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Run r = run(archive("lo_test.Fc.dump").toString(), "-d", "postgresql://bob:pw@127.0.0.1:" + port + "/app",
                "--no-progress", "--wake-timeout", "0");
        assertThat(r.code()).isEqualTo(ExitCode.CONNECTION);
        assertThat(r.err()).doesNotContain("\tat ");
    }

    @Test
    void flagsPgRestoreRefuses() {
        String file = archive("lo_test.Fc.dump").toString();
        Run r = run(file, "-d", "x", "-j", "2", "--single-transaction");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("cannot specify both --single-transaction and multiple jobs");
        assertThat(run(file, "-d", "x", "-s", "-a").code()).isEqualTo(ExitCode.USAGE);
        assertThat(run(file, "-d", "x", "-c", "-a").code()).isEqualTo(ExitCode.USAGE);
        assertThat(run(file).code()).isEqualTo(ExitCode.USAGE);
        assertThat(run(file).err()).contains("-d");
    }

    @Test
    void listNeedsNoTarget() {
        Run r = run(archive("lo_test.Fc.dump").toString(), "-l");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("; Selected TOC Entries:").contains("3340; 0 35311 TABLE DATA public docs postgres");
    }

    @Test
    void restoresIntoTarget() throws Exception {
        TestDb db = TestServers.newDatabase(16, "restore_cli");
        Run r = run(archive("lo_test.Ft.tar").toString(), "-d", db.uri(), "-j", "2", "--no-progress", "-O");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(db.scalar("SELECT count(*) FROM pg_largeobject_metadata")).isEqualTo("6");
        Run again = run(archive("lo_test.Ft.tar").toString(), "-d", db.uri(), "--no-progress");
        assertThat(again.code()).isEqualTo(ExitCode.TARGET_NOT_EMPTY);
        assertThat(again.err()).contains("public.docs");
    }
}
