package io.pgbarge.copy;

import io.pgbarge.catalog.Table;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Holds the source transaction whose exported snapshot every other source session joins, so that
 * the catalog and all table data are read as of one instant — as pg_dump -j does. The transaction
 * stays open (and the tables share-locked against DROP/ALTER) until the copy ends.
 */
public final class SnapshotHolder implements AutoCloseable {
    private final Connection conn;
    private final String snapshotId;

    private SnapshotHolder(Connection conn, String snapshotId) {
        this.conn = conn;
        this.snapshotId = snapshotId;
    }

    public static SnapshotHolder open(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement()) {
            // an idle holder must not be cut off by server timeouts while workers copy
            st.execute("SET idle_in_transaction_session_timeout = 0");
            st.execute("SET statement_timeout = 0");
            conn.setAutoCommit(false);
            st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            try (var rs = st.executeQuery("SELECT pg_catalog.pg_export_snapshot()")) {
                rs.next();
                return new SnapshotHolder(conn, rs.getString(1));
            }
        }
    }

    public String snapshotId() {
        return snapshotId;
    }

    /** The holder's own session, inside the snapshot (the catalog is read through it). */
    public Connection connection() {
        return conn;
    }

    /** ACCESS SHARE locks, as pg_dump takes, so no table is dropped or rewritten under the copy. */
    public void lockTables(List<Table> tables) throws SQLException {
        final int batch = 200;
        try (Statement st = conn.createStatement()) {
            for (int i = 0; i < tables.size(); i += batch) {
                String names = tables.subList(i, Math.min(tables.size(), i + batch)).stream()
                        .map(Table::qualifiedName).collect(Collectors.joining(", "));
                st.execute("LOCK TABLE " + names + " IN ACCESS SHARE MODE");
            }
        }
    }

    /** Joins another source session to the snapshot; call on a fresh session before anything else. */
    public void join(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET idle_in_transaction_session_timeout = 0");
            st.execute("SET statement_timeout = 0");
            c.setAutoCommit(false);
            st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            try {
                st.execute("SET TRANSACTION SNAPSHOT '" + snapshotId.replace("'", "''") + "'");
            } catch (SQLException e) {
                if (!"22023".equals(e.getSQLState())) {
                    throw e;
                }
                // an exported snapshot lives as long as the transaction that exported it
                throw new SQLException("the session holding the copy's snapshot has ended (its backend was terminated"
                        + " or the source restarted), so no new session can read the same snapshot: " + e.getMessage(),
                        e.getSQLState(), e);
            }
        }
    }

    @Override
    public void close() {
        try {
            conn.rollback();
        } catch (SQLException e) {
            // nothing was written in this read-only transaction
        }
        try {
            conn.close();
        } catch (SQLException e) {
            // closing anyway
        }
    }
}
