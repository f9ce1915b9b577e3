package io.pgbarge.catalog;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** Which relations the tables readers look at, and small helpers they share. */
final class TableScope {
    private TableScope() {
    }

    /**
     * The oids of the user's relations of these relkinds: tables are r, p and f (foreign tables are
     * tables without rows of their own); indexes also live on materialized views (m).
     */
    static String relations(String relkinds) {
        return "SELECT c.oid FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind IN (" + relkinds + ") AND " + CatalogQuery.userSchema("n")
                + " AND " + CatalogQuery.userObject("pg_class", "c.oid");
    }

    static final String TABLES = relations("'r', 'p', 'f'");
    static final String TABLES_AND_MATVIEWS = relations("'r', 'p', 'm'");

    /** A text[] column as a list; NULL becomes the empty list. */
    static List<String> textArray(ResultSet rs, String column) throws SQLException {
        Array a = rs.getArray(column);
        return a == null ? List.of() : List.of((String[]) a.getArray());
    }

    static char ch(ResultSet rs, String column) throws SQLException {
        String s = rs.getString(column);
        return s == null || s.isEmpty() ? '\0' : s.charAt(0);
    }
}
