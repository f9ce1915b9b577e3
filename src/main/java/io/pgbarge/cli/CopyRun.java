package io.pgbarge.cli;

import io.pgbarge.conn.ConnectionFailedException;
import io.pgbarge.conn.ConnectionSpec;
import io.pgbarge.conn.ConnectionStringException;
import io.pgbarge.conn.ConnectionStrings;
import io.pgbarge.conn.Connector;
import io.pgbarge.copy.CopyFailedException;
import io.pgbarge.copy.CopyOptions;
import io.pgbarge.copy.DatabaseCopy;
import io.pgbarge.exec.ConnectionSource;
import io.pgbarge.report.Console;
import io.pgbarge.report.RunProgress;

/** Runs a copy for the CLI: parses the connection strings, shows progress, prints the summary, maps errors to exit codes. */
final class CopyRun {
    private CopyRun() {
    }

    static int run(String sourceText, String targetText, CopyOptions options, boolean noProgress, boolean verbose) {
        ConnectionSpec source;
        ConnectionSpec target;
        try {
            source = ConnectionStrings.parse(sourceText);
        } catch (ConnectionStringException e) {
            System.err.println("pgbarge: invalid SOURCE connection string: " + e.getMessage());
            return ExitCode.USAGE;
        }
        try {
            target = ConnectionStrings.parse(targetText);
        } catch (ConnectionStringException e) {
            System.err.println("pgbarge: invalid TARGET connection string: " + e.getMessage());
            return ExitCode.USAGE;
        }
        RunProgress progress = new RunProgress();
        ConnectionSource src = name -> Connector.open(source, name);
        ConnectionSource tgt = name -> Connector.open(target, name);
        try {
            // fail fast with a clear message before any work when a server cannot be reached
            Connector.open(source, "pgbarge:check").close();
            Connector.open(target, "pgbarge:check").close();
        } catch (ConnectionFailedException e) {
            System.err.println("pgbarge: " + e.getMessage());
            if (verbose) {
                e.printStackTrace();
            }
            return ExitCode.CONNECTION;
        } catch (java.sql.SQLException e) {
            System.err.println("pgbarge: " + e.getMessage());
            return ExitCode.CONNECTION;
        }
        try (Console console = Console.start(progress, noProgress)) {
            new DatabaseCopy(src, tgt, options, progress).run();
            console.finish();
            return ExitCode.OK;
        } catch (CopyFailedException e) {
            System.err.println();
            System.err.println("pgbarge: " + e.getMessage());
            if (verbose) {
                e.printStackTrace();
            }
            return switch (e.reason()) {
                case TARGET_NOT_EMPTY -> ExitCode.TARGET_NOT_EMPTY;
                case CONNECTION -> ExitCode.CONNECTION;
                case RUN_FAILED -> ExitCode.RUN_FAILED;
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("pgbarge: interrupted");
            return ExitCode.INTERRUPTED;
        } catch (RuntimeException e) {
            System.err.println("pgbarge: internal error: " + e + (verbose ? "" : " (run with -v for details)"));
            if (verbose) {
                e.printStackTrace();
            }
            return ExitCode.INTERNAL;
        }
    }
}
