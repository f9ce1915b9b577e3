package io.pgbarge.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The whole run at one instant, read from {@link RunProgress}: what the overall progress line, the
 * plain log's status line and the summary all show. Progress is measured in bytes, not rows, because
 * pg_class estimates bytes well enough before a table is read (relpages) and rows poorly (reltuples is
 * -1 on a never-analyzed table). Estimates can still be off both ways, so:
 * <ul>
 *   <li>a finished table counts its actual bytes, a running one at least what it has copied so far,
 *       so the expected total grows when a table turns out bigger than estimated;</li>
 *   <li>the percentage stops at 99 until every table has finished, and is never above 100;</li>
 *   <li>there is no ETA (rather than a negative one) when nothing is left by the estimates but tables
 *       are still running.</li>
 * </ul>
 */
public record Totals(
        String phase,
        int tablesTotal,
        int tablesDone,
        int tablesFailed,
        int tablesRunning,
        long rows,
        long bytes,
        long expectedBytes,
        Duration copying,
        long stepsDone,
        long stepsTotal) {

    /** Reads {@code p} as of {@code now} (the caller's clock, so tests can fix it). */
    public static Totals of(RunProgress p, Instant now) {
        List<RunProgress.TableState> tables = p.tables();
        int done = 0;
        int failed = 0;
        int running = 0;
        long rows = 0;
        long bytes = 0;
        long expected = 0;
        Instant first = null;
        Instant last = null;
        for (RunProgress.TableState t : tables) {
            long b = t.bytes.get();
            rows += t.rows.get();
            bytes += b;
            Instant started = t.started;
            Instant finished = t.finished;
            // A table whose copy failed counts as over even if the executor never marked it finished.
            if (finished != null || t.failed) {
                expected += b;
                if (t.failed) {
                    failed++;
                } else {
                    done++;
                }
                if (finished != null && (last == null || finished.isAfter(last))) {
                    last = finished;
                }
            } else {
                expected += Math.max(t.estimatedBytes, b);
                if (started != null) {
                    running++;
                }
            }
            if (started != null && (first == null || started.isBefore(first))) {
                first = started;
            }
        }
        boolean allFinished = !tables.isEmpty() && done + failed == tables.size();
        Instant end = allFinished && last != null ? last : now;
        Duration copying = first == null || end.isBefore(first) ? Duration.ZERO : Duration.between(first, end);
        return new Totals(currentPhase(p), tables.size(), done, failed, running, rows, bytes, expected, copying,
                p.stepsDone(), p.stepsTotal());
    }

    /** The most recently started phase still running; "done" once all have finished. */
    static String currentPhase(RunProgress p) {
        List<RunProgress.Phase> phases = p.phases();
        for (int i = phases.size() - 1; i >= 0; i--) {
            if (phases.get(i).finished == null) {
                return phases.get(i).name;
            }
        }
        return phases.isEmpty() ? "starting" : "done";
    }

    public boolean allTablesFinished() {
        return tablesDone + tablesFailed == tablesTotal;
    }

    /** 0–100; 100 only when every table has finished. */
    public int percent() {
        return percent(bytes, expectedBytes, tablesTotal > 0 && allTablesFinished());
    }

    /** Average bytes per second since the first table started; NaN before any data moved. */
    public double bytesPerSecond() {
        return rate(bytes, copying);
    }

    /** Time left at the average rate so far, or null when there is no honest answer yet. */
    public Duration eta() {
        return allTablesFinished() ? Duration.ZERO : eta(bytes, expectedBytes, copying);
    }

    /** Percentage of {@code done} in {@code expected}, floored and capped at 99 unless {@code finished}. */
    static int percent(long done, long expected, boolean finished) {
        if (finished) {
            return 100;
        }
        if (expected <= 0 || done <= 0) {
            return 0;
        }
        return (int) Math.min(99, Math.floor(100.0 * done / expected));
    }

    /** Bytes per second, NaN when no time has passed or nothing moved. */
    static double rate(long bytes, Duration elapsed) {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 || bytes <= 0 ? Double.NaN : bytes / seconds;
    }

    /**
     * Remaining time if the rest goes as fast as what is done: null before anything moved, and null when
     * the estimate is already used up (the estimate was wrong; we cannot say how wrong).
     */
    static Duration eta(long done, long expected, Duration elapsed) {
        long remaining = expected - done;
        if (done <= 0 || elapsed.isZero() || elapsed.isNegative() || remaining <= 0) {
            return null;
        }
        double nanos = (double) elapsed.toNanos() * remaining / done;
        return nanos >= Long.MAX_VALUE ? Duration.ofDays(365_000) : Duration.ofNanos((long) nanos);
    }
}
