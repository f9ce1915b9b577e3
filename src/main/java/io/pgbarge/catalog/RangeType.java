package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A range type, and on 14+ the multirange type made with it.
 *
 * @param subtype            format_type of the element type
 * @param opclass            qualified subtype operator class when it is not the subtype's default, else null
 * @param collation          qualified collation when it differs from the subtype's, else null
 * @param canonical          the canonical function (regproc text), or null
 * @param subtypeDiff        the subtype_diff function (regproc text), or null
 * @param multirangeOid      0 before 14
 * @param multirangeArrayOid 0 before 14
 * @param multirangeSchema   the multirange type's schema (usually the range's), null before 14
 * @param multirangeName     the multirange type's bare name, null before 14
 */
public record RangeType(ObjectHeader header, long arrayOid, String subtype, String opclass, String collation,
                        String canonical, String subtypeDiff, long multirangeOid, long multirangeArrayOid,
                        String multirangeSchema, String multirangeName) {

    static List<RangeType> read(Connection c, ServerInfo server) throws SQLException {
        String multirange = server.atLeast(14)
                ? " r.rngmultitypid AS mroid, mt.typarray AS mrarray, mt.typname AS mrname,"
                + " (SELECT nspname FROM pg_catalog.pg_namespace WHERE oid = mt.typnamespace) AS mrschema"
                : " 0::oid AS mroid, 0::oid AS mrarray, NULL::name AS mrname, NULL::name AS mrschema";
        String sql = "SELECT " + TypeQuery.HEADER + ", t.typarray,"
                + " pg_catalog.format_type(r.rngsubtype, NULL) AS subtype,"
                + " CASE WHEN NOT opc.opcdefault THEN pg_catalog.quote_ident(opn.nspname) || '.'"
                + " || pg_catalog.quote_ident(opc.opcname) END AS opclass,"
                + " CASE WHEN r.rngcollation <> st.typcollation THEN " + TypeQuery.collationName("r.rngcollation")
                + " END AS collation,"
                + " NULLIF(r.rngcanonical::text, '-') AS canonical, NULLIF(r.rngsubdiff::text, '-') AS subdiff,"
                + multirange
                + " FROM " + TypeQuery.FROM + " JOIN pg_catalog.pg_range r ON r.rngtypid = t.oid"
                + " JOIN pg_catalog.pg_type st ON st.oid = r.rngsubtype"
                + " JOIN pg_catalog.pg_opclass opc ON opc.oid = r.rngsubopc"
                + " JOIN pg_catalog.pg_namespace opn ON opn.oid = opc.opcnamespace"
                + (server.atLeast(14) ? " LEFT JOIN pg_catalog.pg_type mt ON mt.oid = r.rngmultitypid" : "")
                + " WHERE t.typtype = 'r' AND " + TypeQuery.WHERE + " ORDER BY n.nspname, t.typname";
        return CatalogQuery.list(c, sql, rs -> new RangeType(ObjectHeader.from(rs), rs.getLong("typarray"),
                rs.getString("subtype"), rs.getString("opclass"), rs.getString("collation"),
                rs.getString("canonical"), rs.getString("subdiff"), rs.getLong("mroid"), rs.getLong("mrarray"),
                rs.getString("mrschema"), rs.getString("mrname")));
    }
}
