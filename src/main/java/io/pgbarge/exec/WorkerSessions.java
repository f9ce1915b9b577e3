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
    private Connection sourceConn;
    private Connection targetConn;

    public WorkerSessions(String name, ConnectionSource source, SessionSetup sourceSetup,
                          ConnectionSource target, SessionSetup targetSetup) {
        this.name = name;
        this.source = source;
        this.sourceSetup = sourceSetup;
        this.target = target;
        this.targetSetup = targetSetup;
    }

    public Connection source() throws SQLException {
        if (sourceConn == null) {
            Connection c = source.open("pgbarge:" + name);
            try {
                sourceSetup.prepare(c);
            } catch (SQLException e) {
                closeQuietly(c);
                throw e;
            }
            sourceConn = c;
        }
        return sourceConn;
    }

    public Connection target() throws SQLException {
        if (targetConn == null) {
            Connection c = target.open("pgbarge:" + name);
            try {
                targetSetup.prepare(c);
            } catch (SQLException e) {
                closeQuietly(c);
                throw e;
            }
            targetConn = c;
        }
        return targetConn;
    }

    /** After a failed step: both sessions are dropped, the next step opens new ones. */
    public void discard() {
        closeQuietly(sourceConn);
        closeQuietly(targetConn);
        sourceConn = null;
        targetConn = null;
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
