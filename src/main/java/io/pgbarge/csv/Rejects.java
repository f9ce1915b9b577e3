package io.pgbarge.csv;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The rejects file: one CSV row per record that did not load — input, line, reason, the record as
 * read — created at the first reject (so a clean load leaves no file). Shared by the reader and the
 * loading sessions; counts rejects against {@code --max-errors}.
 */
final class Rejects implements AutoCloseable {
    private final Path path;
    private final long maxErrors;
    private BufferedWriter out;
    private long count;

    /** Thrown when a reject is one more than {@code --max-errors} allows. */
    static final class TooMany extends Exception {
        final String input;
        final long line;

        TooMany(String input, long line, String message) {
            super(message);
            this.input = input;
            this.line = line;
        }
    }

    /** @param maxErrors rejects allowed; negative: no limit */
    Rejects(Path path, long maxErrors) {
        this.path = path;
        this.maxErrors = maxErrors;
    }

    synchronized void add(String input, long line, String reason, String record) throws TooMany, IOException {
        count++;
        try {
            if (out == null) {
                out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
                out.write("input,line,reason,record\n");
            }
            out.write(field(input) + "," + line + "," + field(reason) + "," + field(record) + "\n");
        } catch (IOException e) {
            throw new IOException("cannot write the rejects file " + path + " (" + e + "); choose another with"
                    + " --rejects FILE", e);
        }
        if (maxErrors >= 0 && count > maxErrors) {
            out.flush();
            throw new TooMany(input, line, "more than " + maxErrors + " rejected row(s) (--max-errors " + maxErrors
                    + "): stopped at " + input + " line " + line + " (" + reason + ")");
        }
    }

    synchronized long count() {
        return count;
    }

    Path path() {
        return path;
    }

    private static String field(String s) {
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    @Override
    public synchronized void close() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
    }
}
