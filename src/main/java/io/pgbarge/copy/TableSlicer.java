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
 *
 * <p>Slices pay when they run side by side on cores that are free. Where the source runs on this
 * machine with fewer than four cores, this machine feeds one stream at full speed (see {@link #streams}),
 * and slicing a table is then worth it only for the order it buys: the table lands first, and its index
 * builds run next to the rest of the copy. A table with little else to copy beside it gains nothing
 * from that and loses COPY FREEZE and a heap in key order for its primary key build, so it is copied
 * whole (one 12-million-row table: ~0.3 s faster whole; pgbench plus a larger jsonb table: slicing the
 * larger one is faster, its GIN build then overlaps the rest).
 */
final class TableSlicer {
    /** Internal: the slice size in bytes of heap + TOAST (tests set it small to slice small tables). */
    static final String SLICE_BYTES_PROPERTY = "pgbarge.sliceBytes";
    static final long DEFAULT_SLICE_BYTES = 256L << 20;
    /** Slices per worker: enough to even out the end of the table's copy, not so many to cost. */
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
        // an explicit slice size (tests) slices whatever the machine
        int streams = System.getProperty(SLICE_BYTES_PROPERTY) != null ? jobs
                : streams(sourceHere(source), Runtime.getRuntime().availableProcessors(), jobs);
        List<Table> large = new ArrayList<>();
        for (Table t : tables) {
            if (t.hasData() && !t.copyColumns().isEmpty() && t.estimatedBytes() > sliceBytes
                    && t.estimatedBytes() * jobs > total && worthSlicing(t.estimatedBytes(), total, streams)) {
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
            // as many as the workers can even out at the end (the last ones small, see TableSlice.tapered)
            int count = (int) Math.min((long) jobs * SLICES_PER_JOB, p);
            if (count > 1) {
                out.put(t.oid(), TableSlice.tapered(p, count, jobs));
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

    /**
     * How many streams of one table this machine can feed at full speed. Each stream keeps a source
     * backend busy (reading and encoding rows) besides pgbarge's own thread; when the source runs here,
     * those share this machine's cores, one stream per two cores. A source elsewhere: one per job.
     */
    static int streams(boolean sourceHere, int cores, int jobs) {
        return sourceHere ? Math.max(1, Math.min(jobs, cores / 2)) : jobs;
    }

    /**
     * Whether slicing a table of {@code bytes} out of {@code total} bytes of rows pays: always when
     * several streams run at full speed; with one, only when the rest of the copy is at least a quarter
     * of the table, enough work to run beside its index builds once it has landed.
     */
    static boolean worthSlicing(long bytes, long total, int streams) {
        return streams > 1 || (total - bytes) * 4 >= bytes;
    }

    /** Whether the source session came in over a Unix socket or loopback: the server runs here. */
    static boolean sourceHere(Connection source) throws SQLException {
        try (var st = source.createStatement();
             var rs = st.executeQuery("SELECT pg_catalog.inet_server_addr() IS NULL"
                     + " OR pg_catalog.inet_server_addr() <<= inet '127.0.0.0/8'"
                     + " OR pg_catalog.inet_server_addr() = inet '::1'")) {
            return rs.next() && rs.getBoolean(1);
        }
    }
}
