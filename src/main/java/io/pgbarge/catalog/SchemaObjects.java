package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Schemas, extensions, types, functions, aggregates, sequences, views and materialized views of the
 * source, as immutable records. STUB: being written by the schema-objects engineer.
 */
public record SchemaObjects() {
    public static SchemaObjects read(Connection c, ServerInfo server) throws SQLException {
        return new SchemaObjects();
    }
}
