package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Running the schema-object readers' queries, and the filters they all share. */
public final class CatalogQuery {
    private CatalogQuery() {
    }

    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    public static <T> List<T> list(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
        List<T> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row.map(rs));
                }
            }
        }
        return List.copyOf(out);
    }

    /** A schema of the user's: not pg_catalog, information_schema, pg_toast* or pg_temp*. */
    static String userSchema(String nspAlias) {
        return nspAlias + ".nspname NOT IN ('pg_catalog', 'information_schema')"
                + " AND " + nspAlias + ".nspname NOT LIKE 'pg\\_toast%'"
                + " AND " + nspAlias + ".nspname NOT LIKE 'pg\\_temp\\_%'";
    }

    /**
     * Not created by initdb (OIDs below 16384 are) and not a member of an extension: CREATE EXTENSION
     * makes those again on the target.
     */
    static String userObject(String catalog, String oidExpr) {
        return oidExpr + " >= 16384 AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend ext"
                + " WHERE ext.classid = 'pg_catalog." + catalog + "'::pg_catalog.regclass"
                + " AND ext.objid = " + oidExpr + " AND ext.deptype = 'e')";
    }
}
