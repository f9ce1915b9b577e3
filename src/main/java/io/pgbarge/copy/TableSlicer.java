package io.pgbarge.copy;

import io.pgbarge.catalog.Table;
import io.pgbarge.plan.TableSlice;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which tables are copied in slices, and where the slices fall. A table is sliced when it
 * would otherwise hold up the copy on its own: larger than one slice and than its workers' fair share
 * of all rows (bytes × jobs > total). Slices are heap page ranges, read on the source with a TID range
 * scan, which PostgreSQL has since 14; an older source copies every table whole (a ctid filter would
 * read the whole table once per slice there).
 */
final class TableSlicer {
    /** Internal: the slice size in bytes of heap + TOAST (tests set it small to slice small tables). */
    static final String SLICE_BYTES_PROPERTY = "pgbarge.sliceBytes";
    static final long DEFAULT_SLICE_BYTES = 256L << 20;
    /** Slices per worker at most: enough to even out the ends of the copies, not so many to cost. */
    private static final int SLICES_PER_JOB = 4;

    private TableSlicer() {
    }

    static long sliceBytes() {
        return Long.getLong(SLICE_BYTES_PROPERTY, DEFAULT_SLICE_BYTES);
    }

    /**
     * @param source a source session (the sizes are read with pg_relation_size, which is not
     *               transactional, so any session will do)
     * @return slices by table oid, only for the tables that are split
     */
    static Map<Long, List<TableSlice>> plan(Connection source, int sourceMajor, List<Table> tables, int jobs)
            throws SQLException {
        long sliceBytes = sliceBytes();
        if (jobs < 2 || sourceMajor < 14 || sliceBytes <= 0) {
            return Map.of();
        }
        long total = tables.stream().filter(Table::hasData).mapToLong(t -> Math.max(0, t.estimatedBytes())).sum();
        List<Table> large = new ArrayList<>();
        for (Table t : tables) {
            if (t.hasData() && !t.copyColumns().isEmpty() && t.estimatedBytes() > sliceBytes
                    && t.estimatedBytes() * jobs > total) {
                large.add(t);
            }
        }
        if (large.isEmpty()) {
            return Map.of();
        }
        Map<Long, Long> pages = heapPages(source, large);
        Map<Long, List<TableSlice>> out = new HashMap<>();
        for (Table t : large) {
            long p = pages.getOrDefault(t.oid(), 0L);
            long wanted = (t.estimatedBytes() + sliceBytes - 1) / sliceBytes;
            int count = (int) Math.min(Math.min(wanted, (long) jobs * SLICES_PER_JOB), p);
            if (count > 1) {
                out.put(t.oid(), TableSlice.split(p, count));
            }
        }
        return out;
    }

    private static Map<Long, Long> heapPages(Connection source, List<Table> tables) throws SQLException {
        Map<Long, Long> out = new HashMap<>();
        try (var ps = source.prepareStatement("SELECT c.oid, pg_catalog.pg_relation_size(c.oid)"
                + " / pg_catalog.current_setting('block_size')::bigint FROM pg_catalog.pg_class c WHERE c.oid = ANY (?)")) {
            ps.setArray(1, source.createArrayOf("oid", tables.stream().map(Table::oid).toArray()));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getLong(2));
                }
            }
        }
        return out;
    }
}
