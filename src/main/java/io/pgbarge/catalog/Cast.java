package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A cast made by CREATE CAST. Casts have no name, schema or owner: they are known by their two types.
 *
 * @param oid         the cast's OID in pg_cast
 * @param source      the source type, format_type
 * @param target      the target type, format_type
 * @param method      castmethod: 'f' function, 'i' inout, 'b' binary-coercible (no function)
 * @param function    the function as regprocedure prints it, {@code s.f(integer)}; null without one
 * @param functionOid its OID, 0 without one
 * @param context     castcontext: 'e' explicit only, 'a' in assignments, 'i' implicit
 * @param comment     the cast's comment, or null
 */
public record Cast(long oid, String source, long sourceOid, String target, long targetOid, char method,
                   String function, long functionOid, char context, String comment) {

    /**
     * Leaves out casts made by another object (deptype 'i': a range's cast to its multirange, 14+),
     * as pg_dump does.
     */
    static List<Cast> read(Connection c, ServerInfo server) throws SQLException {
        String sql = "SELECT ca.oid, pg_catalog.format_type(ca.castsource, NULL) AS source, ca.castsource,"
                + " pg_catalog.format_type(ca.casttarget, NULL) AS target, ca.casttarget, ca.castmethod,"
                + " CASE WHEN ca.castfunc <> 0 THEN ca.castfunc::pg_catalog.regprocedure::pg_catalog.text END AS func,"
                + " ca.castfunc, ca.castcontext, pg_catalog.obj_description(ca.oid, 'pg_cast') AS comment"
                + " FROM pg_catalog.pg_cast ca"
                + " WHERE " + CatalogQuery.userObject("pg_cast", "ca.oid")
                + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend i"
                + " WHERE i.classid = 'pg_catalog.pg_cast'::pg_catalog.regclass AND i.objid = ca.oid AND i.deptype = 'i')"
                + " ORDER BY 2, 4";
        return CatalogQuery.list(c, sql, rs -> new Cast(rs.getLong("oid"), rs.getString("source"),
                rs.getLong("castsource"), rs.getString("target"), rs.getLong("casttarget"),
                rs.getString("castmethod").charAt(0), rs.getString("func"), rs.getLong("castfunc"),
                rs.getString("castcontext").charAt(0), rs.getString("comment")));
    }
}
