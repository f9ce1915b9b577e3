package io.pgbarge.testutil;

import io.pgbarge.cli.Main;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the CLI in this JVM, as a user would from a shell, and captures what it printed and its exit code. */
public final class Cli {
    private Cli() {
    }

    public record Run(int code, String out, String err) {
        /** Everything printed, standard output then standard error. */
        public String all() {
            return out + err;
        }
    }

    /** Synchronized on this one class: System.out and System.err are swapped for the whole JVM meanwhile. */
    public static synchronized Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
