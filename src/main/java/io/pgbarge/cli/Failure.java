package io.pgbarge.cli;

import java.io.PrintStream;

/**
 * How a command reports a failure: one message on stderr, the stack trace only behind -v (users get the
 * message, a bug report gets the trace), and the exit code the caller returns.
 */
final class Failure {
    private Failure() {
    }

    static int report(PrintStream err, boolean verbose, String message, Throwable e, int code) {
        err.println(message);
        if (verbose) {
            e.printStackTrace(err);
        }
        return code;
    }

    /** The command's thread was interrupted: the flag is set again for whoever runs it. */
    static int interrupted(PrintStream err, String message) {
        Thread.currentThread().interrupt();
        err.println(message);
        return ExitCode.INTERRUPTED;
    }

    /** A bug: the exception's own text, and a pointer to -v for the trace to report. */
    static int internal(PrintStream err, boolean verbose, RuntimeException e) {
        return report(err, verbose, "pgbarge: internal error: " + e + (verbose ? "" : " (run with -v for details)"),
                e, ExitCode.INTERNAL);
    }
}
