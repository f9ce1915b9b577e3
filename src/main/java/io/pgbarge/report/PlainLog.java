package io.pgbarge.report;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Progress where there is no terminal to redraw (CI logs, pipes, files): one timestamped line per
 * event, and every 10 s one status line for the whole run. Each line starts with the time and a fixed
 * word ({@code phase}, {@code table}, {@code step}, {@code note}, {@code status}) so it can be grepped.
 *
 * <pre>
 * 2024-05-01 12:00:00 phase data started
 * 2024-05-01 12:00:00 table public.orders started (~1.2 GiB)
 * 2024-05-01 12:01:02 table public.orders done: 1,000,000 rows, 1.1 GiB in 1m 02.3s (18.2 MiB/s)
 * 2024-05-01 12:00:10 status: phase data, 42%, tables 3/10, rows 1,234, 512.0 MiB of ~1.2 GiB, 20.1 MiB/s, ETA 35s
 * </pre>
 */
public final class PlainLog implements RunProgress.Listener, ProgressDisplay {
    public static final Duration DEFAULT_STATUS_EVERY = Duration.ofSeconds(10);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final RunProgress progress;
    private final PrintStream out;
    private final Clock clock;
    private final Duration statusEvery;
    private ScheduledExecutorService timer;
    private volatile boolean closed;

    /** Local time stamps, a status line every 10 s. */
    public PlainLog(RunProgress progress, PrintStream out) {
        this(progress, out, Clock.systemDefaultZone(), DEFAULT_STATUS_EVERY);
    }

    /** {@code statusEvery} zero or negative: no periodic status lines. */
    public PlainLog(RunProgress progress, PrintStream out, Clock clock, Duration statusEvery) {
        this.progress = progress;
        this.out = out;
        this.clock = clock;
        this.statusEvery = statusEvery;
    }

    /** Subscribes to the run's events and starts the periodic status line. */
    @Override
    public synchronized void start() {
        if (timer != null || closed) {
            return;
        }
        progress.addListener(this);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pgbarge-status");
            t.setDaemon(true);
            return t;
        });
        if (!statusEvery.isZero() && !statusEvery.isNegative()) {
            long ms = statusEvery.toMillis();
            timer.scheduleAtFixedRate(() -> {
                try {
                    status();
                } catch (RuntimeException e) {
                    // a log line is not worth stopping the status timer for
                }
            }, ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    /** Stops the status line and prints a last one. Events after this are ignored. */
    @Override
    public void close() {
        ScheduledExecutorService t;
        synchronized (this) {
            if (closed) {
                return;
            }
            t = timer;
        }
        if (t != null) {
            t.shutdownNow();
        }
        status();
        closed = true;
    }

    /** One line for the whole run (the timer calls this). */
    public void status() {
        Totals t = Totals.of(progress, clock.instant());
        StringBuilder b = new StringBuilder("status: phase ").append(t.phase());
        if (t.tablesTotal() > 0) {
            b.append(", ").append(t.percent()).append('%')
                    .append(", tables ").append(t.tablesDone()).append('/').append(t.tablesTotal());
            if (t.tablesRunning() > 0) {
                b.append(" (").append(t.tablesRunning()).append(" running)");
            }
            if (t.tablesFailed() > 0) {
                b.append(" (").append(t.tablesFailed()).append(" failed)");
            }
            b.append(", rows ").append(Format.count(t.rows()))
                    .append(", ").append(Format.bytes(t.bytes())).append(" of ")
                    .append(t.allTablesFinished() ? "" : "~").append(Format.bytes(t.expectedBytes()))
                    .append(", ").append(Format.rate(t.bytesPerSecond()))
                    .append(", ETA ").append(Format.eta(t.eta()));
        }
        if (t.stepsTotal() > 0) {
            b.append(", steps ").append(t.stepsDone()).append('/').append(t.stepsTotal());
        }
        line(b.toString());
    }

    @Override
    public void phaseStarted(RunProgress.Phase p) {
        line("phase " + p.name + " started");
    }

    @Override
    public void phaseFinished(RunProgress.Phase p) {
        line("phase " + p.name + " finished in " + Format.duration(p.duration()));
    }

    @Override
    public void tableStarted(RunProgress.TableState t) {
        line("table " + t.name + " started" + (t.estimatedBytes > 0 ? " (~" + Format.bytes(t.estimatedBytes) + ")" : ""));
    }

    @Override
    public void tableFinished(RunProgress.TableState t) {
        Duration took = took(t);
        String copied = Format.count(t.rows.get()) + " rows, " + Format.bytes(t.bytes.get());
        if (t.failed) {
            line("table " + t.name + " FAILED after " + Format.duration(took) + " (" + copied + " copied)");
        } else {
            line("table " + t.name + " done: " + copied + " in " + Format.duration(took)
                    + " (" + Format.rate(Totals.rate(t.bytes.get(), took)) + ")");
        }
    }

    /** Copy steps are already logged as tables; the others (indexes, constraints, analyze…) get a line each. */
    @Override
    public void stepFinished(String kind, String name, Duration took) {
        if (!"copy".equalsIgnoreCase(kind)) {
            line("step " + name + " done in " + Format.duration(took));
        }
    }

    @Override
    public void note(String message) {
        line("note: " + message);
    }

    private static Duration took(RunProgress.TableState t) {
        Instant s = t.started;
        Instant f = t.finished;
        return s == null || f == null || f.isBefore(s) ? Duration.ZERO : Duration.between(s, f);
    }

    /** The time stamp of the current second, made once per second rather than once per line. */
    private record Stamp(long second, String text) {
    }

    private volatile Stamp stamp;

    private void line(String text) {
        if (closed) {
            return;
        }
        Instant now = clock.instant();
        Stamp last = stamp;
        if (last == null || last.second != now.getEpochSecond()) {
            last = new Stamp(now.getEpochSecond(), TIME.format(now.atZone(clock.getZone())));
            stamp = last;
        }
        // println on a PrintStream is atomic per call, so lines from several workers never interleave.
        out.println(last.text + " " + TextWidth.printable(text));
        out.flush();
    }
}
