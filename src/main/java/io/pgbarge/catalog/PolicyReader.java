package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Reads the row-level security policies of the user's tables. */
final class PolicyReader {
    private PolicyReader() {
    }

    static List<Policy> read(Connection c) throws SQLException {
        // polroles = {0} is PUBLIC (CREATE POLICY keeps only PUBLIC when it is named with others).
        // Role names in the stored order, joined through pg_roles because the target's OIDs differ.
        String sql = "SELECT p.oid, p.polrelid, p.polname, p.polpermissive, p.polcmd,"
                + " ARRAY(SELECT r.rolname FROM pg_catalog.unnest(p.polroles) WITH ORDINALITY AS u(oid, n)"
                + "   JOIN pg_catalog.pg_roles r ON r.oid = u.oid ORDER BY u.n) AS roles,"
                + " pg_catalog.pg_get_expr(p.polqual, p.polrelid) AS qual,"
                + " pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) AS withcheck,"
                + " pg_catalog.obj_description(p.oid, 'pg_policy') AS comment"
                + " FROM pg_catalog.pg_policy p"
                + " WHERE p.polrelid IN (" + TableScope.TABLES + ")"
                + " ORDER BY p.polrelid, p.polname";
        return CatalogQuery.list(c, sql, rs -> new Policy(rs.getLong("oid"), rs.getLong("polrelid"),
                rs.getString("polname"), rs.getBoolean("polpermissive"), TableScope.ch(rs, "polcmd"),
                TableScope.textArray(rs, "roles"), rs.getString("qual"), rs.getString("withcheck"),
                rs.getString("comment")));
    }
}
