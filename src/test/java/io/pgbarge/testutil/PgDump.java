package io.pgbarge.testutil;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The PostgreSQL client tools installed on the machine (Debian's {@code postgresql-client}), for
 * tests that hold pgbarge against them: pg_dump's view of two databases must match, and pagila or
 * chinook load with psql. Tests that use this should skip when {@link #isAvailable()} is false.
 *
 * <p>Output is normalised so that two dumps of equal databases are equal strings: the lines that
 * change on every run ({@code -- Dumped from/by}, "restrict" and "unrestrict" meta-commands with their
 * random keys) are removed, and in data dumps the rows of each COPY block are sorted, because row
 * order on disk is not part of a database's content.
 *
 * <p>pg_dump refuses servers newer than itself ("aborting because of server version mismatch"):
 * check {@link #canDump(int)} with the server's major version.
 */
public final class PgDump {

    /** Generous: loading pagila with psql takes a few seconds. */
    private static final long TIMEOUT_SECONDS = 300;

    private PgDump() {
    }

    // ------------------------------------------------------------------------------------------------
    // Finding the binaries
    // ------------------------------------------------------------------------------------------------

    /** Whether both pg_dump and psql are installed. */
    public static boolean isAvailable() {
        return binary("pg_dump").isPresent() && binary("psql").isPresent();
    }

    /** The major version of the pg_dump found, or 0 when there is none. */
    public static int majorVersion() {
        Optional<Path> bin = binary("pg_dump");
        if (bin.isEmpty()) {
            return 0;
        }
        try {
            // "pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"
            String out = run(List.of(bin.get().toString(), "--version"), null).stdout;
            Matcher m = Pattern.compile("\\(PostgreSQL\\) (\\d+)").matcher(out);
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Whether the installed pg_dump can dump a server of this major version (not newer than itself). */
    public static boolean canDump(int serverMajor) {
        return isAvailable() && majorVersion() >= serverMajor;
    }

    /**
     * A client program: the newest /usr/lib/postgresql/N/bin/NAME (Debian installs each major there,
     * and the PATH entry is a wrapper script that may choose an older one), else NAME on the PATH.
     */
    public static Optional<Path> binary(String name) {
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> majors = Files.list(debian)) {
                Optional<Path> newest = majors
                        .filter(p -> p.getFileName().toString().matches("\\d+"))
                        .sorted(Comparator.comparingInt((Path p) -> Integer.parseInt(p.getFileName().toString())).reversed())
                        .map(p -> p.resolve("bin").resolve(name))
                        .filter(Files::isExecutable)
                        .findFirst();
                if (newest.isPresent()) {
                    return newest;
                }
            } catch (IOException e) {
                // fall through to the PATH
            }
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------------------------------------
    // Dumps
    // ------------------------------------------------------------------------------------------------

    /**
     * {@code pg_dump --schema-only} of a database (libpq URI, e.g. postgresql://postgres@127.0.0.1:5432/db),
     * normalised. {@code options} are further pg_dump options, e.g. "--no-owner", "--no-privileges",
     * "--no-comments", "-n", "app".
     */
    public static String schemaOnly(String uri, String... options) throws IOException {
        return dump(uri, concat("--schema-only", options));
    }

    /** {@code pg_dump --data-only} of a database, normalised, with each COPY block's rows sorted. */
    public static String dataOnly(String uri, String... options) throws IOException {
        return sortCopyRows(dump(uri, concat("--data-only", options)));
    }

    /** A plain-format dump with any options, normalised (volatile lines removed, rows not sorted). */
    public static String dump(String uri, List<String> options) throws IOException {
        Path bin = binary("pg_dump").orElseThrow(() -> new IOException("pg_dump is not installed"));
        List<String> cmd = new ArrayList<>();
        cmd.add(bin.toString());
        cmd.addAll(options);
        cmd.add("--dbname=" + uri);
        Result r = run(cmd, null);
        if (r.exit != 0) {
            throw new IOException("pg_dump failed (exit " + r.exit + "): " + String.join(" ", cmd) + "\n" + r.stderr);
        }
        return removeVolatileLines(r.stdout);
    }

    /**
     * Loads a plain SQL file (such as a plain pg_dump) with psql, stopping at the first error.
     * Output is discarded; the error text is in the exception.
     */
    public static void loadWithPsql(String uri, Path sqlFile) throws IOException {
        Path bin = binary("psql").orElseThrow(() -> new IOException("psql is not installed"));
        List<String> cmd = List.of(bin.toString(), "-v", "ON_ERROR_STOP=1", "-q", "-X",
                "--dbname=" + uri, "-f", sqlFile.toAbsolutePath().toString());
        Result r = run(cmd, null);
        if (r.exit != 0) {
            throw new IOException("psql failed (exit " + r.exit + ") loading " + sqlFile + "\n" + r.stderr);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Normalisation
    // ------------------------------------------------------------------------------------------------

    /**
     * Removes the lines that differ between two dumps of the same database: the server and pg_dump
     * versions, and the "restrict KEY" and "unrestrict KEY" psql meta-command lines that pg_dump writes
     * since the 2025 security releases, with a random key each run.
     */
    public static String removeVolatileLines(String dump) {
        StringBuilder out = new StringBuilder(dump.length());
        for (String line : dump.split("\n", -1)) {
            if (line.startsWith("-- Dumped from database version")
                    || line.startsWith("-- Dumped by pg_dump version")
                    || line.startsWith("\\restrict ")
                    || line.startsWith("\\unrestrict ")) {
                continue;
            }
            out.append(line).append('\n');
        }
        // split(-1) keeps the text after the last newline as one more (empty) line
        out.setLength(out.length() - 1);
        return out.toString();
    }

    /**
     * Sorts the rows between each {@code COPY … FROM stdin;} line and its {@code \.} terminator. In
     * COPY text format every row is one line (newlines inside values are escaped as \n), so sorting
     * lines sorts rows.
     */
    public static String sortCopyRows(String dump) {
        String[] lines = dump.split("\n", -1);
        List<String> out = new ArrayList<>(lines.length);
        List<String> block = null;
        for (String line : lines) {
            if (block != null) {
                if (line.equals("\\.")) {
                    block.sort(null);
                    out.addAll(block);
                    out.add(line);
                    block = null;
                } else {
                    block.add(line);
                }
            } else {
                out.add(line);
                if (line.startsWith("COPY ") && line.endsWith(" FROM stdin;")) {
                    block = new ArrayList<>();
                }
            }
        }
        if (block != null) {
            out.addAll(block); // unterminated: leave as it was
        }
        return String.join("\n", out);
    }

    // ------------------------------------------------------------------------------------------------
    // Running a program
    // ------------------------------------------------------------------------------------------------

    private record Result(int exit, String stdout, String stderr) {
    }

    private static Result run(List<String> cmd, Path workDir) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        // UTF-8 on the wire whatever the machine's locale; never read the user's ~/.psqlrc, ~/.pgpass
        // or service file, whose contents would make the tests depend on the machine.
        pb.environment().put("PGCLIENTENCODING", "UTF8");
        pb.environment().put("PGCONNECT_TIMEOUT", "20");
        pb.environment().put("PGPASSFILE", "/dev/null");
        pb.environment().remove("PGSERVICE");
        pb.environment().remove("PGOPTIONS");
        pb.environment().put("LC_ALL", "C.UTF-8");
        Path out = Files.createTempFile("pgbarge-tool-", ".out");
        Path err = Files.createTempFile("pgbarge-tool-", ".err");
        try {
            pb.redirectOutput(out.toFile());
            pb.redirectError(err.toFile());
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Process p = pb.start();
            try {
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IOException("timed out after " + TIMEOUT_SECONDS + " s: " + String.join(" ", cmd));
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted: " + String.join(" ", cmd), e);
            }
            // lenient decoding: a stray invalid byte must not hide the rest of an error message
            return new Result(p.exitValue(), new String(Files.readAllBytes(out), StandardCharsets.UTF_8),
                    new String(Files.readAllBytes(err), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static List<String> concat(String first, String... rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(Arrays.asList(rest));
        return all;
    }
}
