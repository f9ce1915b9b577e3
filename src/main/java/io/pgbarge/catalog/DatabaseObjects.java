package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Database-level objects: the database's own settings and comment, role settings in the database,
 * tablespaces, event triggers, publications, subscriptions, large objects, and extension
 * configuration tables. STUB: being written.
 */
public record DatabaseObjects() {
    public static DatabaseObjects read(Connection c, ServerInfo server) throws SQLException {
        return new DatabaseObjects();
    }
}
