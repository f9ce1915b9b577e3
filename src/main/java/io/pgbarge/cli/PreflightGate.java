package io.pgbarge.cli;

import io.pgbarge.check.CheckOptions;
import io.pgbarge.check.Finding;
import io.pgbarge.check.FindingsReport;
import io.pgbarge.check.Preflight;
import io.pgbarge.conn.ConnectionSpec;
import io.pgbarge.conn.Connector;
import io.pgbarge.copy.CopyFailedException;
import io.pgbarge.copy.CopyOptions;
import io.pgbarge.exec.PgError;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The preflight check of a copy (the blockers of `pgbarge check`), run on sessions of its own while the
 * copy connects and reads the source's catalog, which changes nothing on the target; the copy waits for
 * its verdict before its first change there. On thousands of tables that takes the check's ~0.1 s out
 * of the time before the first row moves.
 */
final class PreflightGate {
    /**
     * Blockers the copy handles itself: names that already exist (refused with their list, or dropped
     * by --clean) and owners the login cannot use (left with the login, noted).
     */
    private static final java.util.Set<String> HANDLED_BY_COPY = java.util.Set.of("target-name-collision",
            "owner-not-settable");

    private final CompletableFuture<Verdict> verdict = new CompletableFuture<>();

    /** Null: the copy may start; else why not, and the findings report to print before that message. */
    private record Verdict(CopyFailedException refusal, String report) {
    }

    private PreflightGate() {
    }

    /** Starts the check on a thread of its own. */
    static PreflightGate start(ConnectionSpec source, ConnectionSpec target, CopyOptions copy, boolean verbose) {
        PreflightGate gate = new PreflightGate();
        Thread t = new Thread(() -> {
            try {
                gate.verdict.complete(check(source, target, copy, verbose));
            } catch (Throwable e) {
                gate.verdict.completeExceptionally(e);
            }
        }, "pgbarge-preflight");
        t.setDaemon(true);
        t.start();
        return gate;
    }

    /** Waits for the check: returns when the copy may change the target, else throws why not. */
    void pass() throws CopyFailedException, InterruptedException {
        Verdict v = verdict();
        if (v.refusal != null) {
            throw v.refusal;
        }
    }

    /**
     * What the user is told about a copy that failed: the check's refusal when it found one (the copy
     * ran beside it, and whatever stopped the copy then, the blockers come first, as when the check ran
     * alone before it), else the copy's own failure. A copy that was interrupted is reported as such.
     */
    CopyFailedException shown(CopyFailedException copyFailure) throws InterruptedException {
        if (copyFailure.reason() == CopyFailedException.Reason.INTERRUPTED) {
            return copyFailure;
        }
        Verdict v = verdict();
        return v.refusal != null ? v.refusal : copyFailure;
    }

    /** The findings report that goes before {@code failure}'s message, or "" when it has none. */
    String reportFor(CopyFailedException failure) {
        Verdict v = verdict.getNow(null);
        return v != null && v.refusal == failure ? v.report : "";
    }

    private Verdict verdict() throws InterruptedException {
        try {
            return verdict.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static Verdict check(ConnectionSpec source, ConnectionSpec target, CopyOptions copy, boolean verbose) {
        CheckOptions options = new CheckOptions(copy.jobs(), CheckCommand.endpoints(source),
                CheckCommand.endpoints(target), "pgbarge:check:source", "pgbarge:check:target");
        List<Finding> blockers;
        try (var s = Connector.open(source, "pgbarge:check:source");
             var t = Connector.open(target, "pgbarge:check:target")) {
            blockers = Preflight.blockers(s, t, options).stream()
                    .filter(f -> !HANDLED_BY_COPY.contains(f.code())
                            && !CopyRun.leftOutByChoice(f, copy.extensions())).toList();
        } catch (java.sql.SQLException e) {
            return new Verdict(new CopyFailedException(CopyFailedException.Reason.CONNECTION,
                    "the preflight check could not read the servers: " + PgError.of(e).message(), e), "");
        }
        if (blockers.isEmpty()) {
            return new Verdict(null, "");
        }
        return new Verdict(new CopyFailedException(CopyFailedException.Reason.BLOCKED, "the copy did not start: "
                + blockers.size() + " blocker(s) above, nothing was changed on the target. Fix them, or run with"
                + " --force to copy anyway.", null),
                FindingsReport.text(blockers, source.redacted(), target.redacted(), verbose));
    }
}
