package io.pgbarge.copy;

import io.pgbarge.catalog.Table;
import io.pgbarge.report.RunProgress;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Copies one table's rows from a source session (inside the snapshot) to a target session. The load
 * is one target transaction: TRUNCATE then COPY … FREEZE, so a retry starts clean and the rows need
 * no later freeze. Binary COPY only where every column type is built in.
 */
public final class TableCopier {
    private TableCopier() {
    }

    public static CopyPump.Counts copy(Table table, Connection source, Connection target,
                                       RunProgress.TableState progress) throws SQLException {
        String out = copyOut(table);
        String in = copyIn(table);
        return inTransaction(target, () -> {
            try (Statement st = target.createStatement()) {
                st.execute("TRUNCATE ONLY " + table.qualifiedName());
            }
            return CopyPump.pump(source, out, target, in, progress);
        });
    }

    /** The source side's statement, for the copy and for error messages. */
    static String copyOut(Table table) {
        return "COPY " + table.qualifiedName() + " " + table.copyColumnList() + " TO STDOUT (FORMAT " + format(table) + ")";
    }

    /** The target side's statement. */
    static String copyIn(Table table) {
        return "COPY " + table.qualifiedName() + " " + table.copyColumnList() + " FROM STDIN (FORMAT " + format(table)
                + ", FREEZE)";
    }

    private static String format(Table table) {
        return table.binaryCopySafe() ? "binary" : "text";
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
        boolean autoCommit = target.getAutoCommit();
        target.setAutoCommit(false);
        try {
            CopyPump.Counts counts = load.run();
            target.commit();
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
