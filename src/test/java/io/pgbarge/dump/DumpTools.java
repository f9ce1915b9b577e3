package io.pgbarge.dump;

import io.pgbarge.cli.DumpCommand;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Runs {@code pgbarge dump} in-process, and Debian's pg_restore / psql 15. */
final class DumpTools {
    static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

    private DumpTools() {
    }

    record Result(int exit, String out, String err) {
    }

    /** {@code pgbarge dump ARGS}, with its stdout and stderr captured. */
    static synchronized Result dump(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = new CommandLine(new DumpCommand()).execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            oldErr.print(err.toString(StandardCharsets.UTF_8));
        }
    }

    static void assumeClients() {
        assumeTrue(Files.isExecutable(BIN.resolve("pg_restore")) && Files.isExecutable(BIN.resolve("psql")),
                "Debian's pg_restore/psql 15 are not installed");
    }

    static Result run(String program, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(BIN.resolve(program).toString());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("pgbarge-dt", ".out");
        Path err = Files.createTempFile("pgbarge-dt", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().put("PGCONNECT_TIMEOUT", "10");
            pb.environment().put("LC_ALL", "C.UTF-8");
            Process p = pb.start();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(cmd + " timed out");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
