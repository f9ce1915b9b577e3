package io.pgbarge.report;

import java.util.function.IntSupplier;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The width of the terminal on stderr, from JLine 3 (the progress-bar library's own dependency; the
 * library keeps its TerminalUtils package-private). Only JLine's "exec" provider is on the classpath,
 * which runs {@code stty} to read the size, so the width is re-read at most every two seconds rather than
 * at each redraw. Native signal handling is off: JLine would otherwise install its own handlers for
 * SIGINT & co., and Ctrl-C must keep running the JVM's shutdown hooks (cancelling COPYs).
 */
final class TerminalWidth implements IntSupplier, AutoCloseable {
    static final int FALLBACK = 80;
    private static final long REFRESH_NANOS = 2_000_000_000L;

    private Terminal terminal;
    private boolean failed;
    private int cached;
    private long readAt;

    @Override
    public synchronized int getAsInt() {
        long now = System.nanoTime();
        if (cached == 0 || now - readAt > REFRESH_NANOS) {
            cached = read();
            readAt = now;
        }
        return cached;
    }

    private int read() {
        try {
            if (terminal == null && !failed) {
                terminal = TerminalBuilder.builder()
                        .system(true)
                        .systemOutput(TerminalBuilder.SystemOutput.SysErr)
                        .nativeSignals(false)
                        .dumb(true)
                        .build();
            }
            int w = terminal == null ? 0 : terminal.getWidth();
            return w > 0 ? w : fromEnv();
        } catch (Exception | LinkageError e) {
            failed = true; // no terminal to ask: keep drawing at the fallback width
            return fromEnv();
        }
    }

    /**
     * Whether stderr itself is a terminal. System.console() on Java 17 only tells about stdin and stdout;
     * with {@code 2> file} JLine cannot open stderr as a system terminal and gives a dumb one instead.
     */
    static boolean stderrIsTerminal() {
        try (TerminalWidth w = new TerminalWidth()) {
            w.getAsInt();
            String type = w.terminal == null ? null : w.terminal.getType();
            return type != null && !type.startsWith(Terminal.TYPE_DUMB);
        }
    }

    private static int fromEnv() {
        try {
            int w = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", ""));
            return w > 0 ? w : FALLBACK;
        } catch (NumberFormatException e) {
            return FALLBACK;
        }
    }

    @Override
    public synchronized void close() {
        if (terminal != null) {
            try {
                terminal.close();
            } catch (Exception ignored) {
                // restoring tty attributes is best effort; we never changed them
            }
            terminal = null;
        }
    }
}
