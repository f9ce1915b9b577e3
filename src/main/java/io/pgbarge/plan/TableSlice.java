package io.pgbarge.plan;

/**
 * One part of a large table's rows, copied in its own transaction in parallel with the other parts.
 * A slice is a range of heap pages, read on the source with a TID range scan (PostgreSQL 14+):
 * {@code ctid >= '(from,0)' AND ctid < '(to,0)'}. The last slice has no upper bound, so rows on pages
 * added after the sizes were read are not lost.
 *
 * @param index    0-based
 * @param count    slices of the table
 * @param fromPage first heap page (inclusive)
 * @param toPage   first page after the slice (exclusive); -1 for the last slice
 */
public record TableSlice(int index, int count, long fromPage, long toPage) {

    /** The row filter of this slice on the source. */
    public String where() {
        String lower = "ctid >= '(" + fromPage + ",0)'::pg_catalog.tid";
        return toPage < 0 ? lower : lower + " AND ctid < '(" + toPage + ",0)'::pg_catalog.tid";
    }

    /** Equal page ranges over {@code pages} heap pages; the last one open-ended. */
    public static java.util.List<TableSlice> split(long pages, int count) {
        java.util.List<TableSlice> out = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            long from = pages * i / count;
            long to = i == count - 1 ? -1 : pages * (i + 1) / count;
            out.add(new TableSlice(i, count, from, to));
        }
        return out;
    }

    /**
     * Page ranges that shrink from one round of {@code workers} slices to the next: the first round
     * takes the most, the last the least. The workers take the slices in order, so they finish the
     * table nearly together: with equal slices one worker was often left alone on the last for part of
     * a slice's time (0.5 s of 8 on the benchmark's 2-million-row table), and everything waiting for the
     * table's rows (its index builds) waited with it. The last slice is open-ended.
     */
    public static java.util.List<TableSlice> tapered(long pages, int count, int workers) {
        int w = Math.max(1, workers);
        int rounds = (count + w - 1) / w;
        long total = 0;
        for (int i = 0; i < count; i++) {
            total += rounds - i / w;
        }
        java.util.List<TableSlice> out = new java.util.ArrayList<>();
        long before = 0;
        for (int i = 0; i < count; i++) {
            long from = pages * before / total;
            before += rounds - i / w;
            long to = i == count - 1 ? -1 : pages * before / total;
            out.add(new TableSlice(i, count, from, to));
        }
        return out;
    }

    @Override
    public String toString() {
        return "slice " + (index + 1) + "/" + count + " (pages " + fromPage + "–" + (toPage < 0 ? "end" : toPage - 1) + ")";
    }
}
