package io.pgbarge.report;

import java.io.PrintStream;
import java.nio.charset.Charset;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The progress block on a terminal, redrawn in place every 200 ms.
 *
 * <p>Why not me.tongfei's ProgressBar for the drawing: it can keep several bars on screen, but each bar
 * keeps its line for good once drawn, so it cannot show "the 8 tables running now, and K more" as tables
 * come and go; its ETA and percentage come from its own wall clock and may exceed 100% when the
 * estimate is low. So the block is drawn here with plain ANSI sequences (cursor up, erase line, erase
 * below), the terminal width comes from JLine 3 (the library's own dependency, see
 * {@link TerminalWidth}) and the bars copy the library's UNICODE_BLOCK look.
 *
 * <p>Each redraw goes back up over the previous block, prints new notes (they scroll away above the
 * block, like log lines), then the block, each line cut to width-1 columns so that no line ever wraps
 * (a wrapped line would break the cursor-up count). The cursor is hidden while drawing and shown again
 * on {@link #close()}, or by a shutdown hook if the JVM exits first (Ctrl-C).
 *
 * <p>Known limit: if the terminal is made narrower between two redraws, terminals that reflow text
 * wrap the old block onto more rows than were counted, and a few stale lines stay above the new block
 * (the same happens with most progress bars); the next redraws are correct again.
 */
public final class LiveDisplay implements ProgressDisplay {
    public static final int DEFAULT_MAX_TABLES = 8;
    static final long INTERVAL_MILLIS = 200;
    private static final String ESC = "\u001b[";
    private static final String HIDE_CURSOR = ESC + "?25l";
    private static final String SHOW_CURSOR = ESC + "?25h";

    private final RunProgress progress;
    private final PrintStream out;
    private final IntSupplier width;
    private final Clock clock;
    private final ProgressView view;
    private final Thread restoreCursor;
    private ScheduledExecutorService timer;
    private int drawn;
    private int notesShown;
    private boolean closed;

    /** On the real terminal: width from JLine, system clock, 8 table lines, Unicode if the charset has it. */
    public LiveDisplay(RunProgress progress, PrintStream out) {
        this(progress, out, new TerminalWidth(), Clock.systemUTC(), DEFAULT_MAX_TABLES, unicodeOk());
    }

    /** Everything injectable, for tests and for a CLI option on the number of table lines. */
    public LiveDisplay(RunProgress progress, PrintStream out, IntSupplier width, Clock clock, int maxTables,
                       boolean unicode) {
        this.progress = progress;
        this.out = out;
        this.width = width;
        this.clock = clock;
        this.view = new ProgressView(maxTables, unicode);
        this.restoreCursor = new Thread(() -> {
            out.print(SHOW_CURSOR);
            out.flush();
        }, "pgbarge-progress-restore");
    }

    @Override
    public synchronized void start() {
        if (timer != null || closed) {
            return;
        }
        out.print(HIDE_CURSOR);
        try {
            Runtime.getRuntime().addShutdownHook(restoreCursor);
        } catch (IllegalStateException shuttingDown) {
            // too late for a hook; close() still restores the cursor
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pgbarge-progress");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::safeRedraw, 0, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Draws the current state once (the timer calls this; tests call it directly). */
    public synchronized void redraw() {
        if (closed) {
            return;
        }
        int cols = Math.max(2, width.getAsInt());
        Instant now = clock.instant();
        StringBuilder b = new StringBuilder();
        b.append('\r');
        if (drawn > 0) {
            b.append(ESC).append(drawn).append('A');
        }
        List<String> notes = progress.notes();
        for (int i = notesShown; i < notes.size(); i++) {
            // Notes are whole (they may wrap): they scroll up out of the block and are not redrawn.
            b.append("note: ").append(TextWidth.printable(notes.get(i))).append(ESC).append("K\n");
        }
        notesShown = notes.size();
        List<String> lines = view.lines(progress, now, cols - 1);
        for (String line : lines) {
            b.append(line).append(ESC).append("K\n");
        }
        b.append(ESC).append('J'); // the previous block may have been longer
        drawn = lines.size();
        out.print(b);
        out.flush();
    }

    /** Stops the timer, draws the final state and shows the cursor again. */
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
            try {
                t.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            try {
                redraw();
            } finally {
                closed = true;
                out.print(SHOW_CURSOR);
                out.flush();
                if (t != null) {
                    try {
                        Runtime.getRuntime().removeShutdownHook(restoreCursor);
                    } catch (IllegalStateException shuttingDown) {
                        // the hook runs anyway
                    }
                }
                if (width instanceof TerminalWidth tw) {
                    tw.close();
                }
            }
        }
    }

    private void safeRedraw() {
        try {
            redraw();
        } catch (RuntimeException e) {
            // A display bug must not stop the copy, nor the next redraws (the timer would cancel itself).
        }
    }

    /** Bars and "…" need a charset that has them (a C/POSIX locale does not). */
    static boolean unicodeOk() {
        try {
            return Charset.defaultCharset().newEncoder().canEncode("█…");
        } catch (RuntimeException e) {
            return false;
        }
    }
}
