package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An operator (pg_amop) or support function (pg_amproc) of an operator family. pg_depend tells
 * whose it is: an operator class's own members depend on the class (deptype 'i') and come and go
 * with it; "loose" members, added by ALTER OPERATOR FAMILY (or by the access method's choice),
 * depend on the family (deptype 'a').
 *
 * @param oid          the pg_amop or pg_amproc OID
 * @param isOperator   true for an operator, false for a support function
 * @param number       the strategy or support function number
 * @param leftType     amoplefttype / amproclefttype, format_type
 * @param rightType    amoprighttype / amprocrighttype, format_type
 * @param reference    the operator as regoperator prints it ({@code s.<<<(s.t,s.t)}), or the function as
 *                     regprocedure does ({@code s.cmp(s.t,s.t)})
 * @param referenceOid the operator's or function's OID
 * @param sortFamily   for an ordering operator, the btree family its results sort by; else null
 */
public record OperatorMember(long oid, boolean isOperator, int number, String leftType, String rightType,
                             String reference, long referenceOid, QualifiedName sortFamily) {

    /**
     * The members of every class or family, by the OID of their owner.
     *
     * @param ownerCatalog pg_opclass or pg_opfamily
     * @param deptype      'i' for a class's own members, 'a' for a family's loose ones
     */
    static Map<Long, List<OperatorMember>> read(Connection c, String ownerCatalog, char deptype) throws SQLException {
        String dep = " JOIN pg_catalog.pg_depend d ON d.classid = '%s'::pg_catalog.regclass AND d.objid = %s"
                + " AND d.refclassid = 'pg_catalog." + ownerCatalog + "'::pg_catalog.regclass AND d.deptype = '" + deptype + "'";
        String sql = "SELECT d.refobjid AS owner_oid, true AS is_op, ao.oid, ao.amopstrategy::integer AS num,"
                + " pg_catalog.format_type(ao.amoplefttype, NULL) AS lt, pg_catalog.format_type(ao.amoprighttype, NULL) AS rt,"
                + " ao.amopopr::pg_catalog.regoperator::pg_catalog.text AS ref, ao.amopopr::pg_catalog.oid AS ref_oid,"
                + " sn.nspname AS sort_schema, sf.opfname AS sort_name, sf.oid AS sort_oid"
                + " FROM pg_catalog.pg_amop ao" + String.format(dep, "pg_catalog.pg_amop", "ao.oid")
                + " LEFT JOIN pg_catalog.pg_opfamily sf ON ao.amoppurpose = 'o' AND sf.oid = ao.amopsortfamily"
                + " LEFT JOIN pg_catalog.pg_namespace sn ON sn.oid = sf.opfnamespace"
                + " UNION ALL"
                + " SELECT d.refobjid, false, ap.oid, ap.amprocnum::integer,"
                + " pg_catalog.format_type(ap.amproclefttype, NULL), pg_catalog.format_type(ap.amprocrighttype, NULL),"
                + " ap.amproc::pg_catalog.regprocedure::pg_catalog.text, ap.amproc::pg_catalog.oid, NULL, NULL, NULL"
                + " FROM pg_catalog.pg_amproc ap" + String.format(dep, "pg_catalog.pg_amproc", "ap.oid")
                + " ORDER BY owner_oid, is_op DESC, num, lt, rt";
        record Owned(long owner, OperatorMember member) {
        }
        List<Owned> rows = CatalogQuery.list(c, sql, rs -> new Owned(rs.getLong("owner_oid"),
                new OperatorMember(rs.getLong("oid"), rs.getBoolean("is_op"), rs.getInt("num"), rs.getString("lt"),
                        rs.getString("rt"), rs.getString("ref"), rs.getLong("ref_oid"),
                        rs.getString("sort_name") == null ? null
                                : new QualifiedName(rs.getString("sort_schema"), rs.getString("sort_name"), rs.getLong("sort_oid")))));
        return rows.stream().collect(Collectors.groupingBy(Owned::owner, LinkedHashMap::new,
                Collectors.mapping(Owned::member, Collectors.toList())));
    }
}
