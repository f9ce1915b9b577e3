package io.pgbarge.copy;

import io.pgbarge.catalog.Table;
import io.pgbarge.report.RunProgress;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.CopyOut;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Copies one table's rows from a source session (inside the snapshot) to a target session, streaming
 * COPY TO STDOUT into COPY FROM STDIN without touching the rows. The load is one target transaction:
 * TRUNCATE then COPY … FREEZE, so a retry starts clean and the rows need no later freeze.
 */
public final class TableCopier {
    private TableCopier() {
    }

    /** Rows sent by the source and rows stored by the target (they must agree). */
    public record Counts(long sourceRows, long targetRows, long bytes) {
    }

    /** Which server an error came from, so that the operator is told where to look. */
    public static final class SideException extends SQLException {
        public final String side;

        SideException(String side, SQLException cause) {
            super(cause.getMessage(), cause.getSQLState(), cause);
            this.side = side;
        }
    }

    private static byte[] read(CopyOut copyOut) throws SideException {
        try {
            return copyOut.readFromCopy();
        } catch (SQLException e) {
            throw new SideException("source", e);
        }
    }

    public static Counts copy(Table table, Connection source, Connection target, RunProgress.TableState progress)
            throws SQLException {
        String format = table.binaryCopySafe() ? "binary" : "text";
        String columns = table.copyColumnList();
        String out = "COPY " + table.qualifiedName() + " " + columns + " TO STDOUT (FORMAT " + format + ")";
        String in = "COPY " + table.qualifiedName() + " " + columns + " FROM STDIN (FORMAT " + format + ", FREEZE)";
        boolean autoCommit = target.getAutoCommit();
        target.setAutoCommit(false);
        try {
            try (Statement st = target.createStatement()) {
                st.execute("TRUNCATE ONLY " + table.qualifiedName());
            }
            CopyManager src = source.unwrap(PGConnection.class).getCopyAPI();
            CopyManager tgt = target.unwrap(PGConnection.class).getCopyAPI();
            CopyOut copyOut;
            try {
                copyOut = src.copyOut(out);
            } catch (SQLException e) {
                throw new SideException("source", e);
            }
            CopyIn copyIn = null;
            long bytes = 0;
            try {
                copyIn = tgt.copyIn(in);
                byte[] chunk;
                while ((chunk = read(copyOut)) != null) {
                    copyIn.writeToCopy(chunk, 0, chunk.length);
                    bytes += chunk.length;
                    if (progress != null) {
                        // the server sends one CopyData message per row: a live row count for free
                        progress.bytes.addAndGet(chunk.length);
                        progress.rows.incrementAndGet();
                    }
                }
                long stored = copyIn.endCopy();
                long sent = copyOut.getHandledRowCount();
                target.commit();
                return new Counts(sent, stored, bytes);
            } finally {
                if (copyOut.isActive()) {
                    copyOut.cancelCopy();
                }
                if (copyIn != null && copyIn.isActive()) {
                    copyIn.cancelCopy();
                }
            }
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
