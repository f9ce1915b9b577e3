package io.pgbarge.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The text of the live progress block, without any terminal control: one overall line, then one line
 * per running table (oldest first, so lines do not jump around), at most {@code maxTables} of them plus
 * "… and K more". Kept apart from {@link LiveDisplay} so that it can be tested as plain strings.
 *
 * <p>Every line fits in {@code width} columns: on a narrow terminal, the least useful columns are
 * dropped first (bar, rows, rate…), names are cut in the middle, and as a last resort the line is cut.
 */
final class ProgressView {
    private static final String FRACTIONS = " ▏▎▍▌▋▊▉";
    private static final int BAR = 12;
    private static final int MIN_NAME = 16;

    private final int maxTables;
    private final boolean unicode;

    ProgressView(int maxTables, boolean unicode) {
        this.maxTables = Math.max(0, maxTables);
        this.unicode = unicode;
    }

    List<String> lines(RunProgress p, Instant now, int width) {
        int cols = Math.max(1, width);
        List<String> out = new ArrayList<>();
        out.add(overall(Totals.of(p, now), cols));
        List<RunProgress.TableState> running = new ArrayList<>();
        for (RunProgress.TableState t : p.tables()) {
            if (t.running() && !t.failed) {
                running.add(t);
            }
        }
        running.sort(Comparator.comparing(t -> t.started));
        List<RunProgress.TableState> shown = running.subList(0, Math.min(maxTables, running.size()));
        int nameCol = 0;
        for (RunProgress.TableState t : shown) {
            nameCol = Math.max(nameCol, TextWidth.width(TextWidth.printable(t.name)));
        }
        for (RunProgress.TableState t : shown) {
            out.add(table(t, now, cols, nameCol));
        }
        if (running.size() > shown.size()) {
            out.add(TextWidth.truncateEnd("  " + ellipsis() + " and " + (running.size() - shown.size()) + " more", cols));
        }
        return out;
    }

    /** {@code copy 42% [█████▏      ] 512.0 MiB of ~1.2 GiB  tables 3/10  rows 1,234  20.1 MiB/s  ETA 35s}. */
    String overall(Totals t, int cols) {
        String phase = TextWidth.printable(t.phase());
        String steps = t.stepsTotal() > 0 ? "steps " + t.stepsDone() + "/" + t.stepsTotal() : "";
        if (t.tablesTotal() == 0) { // before the plan is known: nothing to measure yet
            return firstThatFits(new String[][] {{phase, steps}, {phase}}, cols);
        }
        String pct = TextWidth.padLeft(t.percent() + "%", 4);
        String bar = bar(t.percent() / 100.0);
        String size = Format.bytes(t.bytes()) + " of " + (t.allTablesFinished() ? "" : "~") + Format.bytes(t.expectedBytes());
        String tables = "tables " + t.tablesDone() + "/" + t.tablesTotal()
                + (t.tablesFailed() > 0 ? " (" + t.tablesFailed() + " failed)" : "");
        String rows = "rows " + Format.count(t.rows());
        String rate = Format.rate(t.bytesPerSecond());
        String eta = "ETA " + Format.eta(t.eta());
        // Layouts from richest to barest; the first that fits wins.
        String[][] layouts = {
                {phase, pct, bar, size, tables, rows, rate, eta, steps},
                {phase, pct, bar, size, tables, rate, eta, steps},
                {phase, pct, size, tables, rate, eta},
                {phase, pct, size, eta},
                {phase, pct, eta},
                {phase, pct},
        };
        return firstThatFits(layouts, cols);
    }

    /** {@code   public.orders   1,234 rows   45.2 MiB  37% [████▍       ] ETA 1m 02s}. */
    String table(RunProgress.TableState t, Instant now, int cols, int nameCol) {
        long bytes = t.bytes.get();
        Instant started = t.started;
        Duration elapsed = started == null || now.isBefore(started) ? Duration.ZERO : Duration.between(started, now);
        int percent = Totals.percent(bytes, t.estimatedBytes, false);
        String pct = TextWidth.padLeft(percent + "%", 4);
        String bar = bar(percent / 100.0);
        long r = t.rows.get(); // the executor may count rows only at the end: then show none rather than "0 rows"
        String rows = TextWidth.padLeft(r > 0 ? Format.count(r) + " rows" : "", 16);
        String size = TextWidth.padLeft(Format.bytes(bytes), 10);
        String eta = TextWidth.padRight("ETA " + Format.eta(Totals.eta(bytes, t.estimatedBytes, elapsed)), 10);
        String[][] rests = {
                {rows, size, pct, bar, eta},
                {rows, size, pct, eta},
                {size, pct, eta},
                {pct, eta},
                {pct},
        };
        String name = TextWidth.printable(t.name);
        for (String[] rest : rests) {
            String right = join(rest);
            int room = cols - 2 - 2 - TextWidth.width(right);
            if (room >= Math.min(MIN_NAME, nameCol)) {
                String n = TextWidth.padRight(TextWidth.truncateMiddle(name, Math.min(room, nameCol)), Math.min(room, nameCol));
                return TextWidth.truncateEnd("  " + n + "  " + right, cols).stripTrailing();
            }
        }
        return TextWidth.truncateEnd("  " + TextWidth.truncateMiddle(name, cols - 2), cols);
    }

    /** A bar in the progress-bar library's UNICODE_BLOCK look (eighths of a block), or '#' and '.' in ASCII. */
    String bar(double fraction) {
        double f = Math.max(0, Math.min(1, fraction));
        int eighths = (int) Math.floor(f * BAR * 8);
        StringBuilder b = new StringBuilder("[");
        if (unicode) {
            b.append("█".repeat(eighths / 8));
            if (eighths / 8 < BAR) {
                b.append(FRACTIONS.charAt(eighths % 8));
                b.append(" ".repeat(BAR - eighths / 8 - 1));
            }
        } else {
            b.append("#".repeat(eighths / 8)).append(".".repeat(BAR - eighths / 8));
        }
        return b.append(']').toString();
    }

    private String ellipsis() {
        return unicode ? TextWidth.ELLIPSIS : "...";
    }

    private static String firstThatFits(String[][] layouts, int cols) {
        for (String[] layout : layouts) {
            String line = join(layout);
            if (TextWidth.width(line) <= cols) {
                return line;
            }
        }
        return TextWidth.truncateEnd(join(layouts[layouts.length - 1]), cols);
    }

    private static String join(String[] parts) {
        StringBuilder b = new StringBuilder();
        for (String s : parts) {
            if (!s.isEmpty()) {
                if (b.length() > 0) {
                    b.append("  ");
                }
                b.append(s);
            }
        }
        return b.toString();
    }
}
