package io.pgbarge.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * An operator class made by CREATE OPERATOR CLASS.
 *
 * @param accessMethod the index access method's name
 * @param type         the input type (opcintype), format_type
 * @param isDefault    whether it is the default class for the type and method
 * @param family       the family it belongs to
 * @param storage      the stored type (opckeytype) when it differs from the input type, else null
 * @param members      the operators and support functions that belong to the class itself
 */
public record OperatorClass(ObjectHeader header, String accessMethod, long accessMethodOid, String type,
                            long typeOid, boolean isDefault, QualifiedName family, String storage,
                            List<OperatorMember> members) {

    public OperatorClass {
        members = List.copyOf(members);
    }

    static List<OperatorClass> read(Connection c, ServerInfo server) throws SQLException {
        Map<Long, List<OperatorMember>> own = OperatorMember.read(c, "pg_opclass", 'i');
        String sql = "SELECT " + TypeSystemObjects.header("o.oid", "n.nspname", "o.opcname", "o.opcowner", "pg_opclass")
                + ", am.amname, am.oid AS am_oid, pg_catalog.format_type(o.opcintype, NULL) AS intype, o.opcintype,"
                + " o.opcdefault, fn.nspname AS fam_schema, f.opfname AS fam_name, f.oid AS fam_oid,"
                + " CASE WHEN o.opckeytype <> 0 THEN pg_catalog.format_type(o.opckeytype, NULL) END AS keytype"
                + " FROM pg_catalog.pg_opclass o JOIN pg_catalog.pg_namespace n ON n.oid = o.opcnamespace"
                + " JOIN pg_catalog.pg_am am ON am.oid = o.opcmethod"
                + " JOIN pg_catalog.pg_opfamily f ON f.oid = o.opcfamily"
                + " JOIN pg_catalog.pg_namespace fn ON fn.oid = f.opfnamespace"
                + " WHERE " + CatalogQuery.userSchema("n") + " AND " + CatalogQuery.userObject("pg_opclass", "o.oid")
                + " ORDER BY n.nspname, o.opcname, am.amname, o.oid";
        return CatalogQuery.list(c, sql, rs -> {
            ObjectHeader h = ObjectHeader.from(rs);
            return new OperatorClass(h, rs.getString("amname"), rs.getLong("am_oid"), rs.getString("intype"),
                    rs.getLong("opcintype"), rs.getBoolean("opcdefault"),
                    new QualifiedName(rs.getString("fam_schema"), rs.getString("fam_name"), rs.getLong("fam_oid")),
                    rs.getString("keytype"), own.getOrDefault(h.oid(), List.of()));
        });
    }
}
