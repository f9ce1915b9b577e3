package io.pgbarge.copy;

import io.pgbarge.catalog.Table;
import io.pgbarge.report.RunProgress;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Copies one table's rows from a source session (inside the snapshot) to a target session. The load
 * is one target transaction that first empties the table, so a retry (or a resumed run) starts clean.
 * A large table is emptied with TRUNCATE and loaded with COPY … FREEZE, so its rows need no later
 * freeze. A small table is emptied with DELETE instead: TRUNCATE gives the table new files, and
 * dropping the old ones scans all of shared_buffers (milliseconds on a server with gigabytes of
 * them, times thousands of small tables), while DELETE on the empty table a copy creates costs
 * nothing. Binary COPY only where every column type is built in.
 */
public final class TableCopier {
    /** Tables at least this large (heap + TOAST) are loaded with TRUNCATE + COPY FREEZE. */
    static final long FREEZE_MIN_BYTES = 32L << 20;

    private TableCopier() {
    }

    public static CopyPump.Counts copy(Table table, Connection source, Connection target,
                                       RunProgress.TableState progress) throws SQLException {
        return copy(table, source, target, progress, null);
    }

    /** Work that runs after a table's rows are in, before its transaction commits. */
    @FunctionalInterface
    public interface ThenInSameTransaction {
        void run(CopyPump.Counts counts) throws SQLException;
    }

    /** @param then run after the COPY in the load's transaction (null: nothing); if it fails, the load rolls back */
    public static CopyPump.Counts copy(Table table, Connection source, Connection target,
                                       RunProgress.TableState progress, ThenInSameTransaction then)
            throws SQLException {
        return copy(table, java.util.List.of(), source, target, progress, then);
    }

    /**
     * @param create statements that create the table first, in the load's transaction (see
     *               plan.LoadCreates); empty when the table exists. A table created here is new, so
     *               nothing is emptied and the rows go in with FREEZE.
     */
    public static CopyPump.Counts copy(Table table, java.util.List<io.pgbarge.ddl.Statement> create, Connection source,
                                       Connection target, RunProgress.TableState progress,
                                       ThenInSameTransaction then) throws SQLException {
        boolean created = !create.isEmpty();
        boolean freeze = created || freeze(table);
        String out = copyOut(table);
        String in = copyIn(table, created);
        return inTransaction(target, () -> {
            CopyPump.Counts counts = CopyPump.pump(source, out, target, in, progress, () -> {
                if (created) {
                    AfterRows.run(table, create, false, target, e -> { });
                } else {
                    try (Statement st = target.createStatement()) {
                        st.execute((freeze ? "TRUNCATE ONLY " : "DELETE FROM ONLY ") + table.qualifiedName());
                    }
                }
            });
            if (then != null) {
                then.run(counts);
            }
            return counts;
        });
    }

    /** The source side's statement, for the copy and for error messages. */
    static String copyOut(Table table) {
        if (table.hasPaddedColumns()) {
            // char(n) columns leave as text, without their blank padding (see Table.copySelectList)
            return "COPY (SELECT " + table.copySelectList() + " FROM ONLY " + table.qualifiedName()
                    + ") TO STDOUT (FORMAT " + format(table) + ")";
        }
        return "COPY " + table.qualifiedName() + " " + table.copyColumnList() + " TO STDOUT (FORMAT " + format(table) + ")";
    }

    /** The target side's statement. */
    static String copyIn(Table table) {
        return copyIn(table, false);
    }

    /** @param created the table was created in the load's transaction */
    static String copyIn(Table table, boolean created) {
        return "COPY " + table.qualifiedName() + " " + table.copyColumnList() + " FROM STDIN (FORMAT " + format(table)
                + (created || freeze(table) ? ", FREEZE)" : ")");
    }

    private static boolean freeze(Table table) {
        return table.estimatedBytes() >= FREEZE_MIN_BYTES;
    }

    private static String format(Table table) {
        return table.binaryCopySafe() ? "binary" : "text";
    }

    /**
     * Copies one slice of a table whose rows a TRUNCATE step emptied before: a plain COPY (no FREEZE,
     * which needs the TRUNCATE in the same transaction) in one target transaction of its own. A slice
     * that fails is rolled back whole, so running it again (a retry, or a resumed run) adds its rows
     * exactly once; the other slices' committed rows are not touched.
     */
    public static CopyPump.Counts copySlice(Table table, io.pgbarge.plan.TableSlice slice, Connection source,
                                            Connection target, RunProgress.TableState progress) throws SQLException {
        String format = table.binaryCopySafe() ? "binary" : "text";
        String columns = table.copyColumnList();
        String out = "COPY (SELECT " + table.copySelectList() + " FROM ONLY " + table.qualifiedName() + " WHERE " + slice.where()
                + ") TO STDOUT (FORMAT " + format + ")";
        String in = "COPY " + table.qualifiedName() + " " + columns + " FROM STDIN (FORMAT " + format + ")";
        return inTransaction(target, () -> CopyPump.pump(source, out, target, in, progress), true);
    }

    /**
     * Adds the rows of a query to a table that already holds rows of its own — an extension's
     * configuration table, whose extension inserted its defaults — so no TRUNCATE and no FREEZE.
     */
    public static CopyPump.Counts append(String qualifiedTable, String sourceQuery, Connection source,
                                         Connection target, RunProgress.TableState progress) throws SQLException {
        return inTransaction(target, () -> CopyPump.pump(source, "COPY (" + sourceQuery + ") TO STDOUT", target,
                "COPY " + qualifiedTable + " FROM STDIN", progress));
    }

    private interface Load {
        CopyPump.Counts run() throws SQLException;
    }

    private static CopyPump.Counts inTransaction(Connection target, Load load) throws SQLException {
        return inTransaction(target, load, false);
    }

    /**
     * @param notIdempotent the load adds rows without emptying the table first (a slice): when the
     *                      connection is lost during its COMMIT, nobody knows whether the rows were
     *                      stored, so the error is one no retry repeats (SQLSTATE 40003); the run stops
     *                      resumable and a resumed run reloads the whole table
     */
    private static CopyPump.Counts inTransaction(Connection target, Load load, boolean notIdempotent)
            throws SQLException {
        boolean autoCommit = target.getAutoCommit();
        target.setAutoCommit(false);
        try {
            CopyPump.Counts counts = load.run();
            try {
                target.commit();
            } catch (SQLException e) {
                if (notIdempotent && io.pgbarge.exec.PgError.connectionLost(e)) {
                    throw new SQLException("the connection was lost while the slice's COMMIT was under way, so"
                            + " whether its rows were stored is unknown (" + e.getMessage() + ")", "40003");
                }
                throw e;
            }
            return counts;
        } catch (SQLException | RuntimeException e) {
            try {
                target.rollback();
            } catch (SQLException ignored) {
                // the session is discarded by the caller
            }
            throw e;
        } finally {
            try {
                target.setAutoCommit(autoCommit);
            } catch (SQLException ignored) {
                // the session is discarded by the caller
            }
        }
    }
}
