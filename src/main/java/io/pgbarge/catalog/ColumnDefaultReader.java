package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Reads column defaults from pg_attrdef; generation expressions are part of {@link Column} instead. */
final class ColumnDefaultReader {
    private ColumnDefaultReader() {
    }

    static List<ColumnDefault> read(Connection c) throws SQLException {
        String sql = "SELECT d.oid, d.adrelid, d.adnum, a.attname, pg_catalog.pg_get_expr(d.adbin, d.adrelid) AS expr"
                + " FROM pg_catalog.pg_attrdef d"
                + " JOIN pg_catalog.pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum"
                + " WHERE d.adrelid IN (" + TableScope.TABLES + ") AND a.attgenerated = '' AND NOT a.attisdropped"
                + " ORDER BY d.adrelid, d.adnum";
        return CatalogQuery.list(c, sql, rs -> new ColumnDefault(rs.getLong("oid"), rs.getLong("adrelid"),
                rs.getInt("adnum"), rs.getString("attname"), rs.getString("expr")));
    }
}
