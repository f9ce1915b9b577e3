package io.pgbarge.report;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Picks how a run is shown and owns the display for its duration: progress on stderr (so stdout can be
 * redirected and keep only the summary), then the summary on stdout.
 *
 * <ul>
 *   <li>{@link Mode#LIVE}, the redrawn block, only on a real terminal: {@code System.console() != null}
 *       (on Java 17: stdin and stdout are a tty), TERM set and not "dumb" (TERM is usually unset on
 *       Windows consoles, which do handle ANSI), no {@code CI} variable (CI runners often fake a tty
 *       whose log keeps every redraw), and not turned off by {@code --no-progress};</li>
 *   <li>{@link Mode#PLAIN}, the timestamped log, otherwise;</li>
 *   <li>{@link Mode#QUIET}, nothing, for {@code --quiet}.</li>
 * </ul>
 *
 * <pre>
 * try (Console console = Console.start(progress, noProgress, quiet)) {
 *     executor.run();
 *     console.finish();   // stops the display, prints the summary
 * }                       // on failure: the display is stopped, no summary
 * </pre>
 */
public final class Console implements AutoCloseable {
    public enum Mode { LIVE, PLAIN, QUIET }

    private final RunProgress progress;
    private final Mode mode;
    private final ProgressDisplay display;
    private final PrintStream out;
    private boolean closed;

    /** The display for {@code mode} on {@code err}; the summary goes to {@code out}. Not started yet. */
    public Console(RunProgress progress, Mode mode, PrintStream err, PrintStream out) {
        this.progress = progress;
        this.mode = mode;
        this.out = out;
        this.display = switch (mode) {
            case LIVE -> new LiveDisplay(progress, err);
            case PLAIN -> new PlainLog(progress, err);
            case QUIET -> ProgressDisplay.NONE;
        };
    }

    /** Chooses the mode for this process and starts showing progress on System.err. */
    public static Console start(RunProgress progress, boolean noProgress, boolean quiet) {
        Console c = new Console(progress, detect(noProgress, quiet), System.err, System.out);
        c.display.start();
        return c;
    }

    /** {@link #start(RunProgress, boolean, boolean)} without a quiet flag. */
    public static Console start(RunProgress progress, boolean noProgress) {
        return start(progress, noProgress, false);
    }

    /** The mode for this process: its console, its environment and the user's flags. */
    public static Mode detect(boolean noProgress, boolean quiet) {
        Mode m = choose(noProgress, quiet, System.console() != null, System.getenv(),
                System.getProperty("os.name", ""));
        return m == Mode.LIVE && !TerminalWidth.stderrIsTerminal() ? Mode.PLAIN : m;
    }

    /** The decision itself, with every input given (so that it can be tested). */
    public static Mode choose(boolean noProgress, boolean quiet, boolean hasConsole, Map<String, String> env,
                              String osName) {
        if (quiet) {
            return Mode.QUIET;
        }
        if (noProgress || !hasConsole || isCi(env)) {
            return Mode.PLAIN;
        }
        String term = env.get("TERM");
        boolean windows = osName.toLowerCase(Locale.ROOT).startsWith("windows");
        if (term == null || term.isBlank()) {
            return windows ? Mode.LIVE : Mode.PLAIN;
        }
        return term.equals("dumb") ? Mode.PLAIN : Mode.LIVE;
    }

    /** CI=true, CI=1, CI=yes…; "false" and "0" (set to opt out, as some tools allow) do not count. */
    static boolean isCi(Map<String, String> env) {
        String ci = env.get("CI");
        if (ci == null || ci.isBlank()) {
            return false;
        }
        String v = ci.trim().toLowerCase(Locale.ROOT);
        return !(v.equals("false") || v.equals("0") || v.equals("no"));
    }

    public Mode mode() {
        return mode;
    }

    /** Stops the progress display (final redraw), then prints the summary on stdout. */
    public void finish() {
        close();
        new Summary(progress, Instant.now()).print(out);
    }

    /** Stops the progress display; safe to call twice. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            display.close();
        }
    }
}
