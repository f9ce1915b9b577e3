package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * An operator made by CREATE OPERATOR. Shell operators (no function yet, made when another operator
 * names them as its commutator or negator) are left out, as pg_dump leaves them: naming them again
 * makes the target create the shell too.
 *
 * @param leftType   the left argument's type, format_type; null for a prefix operator
 * @param rightType  the right argument's type; null for a postfix operator (before 14)
 * @param function   the implementing function, regproc (qualified when outside pg_catalog)
 * @param commutator the commutator, or null
 * @param negator    the negator, or null
 * @param restrict   the restriction selectivity estimator, regproc, or null
 * @param join       the join selectivity estimator, regproc, or null
 */
public record Operator(ObjectHeader header, String leftType, long leftTypeOid, String rightType, long rightTypeOid,
                       String function, long functionOid, Ref commutator, Ref negator, String restrict,
                       long restrictOid, String join, long joinOid, boolean hashes, boolean merges) {

    /** Another operator, by schema and name, as {@code OPERATOR(schema.name)} names it. */
    public record Ref(String schema, String name, long namespaceOid) {
    }

    static List<Operator> read(Connection c, ServerInfo server) throws SQLException {
        String sql = "SELECT " + TypeSystemObjects.header("o.oid", "n.nspname", "o.oprname", "o.oprowner", "pg_operator")
                + ", CASE WHEN o.oprleft <> 0 THEN pg_catalog.format_type(o.oprleft, NULL) END AS lefttype, o.oprleft,"
                + " CASE WHEN o.oprright <> 0 THEN pg_catalog.format_type(o.oprright, NULL) END AS righttype, o.oprright,"
                + " o.oprcode::pg_catalog.text AS func, o.oprcode::pg_catalog.oid AS func_oid,"
                + " cn.nspname AS com_schema, co.oprname AS com_name, co.oprnamespace AS com_nsp,"
                + " gn.nspname AS neg_schema, ng.oprname AS neg_name, ng.oprnamespace AS neg_nsp,"
                + " CASE WHEN o.oprrest <> 0 THEN o.oprrest::pg_catalog.text END AS rest, o.oprrest::pg_catalog.oid AS rest_oid,"
                + " CASE WHEN o.oprjoin <> 0 THEN o.oprjoin::pg_catalog.text END AS joinsel, o.oprjoin::pg_catalog.oid AS join_oid,"
                + " o.oprcanhash, o.oprcanmerge"
                + " FROM pg_catalog.pg_operator o JOIN pg_catalog.pg_namespace n ON n.oid = o.oprnamespace"
                + " LEFT JOIN pg_catalog.pg_operator co ON co.oid = o.oprcom"
                + " LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.oprnamespace"
                + " LEFT JOIN pg_catalog.pg_operator ng ON ng.oid = o.oprnegate"
                + " LEFT JOIN pg_catalog.pg_namespace gn ON gn.oid = ng.oprnamespace"
                + " WHERE o.oprcode <> 0 AND " + CatalogQuery.userSchema("n")
                + " AND " + CatalogQuery.userObject("pg_operator", "o.oid")
                + " ORDER BY n.nspname, o.oprname, o.oid";
        return CatalogQuery.list(c, sql, rs -> new Operator(ObjectHeader.from(rs),
                rs.getString("lefttype"), rs.getLong("oprleft"), rs.getString("righttype"), rs.getLong("oprright"),
                rs.getString("func"), rs.getLong("func_oid"),
                ref(rs.getString("com_schema"), rs.getString("com_name"), rs.getLong("com_nsp")),
                ref(rs.getString("neg_schema"), rs.getString("neg_name"), rs.getLong("neg_nsp")),
                rs.getString("rest"), rs.getLong("rest_oid"), rs.getString("joinsel"), rs.getLong("join_oid"),
                rs.getBoolean("oprcanhash"), rs.getBoolean("oprcanmerge")));
    }

    private static Ref ref(String schema, String name, long namespaceOid) {
        return name == null ? null : new Ref(schema, name, namespaceOid);
    }
}
