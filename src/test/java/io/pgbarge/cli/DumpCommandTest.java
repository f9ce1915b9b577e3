package io.pgbarge.cli;

import io.pgbarge.TestDb;
import io.pgbarge.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad inputs get a clear message and the USAGE (or CONNECTION) exit code, and leave nothing behind. */
@Timeout(120)
class DumpCommandTest {
    @TempDir
    Path tmp;

    private record Run(int code, String err) {
    }

    private static synchronized Run dump(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = new CommandLine(new DumpCommand()).execute(args);
            return new Run(code, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(old);
        }
    }

    @Test
    void badInputs() throws Exception {
        TestDb db = TestServers.newDatabase(15, "dump_cli");
        db.exec("CREATE TABLE t (x int); INSERT INTO t VALUES (1)");

        Run r = dump(db.uri(), "-Fc", "-f", "/nonexistent/dir/a.dump");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("/nonexistent/dir", "does not exist");

        Path full = Files.createDirectories(tmp.resolve("full"));
        Files.writeString(full.resolve("keep.txt"), "mine");
        r = dump(db.uri(), "-Fd", "-f", full.toString());
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("not empty");
        assertThat(Files.readString(full.resolve("keep.txt"))).isEqualTo("mine");

        r = dump(db.uri(), "-Fc", "-f", full.toString());
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("is a directory");

        for (String z : new String[] {"10", "brotli:3", "gzip:x", ""}) {
            r = dump(db.uri(), "-Fc", "-Z", z, "-f", tmp.resolve("z.dump").toString());
            assertThat(r.code()).as(z).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).as(z).isNotBlank();
        }
        r = dump(db.uri(), "-Fx", "-f", tmp.resolve("x").toString());
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("invalid output format");
        r = dump(db.uri(), "-s", "-a", "-f", tmp.resolve("x").toString());
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        r = dump(db.uri(), "-Fc");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("-f PATH");

        r = dump("postgresql://nobody@127.0.0.1:1/none", "-Fc", "-f", tmp.resolve("c.dump").toString());
        assertThat(r.code()).isEqualTo(ExitCode.CONNECTION);

        // an empty directory is fine for -Fd, and only complete archives appear at PATH
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        r = dump(db.uri(), "-Fd", "-f", empty.toString(), "--no-progress");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(empty.resolve("toc.dat")).exists();
        try (var s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("."));
        }
    }
}
