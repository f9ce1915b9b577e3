package io.pgbarge.verify;

import io.pgbarge.catalog.Catalog;
import io.pgbarge.catalog.Column;
import io.pgbarge.catalog.IdentitySequence;
import io.pgbarge.catalog.Sequence;
import io.pgbarge.catalog.Table;
import io.pgbarge.ddl.Sql;
import io.pgbarge.exec.ConnectionSource;
import io.pgbarge.exec.PgError;
import io.pgbarge.exec.SessionSetup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Compares the rows of every relation on the two servers by row count and content checksum
 * ({@link TableChecksum}), computed on the servers themselves, with N workers in parallel, biggest
 * relations first. Each worker has a source session joined to the source's exported snapshot (so all
 * source numbers are of one instant) and a target session (joined likewise to a target snapshot when
 * the caller sets one up); a worker runs a relation's source and target scans at the same time.
 */
public final class DataVerifier {
    private final ConnectionSource source;
    private final SessionSetup sourceSetup;
    private final ConnectionSource target;
    private final SessionSetup targetSetup;
    private final int jobs;
    private final VerifyProgress progress;

    /**
     * @param sourceSetup prepares a fresh source session (join the snapshot); {@link VerifySession}'s
     *                    settings are applied after it
     * @param targetSetup likewise for target sessions
     */
    public DataVerifier(ConnectionSource source, SessionSetup sourceSetup, ConnectionSource target,
                        SessionSetup targetSetup, int jobs, VerifyProgress progress) {
        this.source = source;
        this.sourceSetup = sourceSetup;
        this.target = target;
        this.targetSetup = targetSetup;
        this.jobs = Math.max(1, jobs);
        this.progress = progress == null ? VerifyProgress.NONE : progress;
    }

    /** Verifies every relation; the results come back in the order given. */
    public List<TableResult> verifyTables(List<VerifiedRelation> relations) throws InterruptedException {
        List<VerifiedRelation> order = new ArrayList<>(relations);
        order.sort(Comparator.comparingLong(VerifiedRelation::estimatedBytes).reversed());
        ConcurrentLinkedQueue<VerifiedRelation> queue = new ConcurrentLinkedQueue<>(order);
        Map<VerifiedRelation, TableResult> results = new ConcurrentHashMap<>();
        AtomicInteger done = new AtomicInteger();
        int total = relations.size();
        progress.tablesStarted(total);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < Math.min(jobs, Math.max(1, total)); i++) {
            Worker w = new Worker(i, queue, results, done, total);
            Thread t = new Thread(w, "pgbarge-verify-" + i);
            threads.add(t);
            t.start();
        }
        awaitWorkers(threads, queue);
        List<TableResult> out = new ArrayList<>(relations.size());
        for (VerifiedRelation r : relations) {
            out.add(results.get(r));
        }
        return out;
    }

    private final class Worker implements Runnable {
        private final int id;
        private final ConcurrentLinkedQueue<VerifiedRelation> queue;
        private final Map<VerifiedRelation, TableResult> results;
        private final AtomicInteger done;
        private final int total;
        private Connection src;
        private Connection tgt;

        Worker(int id, ConcurrentLinkedQueue<VerifiedRelation> queue, Map<VerifiedRelation, TableResult> results,
               AtomicInteger done, int total) {
            this.id = id;
            this.queue = queue;
            this.results = results;
            this.done = done;
            this.total = total;
        }

        @Override
        public void run() {
            ExecutorService targetSide = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "pgbarge-verify-" + id + "-target");
                t.setDaemon(true);
                return t;
            });
            try {
                VerifiedRelation rel;
                while (!Thread.currentThread().isInterrupted() && (rel = queue.poll()) != null) {
                    TableResult r = verify(rel, targetSide);
                    results.put(rel, r);
                    progress.tableVerified(r, done.incrementAndGet(), total);
                }
            } finally {
                targetSide.shutdownNow();
                close(src);
                close(tgt);
            }
        }

        private TableResult verify(VerifiedRelation rel, ExecutorService targetSide) {
            Future<Side> t = targetSide.submit(() -> side(rel, false));
            Side s = side(rel, true);
            Side tr;
            try {
                tr = t.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                tr = Side.failed("interrupted");
            } catch (ExecutionException e) {
                tr = Side.failed(String.valueOf(e.getCause()));
            }
            String problem = s.problem != null ? "on source: " + s.problem : tr.problem;
            return new TableResult(rel.kind(), rel.name(), s.rows, tr.rows, s.checksum, tr.checksum, problem);
        }

        /** One side's count and checksum; never throws, a failure is described in {@code problem}. */
        private Side side(VerifiedRelation rel, boolean onSource) {
            Connection c = null;
            try {
                c = onSource ? sourceSession() : targetSession();
                Connection conn = c;
                return guarded(c, () -> {
                    RelationState state = relationState(conn, rel.name());
                    if (state == RelationState.MISSING) {
                        return Side.failed("missing on " + (onSource ? "source" : "target"));
                    }
                    if (state == RelationState.NOT_POPULATED) {
                        return new Side(null, NOT_POPULATED, null);
                    }
                    if (!rel.populated() && onSource) {
                        return new Side(null, NOT_POPULATED, null);
                    }
                    TableChecksum.Result r = TableChecksum.compute(conn, rel.name(), rel.only(), rel.columns());
                    return new Side(r.rows(), r.checksum(), null);
                });
            } catch (SQLException e) {
                if (c != null && broken(c)) {
                    // a session whose state is unknown is never reused: the next relation opens a new one
                    if (onSource) {
                        close(src);
                        src = null;
                    } else {
                        close(tgt);
                        tgt = null;
                    }
                }
                PgError err = PgError.of(e);
                return Side.failed(err.message() + (err.sqlState() == null ? "" : " (SQLSTATE " + err.sqlState() + ")"));
            }
        }

        private Connection sourceSession() throws SQLException {
            if (src == null) {
                src = open(source, sourceSetup, "pgbarge:verify:source-" + id);
            }
            return src;
        }

        private Connection targetSession() throws SQLException {
            if (tgt == null) {
                tgt = open(target, targetSetup, "pgbarge:verify:target-" + id);
            }
            return tgt;
        }
    }

    /** What a materialized view whose rows cannot be read shows instead of a checksum. */
    public static final String NOT_POPULATED = "not populated";

    private record Side(Long rows, String checksum, String problem) {
        static Side failed(String problem) {
            return new Side(null, null, problem);
        }
    }

    private enum RelationState { PRESENT, MISSING, NOT_POPULATED }

    private static RelationState relationState(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT c.relispopulated FROM pg_catalog.pg_class c"
                + " WHERE c.oid = pg_catalog.to_regclass(?)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return RelationState.MISSING;
                }
                return rs.getBoolean(1) ? RelationState.PRESENT : RelationState.NOT_POPULATED;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Sequences
    // ---------------------------------------------------------------------------------------------

    /** A sequence of the source with its value as read in the source snapshot. */
    public record SourceSequence(String name, long lastValue, boolean isCalled) {
    }

    /** The source's sequences: standalone ones and identity columns', with their values from the catalog. */
    public static List<SourceSequence> sequences(Catalog catalog) {
        List<SourceSequence> out = new ArrayList<>();
        for (Sequence s : catalog.objects().sequences()) {
            out.add(new SourceSequence(s.qualifiedName(), s.lastValue(), s.isCalled()));
        }
        for (Table t : catalog.tables().tables()) {
            for (Column c : t.columns()) {
                IdentitySequence i = c.identitySequence();
                if (i != null) {
                    out.add(new SourceSequence(Sql.qualified(i.schema(), i.name()), i.lastValue(), i.isCalled()));
                }
            }
        }
        out.sort(Comparator.comparing(SourceSequence::name));
        return out;
    }

    /** Reads each sequence's state on the target (one session, in its snapshot if it has one) and compares. */
    public static List<SequenceResult> verifySequences(List<SourceSequence> sequences, Connection target) {
        List<SequenceResult> out = new ArrayList<>();
        for (SourceSequence s : sequences) {
            try {
                out.add(guarded(target, () -> {
                    if (relationState(target, s.name()) == RelationState.MISSING) {
                        return new SequenceResult(s.name(), s.lastValue(), s.isCalled(), null, null, "missing on target");
                    }
                    try (Statement st = target.createStatement();
                         ResultSet rs = st.executeQuery("SELECT last_value, is_called FROM " + s.name())) {
                        rs.next();
                        return new SequenceResult(s.name(), s.lastValue(), s.isCalled(), rs.getLong(1),
                                rs.getBoolean(2), null);
                    }
                }));
            } catch (SQLException e) {
                out.add(new SequenceResult(s.name(), s.lastValue(), s.isCalled(), null, null,
                        PgError.of(e).message()));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------
    // Sessions
    // ---------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface SqlCall<T> {
        T run() throws SQLException;
    }

    /**
     * Runs a call in a savepoint when the session is inside a transaction (a snapshot), so that a failed
     * query — a relation missing on one side — does not end the transaction and lose the snapshot.
     */
    private static <T> T guarded(Connection c, SqlCall<T> call) throws SQLException {
        Savepoint sp = c.getAutoCommit() ? null : c.setSavepoint();
        try {
            T r = call.run();
            if (sp != null) {
                c.releaseSavepoint(sp);
            }
            return r;
        } catch (SQLException | RuntimeException e) {
            if (sp != null) {
                try {
                    c.rollback(sp);
                } catch (SQLException ignored) {
                    // the session is broken; the caller drops it
                }
            }
            throw e;
        }
    }

    static Connection open(ConnectionSource cs, SessionSetup setup, String name) throws SQLException {
        Connection c = cs.open(name);
        try {
            setup.prepare(c);
            VerifySession.apply(c);
            return c;
        } catch (SQLException | RuntimeException e) {
            close(c);
            throw e;
        }
    }

    /** A session that cannot run a query any more (connection lost, or its snapshot transaction aborted). */
    private static boolean broken(Connection c) {
        try (Statement st = c.createStatement()) {
            st.setQueryTimeout(30);
            st.execute("SELECT 1");
            return false;
        } catch (SQLException | RuntimeException e) {
            return true;
        }
    }

    /**
     * Waits for the worker threads; interrupted, it empties their queue so that none starts another table,
     * interrupts them, and passes the interruption on.
     */
    static void awaitWorkers(List<Thread> threads, java.util.Queue<?> queue) throws InterruptedException {
        try {
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            queue.clear();
            threads.forEach(Thread::interrupt);
            throw e;
        }
    }

    static void close(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException | RuntimeException e) {
                // thrown away
            }
        }
    }
}
