package io.pgbarge.exec;

import java.sql.Connection;
import java.sql.SQLException;

/** Prepares a freshly opened session before it does any work (settings, snapshot). */
@FunctionalInterface
public interface SessionSetup {
    void prepare(Connection c) throws SQLException;

    SessionSetup NONE = c -> { };
}
