package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Tables with their columns, defaults, constraints, indexes and triggers, as immutable records.
 * STUB: being written by the tables engineer.
 */
public record TableObjects(List<Table> tables) {
    public static TableObjects read(Connection c, ServerInfo server) throws SQLException {
        return new TableObjects(List.of());
    }
}
