package io.pgbarge.check;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Running the checks' catalog queries. */
final class Queries {
    private Queries() {
    }

    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    static <T> List<T> list(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
        return io.pgbarge.catalog.CatalogQuery.list(c, sql, row::map, params);
    }

    /** The first column of every row. */
    static List<String> strings(Connection c, String sql, Object... params) throws SQLException {
        return list(c, sql, rs -> rs.getString(1), params);
    }

    static Set<String> stringSet(Connection c, String sql, Object... params) throws SQLException {
        return new LinkedHashSet<>(strings(c, sql, params));
    }

    /** The first column of the first row, or null. */
    static String scalar(Connection c, String sql, Object... params) throws SQLException {
        List<String> rows = strings(c, sql, params);
        return rows.isEmpty() ? null : rows.get(0);
    }

    static long number(Connection c, String sql, Object... params) throws SQLException {
        String s = scalar(c, sql, params);
        return s == null ? 0 : Long.parseLong(s);
    }

    /** A schema of the user's: not pg_catalog, information_schema, pg_toast* or pg_temp*. */
    static String userSchema(String nspAlias) {
        return nspAlias + ".nspname NOT IN ('pg_catalog', 'information_schema')"
                + " AND " + nspAlias + ".nspname NOT LIKE 'pg\\_toast%'"
                + " AND " + nspAlias + ".nspname NOT LIKE 'pg\\_temp\\_%'";
    }

    /** Not made by initdb and not a member of an extension (CREATE EXTENSION makes those). */
    static String userObject(String catalog, String oidExpr) {
        return oidExpr + " >= 16384 AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend ext"
                + " WHERE ext.classid = 'pg_catalog." + catalog + "'::pg_catalog.regclass"
                + " AND ext.objid = " + oidExpr + " AND ext.deptype = 'e')";
    }

    /** {@code a, b, c, … 7 more} for messages. */
    static String shortList(List<String> items, int shown) {
        if (items.size() <= shown) {
            return String.join(", ", items);
        }
        return String.join(", ", items.subList(0, shown)) + ", … " + (items.size() - shown) + " more";
    }

    /** "1 table", "3 tables". */
    static String count(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }

    static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB"};
        double v = b;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (v >= 100 ? String.format("%.0f", v) : String.format("%.1f", v)) + " " + units[u];
    }
}
