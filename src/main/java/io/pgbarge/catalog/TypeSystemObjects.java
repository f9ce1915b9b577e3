package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Collations, conversions, casts, operators, operator classes and families, access methods,
 * transforms, procedural languages and text search objects. STUB: being written.
 */
public record TypeSystemObjects() {
    public static TypeSystemObjects read(Connection c, ServerInfo server) throws SQLException {
        return new TypeSystemObjects();
    }
}
