package io.pgbarge.cli;

import io.pgbarge.conn.ConnectionFailedException;
import io.pgbarge.conn.ConnectionSpec;
import io.pgbarge.conn.Connector;
import io.pgbarge.conn.WakeUpRetry;
import io.pgbarge.copy.CopyFailedException;
import io.pgbarge.copy.CopyOptions;
import io.pgbarge.copy.DatabaseCopy;
import io.pgbarge.exec.ConnectionSource;
import io.pgbarge.check.Finding;
import io.pgbarge.journal.JobIdentity;
import io.pgbarge.journal.JournalException;
import io.pgbarge.journal.RunJournal;
import io.pgbarge.report.Console;

import io.pgbarge.report.RunProgress;
import io.pgbarge.verify.CopyVerification;
import io.pgbarge.verify.VerifyFailedException;
import io.pgbarge.verify.VerifyOptions;
import io.pgbarge.verify.VerifyProgress;

/** Runs a copy for the CLI: parses the connection strings, shows progress, prints the summary, maps errors to exit codes. */
final class CopyRun {
    private CopyRun() {
    }

    static int run(String sourceText, String targetText, CopyOptions options, boolean noProgress, boolean verbose) {
        return run(sourceText, targetText, options, noProgress, verbose, false);
    }

    static int run(String sourceText, String targetText, CopyOptions options, boolean noProgress, boolean verbose,
                   boolean force) {
        return run(sourceText, targetText, options, noProgress, verbose, force, WakeUpRetry.DEFAULT_TOTAL);
    }

    static int run(String sourceText, String targetText, CopyOptions options, boolean noProgress, boolean verbose,
                   boolean force, java.time.Duration wakeTimeout) {
        return run(sourceText, targetText, options, noProgress, verbose, force, wakeTimeout, false, null);
    }

    /**
     * --resume and --work-dir.
     *
     * @param resume  continue the interrupted run of the same job
     * @param workDir where the job's journal is kept
     */
    record Journaling(boolean resume, java.nio.file.Path workDir) {
    }

    /**
     * @param wakeTimeout how long the first connection to each server is retried while it wakes up
     * @param verify      compare the target with the source afterwards, in the copy's snapshot (--verify)
     * @param journaling  where to record progress so that the copy can be resumed; null for none
     */
    static int run(String sourceText, String targetText, CopyOptions options, boolean noProgress, boolean verbose,
                   boolean force, java.time.Duration wakeTimeout, boolean verify, Journaling journaling) {
        ConnectionSpec source;
        ConnectionSpec target;
        source = ConnectionArgs.parse("SOURCE", sourceText, System.err::println);
        if (source == null) {
            return ExitCode.USAGE;
        }
        target = ConnectionArgs.parse("TARGET", targetText, System.err::println);
        if (target == null) {
            return ExitCode.USAGE;
        }
        return run(source, target, options, noProgress, verbose, force, wakeTimeout, verify, journaling);
    }

    /** The copy between two parsed connections (--all-databases runs one per database). */
    static int run(ConnectionSpec source, ConnectionSpec target, CopyOptions options, boolean noProgress,
                   boolean verbose, boolean force, java.time.Duration wakeTimeout, boolean verify,
                   Journaling journaling) {
        RunProgress progress = new RunProgress();
        ConnectionSource src = name -> Connector.open(source, name);
        ConnectionSource tgt = name -> Connector.open(target, name);
        try {
            // fail fast with a clear message before any work when a server cannot be reached
            Connector.open(source, "pgbarge:check", wakeUp(wakeTimeout, "source")).close();
            Connector.open(target, "pgbarge:check", wakeUp(wakeTimeout, "target")).close();
        } catch (ConnectionFailedException e) {
            return Failure.report(System.err, verbose, "pgbarge: " + e.getMessage(), e, ExitCode.CONNECTION);
        } catch (java.sql.SQLException e) {
            System.err.println("pgbarge: " + e.getMessage());
            return ExitCode.CONNECTION;
        }
        RunJournal journal = null;
        if (journaling != null) {
            JobIdentity job = new JobIdentity("copy", source.server() + "\n" + target.server(),
                    "copy of " + source.server() + " into " + target.server(), "", options.planShape());
            try {
                journal = RunJournal.open(journaling.workDir(), job, journaling.resume(), options.clean());
            } catch (JournalException e) {
                System.err.println("pgbarge: " + e.getMessage());
                return ExitCode.USAGE;
            }
        }
        // the preflight ran before the interrupted run; now the target holds its half-done work
        PreflightGate preflight = !force && (journal == null || !journal.resumed())
                ? PreflightGate.start(source, target, options, verbose) : null;
        CopyVerification verification = verify ? new CopyVerification(src, tgt,
                new VerifyOptions(options.jobs(), true, !options.schemaOnly()), VerifyProgress.NONE) : null;
        DatabaseCopy copy = new DatabaseCopy(src, tgt, options, progress).journal(journal)
                .gate(preflight == null ? null : preflight::pass);
        InterruptHook hook = InterruptHook.install(copy::interrupt);
        try {
            return copy(copy, progress, noProgress, verbose, verification, preflight);
        } finally {
            hook.close();
        }
    }

    private static int copy(DatabaseCopy copy, RunProgress progress, boolean noProgress, boolean verbose,
                            CopyVerification verification, PreflightGate preflight) {
        try (Console console = Console.start(progress, noProgress)) {
            copy.run(verification == null ? null : (holder, catalog) -> {
                progress.phaseStarted("verify");
                verification.run(holder, catalog);
                progress.phaseFinished("verify");
            });
            console.finish();
            return verification == null ? ExitCode.OK : verified(verification, verbose);
        } catch (CopyFailedException failure) {
            CopyFailedException e;
            try {
                e = preflight == null ? failure : preflight.shown(failure);
            } catch (InterruptedException i) {
                return Failure.interrupted(System.err, "pgbarge: interrupted");
            }
            System.err.println();
            System.err.print(preflight == null ? "" : preflight.reportFor(e));
            return Failure.report(System.err, verbose, "pgbarge: " + e.getMessage(), e, switch (e.reason()) {
                case TARGET_NOT_EMPTY -> ExitCode.TARGET_NOT_EMPTY;
                case CONNECTION -> ExitCode.CONNECTION;
                case RUN_FAILED -> ExitCode.RUN_FAILED;
                case USAGE -> ExitCode.USAGE;
                case BLOCKED -> ExitCode.BLOCKERS;
                case INTERRUPTED -> ExitCode.INTERRUPTED;
            });
        } catch (InterruptedException e) {
            return Failure.interrupted(System.err, "pgbarge: interrupted");
        } catch (RuntimeException e) {
            return Failure.internal(System.err, verbose, e);
        }
    }

    /** Prints copy --verify's outcome after the copy's summary; MISMATCH when something differs. */
    private static int verified(CopyVerification v, boolean verbose) {
        if (v.failure() != null) {
            System.err.println("pgbarge: the copy finished, but verifying it failed: " + v.failure().getMessage()
                    + "\nRun `pgbarge verify SOURCE TARGET` to compare them again.");
            if (verbose) {
                v.failure().printStackTrace();
            }
            return v.failure().reason() == VerifyFailedException.Reason.CONNECTION ? ExitCode.CONNECTION
                    : ExitCode.RUN_FAILED;
        }
        System.out.print(v.report().render());
        System.out.flush();
        return v.report().equal() ? ExitCode.OK : ExitCode.MISMATCH;
    }

    /** Retries of the first connection, one line on standard error per retry. */
    static WakeUpRetry wakeUp(java.time.Duration total, String which) {
        return WakeUpRetry.within(total, r -> System.err.println("pgbarge: " + r.describe(which)));
    }

    /** An extension finding the user chose to resolve by leaving the extension out (with what needs it). */
    static boolean leftOutByChoice(Finding f, io.pgbarge.copy.MissingExtensions.Policy policy) {
        if (!f.code().startsWith("extension-") || f.objects().isEmpty()) {
            return false;
        }
        if (policy.skipMissing() && java.util.Set.of("extension-missing", "extension-needs-superuser",
                "extension-not-creatable").contains(f.code())) {
            return true;
        }
        String[] first = f.objects().get(0).split(" "); // "extension NAME VERSION"
        return first.length >= 2 && first[0].equals("extension") && policy.excluded().contains(first[1]);
    }
}
