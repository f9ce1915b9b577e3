package io.pgbarge.exec;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The sessions one worker uses: a source session inside the exported snapshot and a target session,
 * opened on first use. A session that failed is closed and opened anew for the next step, never
 * reused (its COPY or transaction state is unknown).
 */
public final class WorkerSessions implements AutoCloseable {
    private final String name;
    private final ConnectionSource source;
    private final SessionSetup sourceSetup;
    private final ConnectionSource target;
    private final SessionSetup targetSetup;
    private volatile Connection sourceConn;
    private volatile Connection targetConn;

    public WorkerSessions(String name, ConnectionSource source, SessionSetup sourceSetup,
                          ConnectionSource target, SessionSetup targetSetup) {
        this.name = name;
        this.source = source;
        this.sourceSetup = sourceSetup;
        this.target = target;
        this.targetSetup = targetSetup;
    }

    /** @throws ServerSideException naming the source when the session cannot be opened or prepared */
    public Connection source() throws SQLException {
        Connection c = sourceConn;
        if (c == null) {
            c = open(source, sourceSetup, "source");
            synchronized (this) {
                sourceConn = c;
            }
        }
        return c;
    }

    /** @throws ServerSideException naming the target when the session cannot be opened or prepared */
    public Connection target() throws SQLException {
        Connection c = targetConn;
        if (c == null) {
            c = open(target, targetSetup, "target");
            synchronized (this) {
                targetConn = c;
            }
        }
        return c;
    }

    private Connection open(ConnectionSource cs, SessionSetup setup, String server) throws SQLException {
        Connection c;
        try {
            c = cs.open("pgbarge:" + name);
        } catch (SQLException e) {
            throw new ServerSideException(server, e);
        }
        try {
            setup.prepare(c);
        } catch (SQLException e) {
            closeQuietly(c);
            throw new ServerSideException(server, e);
        }
        return c;
    }

    /**
     * Asks both servers to cancel what this worker's sessions are running (a COPY, an index build), from
     * another thread: the worker's step then fails with "canceling statement due to user request".
     */
    public void cancelRunning() {
        Connection s;
        Connection t;
        synchronized (this) {
            s = sourceConn;
            t = targetConn;
        }
        cancel(s);
        cancel(t);
    }

    private static void cancel(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.unwrap(org.postgresql.PGConnection.class).cancelQuery();
        } catch (SQLException | RuntimeException e) {
            // the session is closed when its worker stops
        }
    }

    /** After a failed step: both sessions are dropped, the next step opens new ones. */
    public void discard() {
        Connection s;
        Connection t;
        synchronized (this) {
            s = sourceConn;
            t = targetConn;
            sourceConn = null;
            targetConn = null;
        }
        closeQuietly(s);
        closeQuietly(t);
    }

    @Override
    public void close() {
        discard();
    }

    static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException | RuntimeException e) {
                // the session is being thrown away
            }
        }
    }
}
