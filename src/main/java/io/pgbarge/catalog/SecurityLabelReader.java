package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Reads the security labels on the user's tables and their columns. */
final class SecurityLabelReader {
    private SecurityLabelReader() {
    }

    static List<SecurityLabel> read(Connection c) throws SQLException {
        String sql = "SELECT l.objoid, a.attname, l.provider, l.label FROM pg_catalog.pg_seclabel l"
                + " LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = l.objoid AND a.attnum = l.objsubid"
                + " WHERE l.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass"
                + " AND l.objoid IN (" + TableScope.TABLES + ") AND (l.objsubid = 0 OR NOT a.attisdropped)"
                + " ORDER BY l.objoid, l.objsubid, l.provider";
        return CatalogQuery.list(c, sql, rs -> new SecurityLabel(rs.getLong("objoid"), rs.getString("attname"),
                rs.getString("provider"), rs.getString("label")));
    }
}
