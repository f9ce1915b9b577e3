package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Which user relations (tables, indexes, materialized views) live outside the database's default
 * tablespace, by OID. Read apart from the relations themselves: placement is one concern for all kinds.
 */
public final class RelationTablespaces {
    private RelationTablespaces() {
    }

    public static Map<Long, String> read(Connection c) throws SQLException {
        Map<Long, String> out = new HashMap<>();
        String sql = "SELECT c.oid, t.spcname FROM pg_catalog.pg_class c"
                + " JOIN pg_catalog.pg_tablespace t ON t.oid = c.reltablespace"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.reltablespace <> 0 AND c.oid >= 16384 AND c.relkind IN ('r', 'p', 'm', 'i', 'I')"
                + " AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'";
        try (var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getString(2));
            }
        }
        return Map.copyOf(out);
    }
}
