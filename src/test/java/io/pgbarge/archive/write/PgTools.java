package io.pgbarge.archive.write;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Debian's PostgreSQL 15 client programs, when installed. */
final class PgTools {
    static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

    private PgTools() {
    }

    static void assumePresent() {
        assumeTrue(Files.isExecutable(BIN.resolve("pg_restore")), "Debian's pg_restore 15 is not installed");
    }

    record Result(int exit, String out, String err) {
    }

    static Result run(String program, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(BIN.resolve(program).toString());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("pgtool", ".out");
        Path err = Files.createTempFile("pgtool", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().put("PGCONNECT_TIMEOUT", "10");
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
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
