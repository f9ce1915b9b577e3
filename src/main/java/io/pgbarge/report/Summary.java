package io.pgbarge.report;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the run did, printed once at the end (on stdout, so {@code pgbarge copy … > summary.txt} keeps it):
 * totals, phases with their durations, the slowest tables, failed tables, and the notes (what was adapted
 * or skipped, e.g. owners mapped to the login role). Plain aligned text, no terminal control.
 */
public final class Summary {
    static final int SLOWEST = 5;
    private static final int MAX_NAME = 60;

    private final RunProgress progress;
    private final Instant end;

    /** The run as it is now. */
    public Summary(RunProgress progress) {
        this(progress, Instant.now());
    }

    /** The run as of {@code end} (tests fix it; a caller may pass the moment the run ended). */
    public Summary(RunProgress progress, Instant end) {
        this.progress = progress;
        this.end = end;
    }

    public void print(PrintStream out) {
        out.print(render());
        out.flush();
    }

    public String render() {
        Totals t = Totals.of(progress, end);
        List<RunProgress.TableState> tables = progress.tables();
        StringBuilder b = new StringBuilder();

        Duration elapsed = end.isBefore(progress.started()) ? Duration.ZERO : Duration.between(progress.started(), end);
        int notCopied = t.tablesTotal() - t.tablesDone() - t.tablesFailed() - t.tablesRunning();
        String tablesText = t.tablesDone() + " of " + t.tablesTotal() + " copied"
                + (t.tablesFailed() > 0 ? ", " + t.tablesFailed() + " failed" : "")
                + (t.tablesRunning() > 0 ? ", " + t.tablesRunning() + " unfinished" : "")
                + (notCopied > 0 ? ", " + notCopied + " not started" : "");
        b.append("Summary\n");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"elapsed", Format.duration(elapsed)});
        rows.add(new String[] {"tables", tablesText});
        rows.add(new String[] {"rows", Format.count(t.rows())});
        rows.add(new String[] {"bytes", Format.bytes(t.bytes())});
        rows.add(new String[] {"throughput", Format.rate(t.bytesPerSecond())
                + (t.copying().isZero() ? "" : " (copying for " + Format.duration(t.copying()) + ")")});
        rows.add(new String[] {"steps", t.stepsDone() + " of " + t.stepsTotal()});
        table(b, rows, false);

        List<RunProgress.Phase> phases = progress.phases();
        if (!phases.isEmpty()) {
            b.append("\nPhases\n");
            rows.clear();
            for (RunProgress.Phase p : phases) {
                String d = p.finished == null ? "unfinished" : Format.duration(p.duration());
                rows.add(new String[] {name(p.name), d});
            }
            table(b, rows, true);
        }

        List<RunProgress.TableState> finished = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (RunProgress.TableState s : tables) {
            if (s.failed) {
                failed.add(name(s.name));
            } else if (s.finished != null && s.started != null) {
                finished.add(s);
            }
        }
        if (finished.size() > 1) {
            finished.sort(Comparator.comparing((RunProgress.TableState s) -> took(s)).reversed());
            b.append("\nSlowest tables\n");
            rows.clear();
            for (RunProgress.TableState s : finished.subList(0, Math.min(SLOWEST, finished.size()))) {
                rows.add(new String[] {name(s.name), Format.count(s.rows.get()) + " rows", Format.bytes(s.bytes.get()),
                        Format.duration(took(s)), Format.rate(Totals.rate(s.bytes.get(), took(s)))});
            }
            table(b, rows, true);
        }
        if (!failed.isEmpty()) {
            b.append("\nFailed tables (").append(failed.size()).append(")\n");
            failed.forEach(f -> b.append("  ").append(f).append('\n'));
        }

        List<String> notes = progress.notes();
        if (!notes.isEmpty()) {
            b.append("\nNotes (").append(notes.size()).append(")\n");
            notes.forEach(n -> b.append("  - ").append(TextWidth.printable(n)).append('\n'));
        }
        return b.toString();
    }

    private static Duration took(RunProgress.TableState s) {
        return s.finished.isBefore(s.started) ? Duration.ZERO : Duration.between(s.started, s.finished);
    }

    private static String name(String n) {
        return TextWidth.truncateMiddle(TextWidth.printable(n), MAX_NAME);
    }

    /**
     * Rows of cells, each column as wide as its widest cell. The first column is left-aligned; the others
     * right-aligned when {@code numbers} (figures line up on their units), else left-aligned.
     */
    private static void table(StringBuilder b, List<String[]> rows, boolean numbers) {
        int cols = 0;
        for (String[] r : rows) {
            cols = Math.max(cols, r.length);
        }
        int[] w = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                w[i] = Math.max(w[i], TextWidth.width(r[i]));
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < r.length; i++) {
                if (i > 0) {
                    line.append("  ");
                }
                boolean right = numbers && i > 0;
                line.append(right ? TextWidth.padLeft(r[i], w[i]) : TextWidth.padRight(r[i], w[i]));
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
