package io.pgbarge.verify;

import io.pgbarge.catalog.ServerInfo;
import io.pgbarge.exec.ConnectionSource;
import io.pgbarge.exec.PgError;
import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code restore --verify}: the restored target compared with the archive's own rows. Each table the
 * archive loaded is read back with {@code COPY (SELECT <the archive's columns> FROM ONLY t) TO STDOUT}
 * under the settings pg_dump dumps with (DateStyle ISO, IntervalStyle postgres, extra_float_digits 3,
 * bytea hex; see {@link VerifySession}), and its lines counted and hashed exactly as the archive's lines
 * were while they streamed in ({@link LineChecksum}): both sides are the COPY text of the same rows.
 * N tables at a time. Sequence values are compared with the archive's SEQUENCE SET entries.
 */
public final class ArchiveVerify {
    private ArchiveVerify() {
    }

    public static VerifyReport run(ConnectionSource target, ArchiveRows expected, int jobs, VerifyProgress progress)
            throws VerifyFailedException, InterruptedException {
        VerifyProgress p = progress == null ? VerifyProgress.NONE : progress;
        Instant start = Instant.now();
        try (Connection admin = open(target, "pgbarge:verify:target")) {
            ServerInfo info = ServerInfo.read(admin);
            p.phase("data");
            List<TableResult> tables = tables(target, expected, Math.max(1, jobs), p);
            p.phase("sequences");
            List<SequenceResult> sequences = DataVerifier.verifySequences(expected.sequences(), admin);
            return new VerifyReport(null, info, false, true, tables, sequences, List.of(), 0, expected.notes(),
                    Duration.between(start, Instant.now()), "archive");
        } catch (SQLException e) {
            throw new VerifyFailedException(VerifyFailedException.Reason.CONNECTION,
                    "verifying the restore failed on the target: " + PgError.of(e).render(), e);
        }
    }

    private static List<TableResult> tables(ConnectionSource target, ArchiveRows expected, int jobs,
                                            VerifyProgress progress) throws InterruptedException {
        List<ArchiveRows.Table> tables = expected.tables();
        ConcurrentLinkedQueue<ArchiveRows.Table> queue = new ConcurrentLinkedQueue<>(tables);
        Map<ArchiveRows.Table, TableResult> results = new ConcurrentHashMap<>();
        AtomicInteger done = new AtomicInteger();
        progress.tablesStarted(tables.size());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < Math.min(jobs, Math.max(1, tables.size())); i++) {
            int id = i;
            Thread t = new Thread(() -> {
                Connection c = null;
                try {
                    ArchiveRows.Table table;
                    while (!Thread.currentThread().isInterrupted() && (table = queue.poll()) != null) {
                        TableResult r;
                        try {
                            if (c == null) {
                                c = open(target, "pgbarge:verify:target-" + id);
                            }
                            r = compare(c, table, expected);
                        } catch (SQLException e) {
                            // a session whose state is unknown is not reused
                            DataVerifier.close(c);
                            c = null;
                            PgError err = PgError.of(e);
                            r = result(table, null, err.message()
                                    + (err.sqlState() == null ? "" : " (SQLSTATE " + err.sqlState() + ")"));
                        }
                        results.put(table, r);
                        progress.tableVerified(r, done.incrementAndGet(), tables.size());
                    }
                } finally {
                    DataVerifier.close(c);
                }
            }, "pgbarge-verify-" + i);
            threads.add(t);
            t.start();
        }
        DataVerifier.awaitWorkers(threads, queue);
        List<TableResult> out = new ArrayList<>();
        for (ArchiveRows.Table t : tables) {
            out.add(results.get(t));
        }
        return out;
    }

    private static TableResult compare(Connection c, ArchiveRows.Table table, ArchiveRows expected) throws SQLException {
        String kind;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT c.relkind FROM pg_catalog.pg_class c WHERE c.oid = pg_catalog.to_regclass(?)")) {
            ps.setString(1, table.relation());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return result(table, null, "missing on target");
                }
                kind = rs.getString(1);
            }
        }
        if (expected.inexactFloats() && hasFloats(c, table.relation())) {
            expected.note(table.relation() + ": row count compared, not the checksum: the archive comes from a"
                    + " server older than PostgreSQL 12, which wrote float values with 17 digits");
            try (var st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT pg_catalog.count(*) FROM " + ("p".equals(kind) ? "" : "ONLY ")
                         + table.relation())) {
                rs.next();
                return new TableResult("table", table.relation(), table.lines().rows(), rs.getLong(1), null, null, null);
            }
        }
        LineChecksum sum = new LineChecksum(null);
        try {
            c.unwrap(PGConnection.class).getCopyAPI().copyOut(query(table, "p".equals(kind)), sum.sink());
        } catch (java.io.IOException e) {
            throw new SQLException("reading " + table.relation() + " back failed: " + e.getMessage(), "08006", e);
        }
        sum.finish();
        return result(table, sum, null);
    }

    /** Whether a relation has a float4/float8 column, directly, in an array or under a domain. */
    private static boolean hasFloats(Connection c, String relation) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a"
                + " JOIN pg_catalog.pg_type t ON t.oid = a.atttypid"
                + " LEFT JOIN pg_catalog.pg_type e ON e.oid = t.typelem"
                + " WHERE a.attrelid = pg_catalog.to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped"
                + " AND 'pg_catalog.float4'::pg_catalog.regtype IN (t.oid, t.typbasetype, e.oid)"
                + " OR a.attrelid = pg_catalog.to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped"
                + " AND 'pg_catalog.float8'::pg_catalog.regtype IN (t.oid, t.typbasetype, e.oid))")) {
            ps.setString(1, relation);
            ps.setString(2, relation);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** The target's rows in the archive's representation: its columns, in its order, this relation's own rows. */
    static String query(ArchiveRows.Table table, boolean partitioned) {
        // a partitioned table is named by a --load-via-partition-root dump: its rows are in its partitions
        return "COPY (SELECT " + table.columns() + " FROM " + (partitioned ? "" : "ONLY ") + table.relation()
                + ") TO STDOUT";
    }

    private static TableResult result(ArchiveRows.Table t, LineChecksum target, String problem) {
        return new TableResult("table", t.relation(), t.lines().rows(), target == null ? null : target.rows(),
                t.lines().checksum(), target == null ? null : target.checksum(), problem);
    }

    private static Connection open(ConnectionSource target, String name) throws SQLException {
        Connection c = target.open(name);
        try {
            VerifySession.apply(c);
            return c;
        } catch (SQLException | RuntimeException e) {
            DataVerifier.close(c);
            throw e;
        }
    }
}
